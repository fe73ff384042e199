/**
 * The draft preview in Chromium: the sample page runs the real widget with the draft's
 * configuration (something only in the draft shows in its preferences centre), in both themes
 * and in the console's narrow frame without horizontal scrolling; choices made there reach the
 * preview sink only (no proof, no banner count) and leave the operator's own cookies alone;
 * the preview's index has no serious axe violation.
 */
import { CLI_PRINCIPAL, CONSENT_COOKIE, toPortalFile, type Declaration } from '@galette/core';
import { KyselyStore, openConsentLog } from '@galette/storage';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainApp, PortalService } from '../src/index.js';
import { runAxe } from '../../../test-support/axe.mjs';
import { consoleInChromium, type ConsoleInChromium } from './console-browser-kit.js';
import { A, PEOPLE, consoleKit, presetPortal } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
const BROWSER_TEST_MS = 120_000;
const BANNER = '[data-galette-banner]';
const CENTRE = '[data-galette-preferences]';
const PREVIEW = `/admin/portals/${A}/preview`;
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';
const DRAFT_TITLE = `Titre du brouillon ${HOSTILE}`;
const DRAFT_ONLY: Declaration = {
  provider: `Brouillon ${HOSTILE}`,
  service: { fr: 'Lecteur', en: 'Player' },
  name: 'draft_only_cookie',
  purpose: { fr: 'Seulement dans le brouillon', en: 'Draft only' },
  category: 'marketing',
  lifetime: 'P6M',
  party: 'third',
  domain: 'videos.example',
  storage: 'cookie',
};
/** The operator's own choice on the console, which the preview must neither read nor change. */
const OWN_CONSENT = 'operator-own-choice';

let kit: Kit;
let chromium: ConsoleInChromium;
let base: string;
let browser: Browser;

beforeAll(async () => {
  kit = await consoleKit({ consents: { rateLimit: false } });
  const content = presetPortal(A);
  await new PortalService({ store: kit.store, audit: kit.accounts.audit }).saveDraft(
    CLI_PRINCIPAL,
    A,
    toPortalFile({
      ...content,
      declarations: [...content.declarations, DRAFT_ONLY],
      widget: { texts: { bannerTitle: { fr: DRAFT_TITLE, en: 'Draft title' } } },
    }),
  );
  chromium = await consoleInChromium(kit.app);
  ({ base, browser } = chromium);
});
afterAll(async () => {
  await chromium?.close();
  await kit?.close();
});

async function editorPage(options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: CONSENT_COOKIE, value: OWN_CONSENT, url: base }]);
  const page = await context.newPage();
  await chromium.signIn(page, PEOPLE.editorA);
  return { context, page };
}

