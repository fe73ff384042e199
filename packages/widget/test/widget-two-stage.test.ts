/**
 * The two-stage load in a real Chromium: `widget-boot.js` first in `<head>` (synchronous, tiny),
 * `widget.js` deferred. Unmarked scripts and frames of declared hosts that follow the first tag,
 * in the HTML or created by a tag loader, must not run before consent, even while `widget.js` is
 * still on its way; the Consent Mode default is queued before them; a strict CSP is enough.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  consentCommands,
  cookieNames,
  DEMO,
  startHarness,
  type Harness,
} from './browser-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const BANNER = '[data-galette-banner]';

it('blocks an unmarked Google Analytics tag of a declared host before consent, before widget.js arrives', async () => {
  const { context, page } = await h.newPage();
  const port = new URL(h.origin).port;
  const tracker = `http://www.googletagmanager.com:${port}/demo-assets`;
  const violations: string[] = [];
  page.on(
    'console',
    (m) => m.text().includes('Content Security Policy') && violations.push(m.text()),
  );
  await page.route(`${h.origin}/two-stage`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: {
        'content-security-policy': `script-src 'self' http://www.googletagmanager.com:${port}; style-src 'self'`,
      },
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Portail</title>
<script src="/p/${DEMO}/widget-boot.js"></script>
<script id="ga" async src="${tracker}/gtag.js"></script>
<script src="/loader.js"></script>
<script src="/p/${DEMO}/widget.js?lang=fr" defer></script>
</head><body><h1>Portail</h1>
<iframe id="frame" src="http://www.youtube.com:${port}/demo-assets/video.html" width="300" height="150" title="Vidéo"></iframe>
</body></html>`,
    }),
  );
  // A tag loader as Google documents it: a script element created, given a src, inserted.
  await page.route(`${h.origin}/loader.js`, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `var s = document.createElement('script'); s.id = 'loaded'; s.async = true;
s.src = '${tracker}/gtag.js?loader'; document.head.appendChild(s);`,
    }),
  );
  // widget.js is held back: everything below happens with the first stage alone.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.endsWith('/widget.js'),
    async (route) => {
      await held;
      await route.fallback();
    },
  );
  const trackerRequests: string[] = [];
  page.on('request', (r) => trackerRequests.push(r.url()));

  // (DOMContentLoaded waits for deferred scripts: only the response is awaited.)
  await page.goto(`${h.origin}/two-stage`, { waitUntil: 'commit' });
  await page.waitForSelector('#loaded', { state: 'attached' });
  expect(await page.evaluate(() => window.galette)).toBeUndefined();
  expect(await page.getAttribute('#ga', 'type')).toBe('text/plain');
  expect(await page.getAttribute('#ga', 'data-galette')).toBe('statistics');
  expect(await page.getAttribute('#loaded', 'type')).toBe('text/plain');
  expect(await page.getAttribute('#frame', 'src')).toBeNull();
  expect(await page.getAttribute('#frame', 'data-galette')).toBe('marketing');
  expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
  expect(await cookieNames(context)).toEqual([]);
  // The loader's script was never requested (born inert); the Consent Mode default is queued.
  expect(trackerRequests.filter((u) => u.endsWith('gtag.js?loader'))).toEqual([]);
  const commands = await consentCommands(page);
  expect(commands).toHaveLength(1);
  expect(commands[0]!.slice(0, 2)).toEqual(['consent', 'default']);
  expect(commands[0]![2]).toMatchObject({ analytics_storage: 'denied', ad_storage: 'denied' });

  // The second stage takes over: banner, placeholder, and the tags run once accepted.
  release();
  await page.waitForSelector(BANNER, { state: 'visible' });
  await page.waitForSelector('.glt-ph');
  expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
  // Consent Mode's default is not queued twice.
  expect((await consentCommands(page)).map((c) => c[1])).toEqual(['default']);
  await page.click(`${BANNER} [data-galette-action="accept-all"]`);
  await page.waitForSelector('html[data-demo-statistics]');
  await page.waitForSelector('#frame[src]');
  expect(await cookieNames(context)).toEqual(
    expect.arrayContaining(['_ga', 'cookies_preferences']),
  );
  expect((await consentCommands(page)).map((c) => c[1])).toEqual(['default', 'update']);
  expect(violations).toEqual([]);
  await context.close();
}, 45_000);

it('leaves an accepted category alone from the first moment on the next page', async () => {
  const { context, page } = await h.newPage();
  await page.goto(`${h.origin}/demo/${DEMO}`);
  await page.click(`${BANNER} [data-galette-action="accept-all"]`);
  await page.waitForSelector('html[data-demo-statistics]');
  const port = new URL(h.origin).port;
  await page.route(`${h.origin}/two-stage-again`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="fr"><head>
<script src="/p/${DEMO}/widget-boot.js"></script>
<script id="ga" src="http://www.googletagmanager.com:${port}/demo-assets/gtag.js"></script>
<script src="/p/${DEMO}/widget.js?lang=fr" defer></script>
</head><body><p>Portail</p></body></html>`,
    }),
  );
  await page.goto(`${h.origin}/two-stage-again`);
  await page.waitForSelector('html[data-demo-statistics]');
  expect(await page.getAttribute('#ga', 'type')).toBeNull();
  expect(await page.locator(BANNER).count()).toBe(0);
  expect((await consentCommands(page)).map((c) => c[1])).toEqual(['default', 'update']);
  await context.close();
});
