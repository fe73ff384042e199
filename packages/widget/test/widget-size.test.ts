/**
 * The size gate, measured on the wire in Chromium (gzip, one language): what the widget fetches
 * before the visitor's first interaction (JavaScript, CSS and configuration: the stylesheets and
 * the configuration travel inside the scripts), then the whole UI once the preferences centre is
 * open. Two pages: the demo page, which holds gated scripts and an embed (gating and
 * placeholders are part of the first layer), and a page with nothing gated. The first stage of
 * the two-stage load has a budget of its own.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, startHarness, type Harness } from './browser-harness.js';

/** Everything fetched before the first interaction. */
export const FIRST_LAYER_LIMIT = 6_000;
/** The whole UI: first layer plus what opening the preferences centre loads. */
export const WHOLE_WIDGET_LIMIT = 10_000;
/** `widget-boot.js`, the synchronous first stage of the two-stage load. */
export const BOOT_LIMIT = 1_500;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const WIDGET_FILE = /\/p\/[^/]+\/(widget|widget-boot|preferences)\.(js|css)(\?|$)/;

/** Encoded bytes of each widget file the page fetched, by URL, and whether it was a prefetch. */
function weigh(page: Page) {
  const fetched: { url: string; bytes: number; prefetch: boolean }[] = [];
  page.on('requestfinished', async (request) => {
    if (!WIDGET_FILE.test(request.url())) return;
    const response = await request.response();
    expect(response!.headers()['content-encoding']).toBe('gzip');
    fetched.push({
      url: request.url(),
      bytes: (await request.sizes()).responseBodySize,
      prefetch: !!(await request.allHeaders())['sec-purpose']?.includes('prefetch'),
    });
  });
  const sum = (list: typeof fetched) =>
    [...new Map(list.map((f) => [f.url, f.bytes])).values()].reduce((a, b) => a + b, 0);
  return {
    fetched,
    /** Everything but the idle prefetch, which only fills the HTTP cache. */
    beforeInteraction: () => sum(fetched.filter((f) => !f.prefetch)),
    whole: () => sum(fetched),
  };
}

/** A portal page with the widget and nothing to gate; `?boot` adds the two-stage load's first stage. */
const plainPage = (boot: boolean) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Portail</title>${boot ? `\n<script src="/p/${DEMO}/widget-boot.js"></script>` : ''}
<script src="/p/${DEMO}/widget.js?lang=fr" defer></script>
</head><body><h1>Portail</h1><p>Jeux de données ouverts.</p></body></html>`;

async function open(path: string) {
  const { context, page } = await h.newPage();
  await context.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
  await page.route(`${h.origin}/plain*`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: plainPage(route.request().url().includes('?boot')),
    }),
  );
  const weights = weigh(page);
  await page.goto(`${h.origin}${path}`, { waitUntil: 'load' });
  await page.waitForSelector('[data-galette-banner]', { state: 'visible' });
  await page.waitForLoadState('networkidle');
  return { context, page, weights };
}

async function measure(path: string) {
  const { context, page, weights } = await open(path);
  const before = weights.beforeInteraction();
  await page.click('[data-galette-banner] [data-galette-action="customise"]');
  await page.waitForSelector('[data-galette-preferences]');
  await page.waitForLoadState('networkidle');
  const whole = weights.whole();
  await context.close();
  return { before, whole, files: weights.fetched };
}

it('keeps a page with gated scripts and an embed under 6,000 bytes before any click, 10,000 in all', async () => {
  const { before, whole, files } = await measure(`/demo/${DEMO}?lang=fr`);
  expect(files.some((f) => f.url.includes('/widget.js?lang=fr') && !f.prefetch)).toBe(true);
  // The centre was fetched at idle, as a prefetch, not counted before the click.
  expect(files.some((f) => f.url.includes('/preferences.js') && f.prefetch)).toBe(true);
  expect(before).toBeGreaterThan(3_000);
  expect(before).toBeLessThanOrEqual(FIRST_LAYER_LIMIT);
  expect(whole).toBeGreaterThan(before);
  expect(whole).toBeLessThanOrEqual(WHOLE_WIDGET_LIMIT);
});

it('keeps a page with nothing gated under the same limits', async () => {
  const { before, whole } = await measure('/plain');
  expect(before).toBeLessThanOrEqual(FIRST_LAYER_LIMIT);
  expect(whole).toBeLessThanOrEqual(WHOLE_WIDGET_LIMIT);
});

it('keeps the first stage of the two-stage load under 1,500 bytes', async () => {
  const { context, weights } = await open('/plain?boot');
  const boot = weights.fetched.find((f) => f.url.includes('/widget-boot.js'));
  expect(boot!.bytes).toBeGreaterThan(500);
  expect(boot!.bytes).toBeLessThanOrEqual(BOOT_LIMIT);
  await context.close();
});