/** Everything the page sent to the consent API or the sink, by path. */
function posts(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') sent.push(new URL(request.url()).pathname);
  });
  return sent;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('the draft preview in Chromium', () => {
  it(
    'shows the draft’s banner and centre in both themes; choices reach the sink only',
    async () => {
      const { context, page } = await editorPage();
      const sent = posts(page);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

      for (const theme of ['dsfr', 'neutral'] as const) {
        await page.goto(`${base}${PREVIEW}/sample?lang=fr&theme=${theme}`);
        await page.waitForSelector(BANNER, { state: 'visible' });
        expect(await page.textContent(BANNER)).toContain(DRAFT_TITLE);
        const root = page.locator('#glt');
        const classes = (await root.getAttribute('class'))!.split(/\s+/);
        expect(classes.includes('dsfr'), theme).toBe(theme === 'dsfr');
        expect(await page.textContent('[data-galette-preview-marker]')).toContain(
          'Aperçu du brouillon — non publié',
        );
        // The centre lists what only the draft declares, its hostile text as text.
        await page.click(`${BANNER} [data-galette-action="customise"]`);
        await page.waitForSelector(CENTRE, { state: 'visible' });
        const centre = await page.textContent(CENTRE);
        expect(centre).toContain('draft_only_cookie');
        expect(centre).toContain(`Brouillon ${HOSTILE}`);
        expect(await page.title()).not.toBe('pwned');
        // The charter link of the centre opens the draft's charter, in the preview.
        expect(await page.getAttribute(`${CENTRE} a`, 'href')).toBe(
          `${base}${PREVIEW}/charte-cookies?lang=fr`,
        );
      }

      // Refuse, then accept: the banner goes, the sink gets the choices, nothing else does.
      await page.goto(`${base}${PREVIEW}/sample?lang=fr&theme=dsfr`);
      await page.waitForSelector(BANNER, { state: 'visible' });
      await page.click(`${BANNER} [data-galette-action="reject-all"]`);
      await page.waitForSelector(BANNER, { state: 'hidden' });
      await page.goto(`${base}${PREVIEW}/sample?lang=en&theme=neutral`);
      await page.waitForSelector(BANNER, { state: 'visible' });
      expect(await page.textContent(BANNER)).toContain('Draft title');
      await page.click(`${BANNER} [data-galette-action="accept-all"]`);
      await page.waitForSelector(BANNER, { state: 'hidden' });
      await expect
        .poll(() => sent.filter((p) => p === '/api/v1/preview/consents').length, {
          timeout: 10_000,
        })
        .toBe(2);
      await expect
        .poll(() => sent.filter((p) => p === '/api/v1/preview/banner-views').length, {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(3);
      expect(sent.filter((p) => !p.startsWith('/api/v1/preview/'))).toEqual([]);
      expect(errors).toEqual([]);

      // Nothing stored or counted, and the operator's own consent cookie untouched.
      await drainApp(kit.app);
      const log = openConsentLog((kit.store as KyselyStore).database);
      expect(await log.chain(A)).toBeUndefined();
      expect(await log.bannerViews(A, today(), today())).toEqual([]);
      const cookies = await context.cookies(base);
      expect(cookies.find((c) => c.name === CONSENT_COOKIE)?.value).toBe(OWN_CONSENT);
      expect(cookies.map((c) => c.name).sort()).toEqual(
        ['csrftoken', CONSENT_COOKIE, 'sessionid'].sort(),
      );
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'shows the sample in a 360-pixel frame without horizontal scrolling, banner and centre usable',
    async () => {
      const { context, page } = await editorPage();
      // Tall enough for the whole frame: the banner sits at the bottom of the phone's screen.
      await page.setViewportSize({ width: 1280, height: 1600 });
      for (const theme of ['neutral', 'dsfr'] as const) {
        await page.goto(`${base}${PREVIEW}/narrow?lang=fr&theme=${theme}`);
        const frame = page.frameLocator('iframe.galette-preview-frame');
        await frame.locator(BANNER).waitFor({ state: 'visible' });
        const box = await page.locator('iframe.galette-preview-frame').boundingBox();
        expect(Math.round(box!.width)).toBeGreaterThanOrEqual(360);
        expect(Math.round(box!.width)).toBeLessThanOrEqual(362);
        const overflow = () =>
          frame.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
        expect(await overflow()).toBeLessThanOrEqual(0);
        await frame.locator(`${BANNER} [data-galette-action="customise"]`).click();
        await frame.locator(CENTRE).waitFor({ state: 'visible' });
        expect(await overflow()).toBeLessThanOrEqual(0);
        expect(await frame.locator(CENTRE).textContent()).toContain('draft_only_cookie');
      }
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'has no serious or critical axe violation on the preview’s pages, and is reached by keyboard',
    async () => {
      // axe is injected as a script through the DevTools protocol: pages keep their policy.
      const { context, page } = await editorPage();
      const report: string[] = [];
      for (const path of [PREVIEW, `${PREVIEW}/narrow?lang=en&theme=dsfr`]) {
        const res = await page.goto(`${base}${path}`);
        expect(res?.status(), path).toBe(200);
        report.push(...(await runAxe(page)).serious.map((s) => `${path}: ${s}`));
      }
      expect(report).toEqual([]);

      // From the index to the sample page by keyboard alone.
      await page.goto(`${base}${PREVIEW}`);
      const target = `a[href="${PREVIEW}/sample?lang=fr&theme=neutral"]`;
      let reached = false;
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, target);
      }
      expect(reached).toBe(true);
      await Promise.all([page.waitForURL(/\/sample\?/), page.keyboard.press('Enter')]);
      await page.waitForSelector(BANNER, { state: 'visible' });
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
