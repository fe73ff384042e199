/**
 * The served, minified widget in a real Chromium: what happens before consent, on accepting,
 * refusing, choosing per category, withdrawing, and when a new revision is published.
 */
import { parseConsentCookie, translate, type ConsentSubmission } from '@galette/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consentCommands,
  cookieNames,
  DEMO,
  presetContent,
  startHarness,
  type Harness,
} from './browser-harness.js';
import { requireChromium } from '../../../test-support/chromium.mjs';

requireChromium('the widget consent tests in Chromium');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const BANNER = '[data-galette-banner]';
const action = (name: string) => `${BANNER} [data-galette-action="${name}"]`;

async function openDemo(options?: { gpc?: boolean }) {
  const { context, page } = await h.newPage(options);
  await page.goto(`${h.origin}/demo/${DEMO}`);
  return { context, page };
}

/**
 * Runs `click` and returns the choice the widget sent, once the server has recorded it (read
 * back from the receipt: the page may be reloading, which hides the answer from the browser).
 */
async function choice(page: Page, click: () => Promise<void>): Promise<ConsentSubmission> {
  const posted = page.waitForRequest(
    (r) => r.url().endsWith(`/api/v1/portals/${DEMO}/consents`) && r.method() === 'POST',
  );
  await click();
  const sent = (await posted).postDataJSON() as ConsentSubmission;
  await expect
    .poll(async () => {
      const receipt = await fetch(
        `${h.serverUrl}/api/v1/portals/${DEMO}/consents/${sent.consentId}`,
      );
      return receipt.ok && (await receipt.text()).includes(`"${sent.eventId}"`);
    })
    .toBe(true);
  return sent;
}

async function stored(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === 'cookies_preferences');
  return cookie && { cookie, value: parseConsentCookie(cookie.value)! };
}

describe('before any choice', () => {
  it('tells the server anonymously that the banner was shown: the revision hash, no cookie', async () => {
    const { page } = await h.newPage();
    const sent = page.waitForRequest((r) =>
      r.url().endsWith(`/api/v1/portals/${DEMO}/banner-views`),
    );
    await page.goto(`${h.origin}/demo/${DEMO}`);
    const beacon = await sent;
    expect(beacon.method()).toBe('POST');
    expect(beacon.postData()).toMatch(/^sha256:[0-9a-f]{64}$/);
    const headers = await beacon.allHeaders();
    expect(headers.cookie).toBeUndefined();
    expect(headers['content-type']).toMatch(/^text\/plain/);
  });

  it('shows the banner and sets nothing that needs consent', async () => {
    const { context, page } = await openDemo();
    await page.waitForSelector(BANNER, { state: 'visible' });
    // The exempt audience measurement runs; nothing else, not even the choice cookie.
    expect(await cookieNames(context)).toEqual(['_pk_id.1.d3m0', '_pk_ses.1.d3m0']);
    const root = page.locator('html');
    expect(await root.getAttribute('data-demo-audience')).toBe('loaded');
    expect(await root.getAttribute('data-demo-statistics')).toBeNull();
    expect(await root.getAttribute('data-demo-inline')).toBeNull();
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
    // The embed is replaced by its placeholder and never loaded.
    const frame = page.locator('iframe[data-galette="marketing"]');
    await page.waitForSelector('.glt-ph');
    expect(await frame.getAttribute('src')).toBeNull();
    expect(await frame.isHidden()).toBe(true);
    // Consent Mode: everything that needs consent denied, before any Google tag.
    expect(await consentCommands(page)).toEqual([
      [
        'consent',
        'default',
        {
          ad_storage: 'denied',
          analytics_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          functionality_storage: 'granted',
          personalization_storage: 'denied',
          security_storage: 'granted',
          wait_for_update: 500,
        },
      ],
    ]);
    expect(await page.evaluate(() => window.galette!.consent)).toBeNull();
    await context.close();
  });

  it('blocks unmarked scripts and frames from declared hosts, and marked content added later', async () => {
    const { context, page } = await openDemo();
    await page.waitForSelector(BANNER);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).hostname));
    const port = new URL(h.origin).port;
    await page.evaluate((port) => {
      const s = document.createElement('script');
      s.id = 'tag-loader';
      s.async = true;
      s.src = `http://www.googletagmanager.com:${port}/demo-assets/gtag.js`;
      document.head.appendChild(s);
      const f = document.createElement('iframe');
      f.id = 'unmarked-frame';
      f.src = `http://www.youtube.com:${port}/demo-assets/video.html`;
      document.body.appendChild(f);
      document.body.insertAdjacentHTML(
        'beforeend',
        '<iframe id="late" data-galette="marketing" data-src="/demo-assets/video.html"></iframe>',
      );
    }, port);
    await page.waitForSelector('#late[hidden]', { state: 'attached' });
    expect(await page.locator('.glt-ph').count()).toBe(3);
    expect(await page.getAttribute('#tag-loader', 'type')).toBe('text/plain');
    expect(await page.getAttribute('#tag-loader', 'data-galette')).toBe('statistics');
    expect(await page.getAttribute('#unmarked-frame', 'data-galette')).toBe('marketing');
    expect(requested.filter((host) => !host.endsWith('galette.test'))).toEqual([]);
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    // "Accept for this content" loads that frame alone.
    // With the keyboard: the frame was appended at the very end, under the fixed banner.
    await page.locator('.glt-ph:has(+ #unmarked-frame) button').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#unmarked-frame[src]', { timeout: 5000 });
    expect(await page.locator('.glt-ph').count()).toBe(2);

    await choice(page, () => page.click(action('accept-all')));
    await page.waitForSelector('html[data-demo-statistics]');
    await page.waitForSelector('#late[src]');
    expect(requested).toContain('www.googletagmanager.com');
    expect(await page.locator('.glt-ph').count()).toBe(0);
    await context.close();
  });
});

describe('loaded first and synchronously', () => {
  it('keeps unmarked scripts and frames of declared hosts in the HTML from running', async () => {
    const { context, page } = await h.newPage();
    const tracker = `http://www.googletagmanager.com:${new URL(h.origin).port}/demo-assets`;
    await page.route(`${h.origin}/sync`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="fr"><head>
<script src="/p/${DEMO}/widget.js"></script>
<script id="head-tag" src="${tracker}/gtag.js"></script>
</head><body><p>Portail</p>
<iframe id="frame" src="${tracker}/video.html" width="300" height="150"></iframe>
<script id="body-tag" src="${tracker}/gtag.js?again"></script>
</body></html>`,
      }),
    );
    await page.goto(`${h.origin}/sync`);
    await page.waitForSelector(BANNER);
    await page.waitForSelector('#frame[hidden]', { state: 'attached' });
    for (const id of ['#head-tag', '#body-tag']) {
      expect(await page.getAttribute(id, 'type')).toBe('text/plain');
    }
    expect(await page.getAttribute('#frame', 'src')).toBeNull();
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    expect(await cookieNames(context)).toEqual([]);
    await choice(page, () => page.click(action('accept-all')));
    await page.waitForSelector('html[data-demo-statistics]');
    await page.waitForSelector('#frame[src]');
    await context.close();
  });
});

describe('choices', () => {
  it('accept all: runs gated scripts in order, loads embeds, records and signals the choice', async () => {
    const { context, page } = await openDemo();
    const changes = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.addEventListener('galette:change', (e) => resolve(e.detail.choices), {
            once: true,
          }),
        ),
    );
    const sent = await choice(page, () => page.click(action('accept-all')));
    expect(sent).toMatchObject({
      action: 'accept_all',
      source: 'banner',
      lang: 'fr',
      choices: { statistics: true, marketing: true },
    });
    expect(await changes).toEqual({
      necessary: true,
      statistics: true,
      marketing: true,
      audience: true,
    });
    // The external script loaded before the inline one that depends on it ran.
    await page.waitForSelector('html[data-demo-inline]');
    expect(await page.locator('html').getAttribute('data-demo-inline')).toBe('after-gtag');
    await page.waitForSelector('iframe[data-galette="marketing"][src]');
    expect(await page.locator(BANNER).count()).toBe(0);

    const saved = await stored(context);
    expect(saved!.value).toMatchObject({
      id: sent.consentId,
      choices: { audience: expect.any(String) },
    });
    expect(saved!.value.pending).toBeUndefined();
    expect(saved!.cookie).toMatchObject({ sameSite: 'Lax', path: '/', secure: false });
    const days = (saved!.cookie.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(179);
    expect(days).toBeLessThanOrEqual(180);
    expect(await cookieNames(context)).toEqual(
      expect.arrayContaining(['_ga', '_ga_DEMO0001', 'cookies_preferences']),
    );
    const commands = await consentCommands(page);
    expect(commands.map((c) => c[1])).toEqual(['default', 'update']);
    expect(commands[1]![2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'granted' });
    expect(await page.evaluate(() => window.galette!.accepted('statistics'))).toBe(true);

    // The next page knows: no banner, scripts run, Consent Mode updated at once.
    await page.reload();
    await page.waitForSelector('html[data-demo-statistics]');
    expect(await page.locator(BANNER).count()).toBe(0);
    expect((await consentCommands(page)).map((c) => c[1])).toEqual(['default', 'update']);
    await context.close();
  });

  it('refuse all from the first layer: nothing runs, the refusal is kept and proven', async () => {
    const { context, page } = await openDemo();
    const sent = await choice(page, () => page.click(action('reject-all')));
    expect(sent).toMatchObject({
      action: 'reject_all',
      choices: { statistics: false, marketing: false },
    });
    // Exempt measurement is not a matter of consent: it stays on until objected to.
    expect((await stored(context))!.value.choices).toEqual({
      statistics: false,
      marketing: false,
      audience: expect.any(String),
    });
    expect((await consentCommands(page))[1]![2]).toMatchObject({ analytics_storage: 'denied' });
    await page.reload();
    await page.waitForSelector('[data-galette-control]', { state: 'visible' });
    expect(await page.locator(BANNER).count()).toBe(0);
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    expect(await cookieNames(context)).not.toContain('_ga');
    await context.close();
  });

  it('per category: switches start off, statistics alone can be accepted', async () => {
    const { context, page } = await openDemo();
    await page.click(action('customise'));
    const centre = page.locator('[data-galette-preferences]');
    await centre.waitFor();
    const switches = centre.locator('input[role="switch"]');
    expect(
      await switches.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked)),
    ).toEqual([
      false,
      false,
      true, // exempt audience measurement: on until the visitor objects
    ]);
    // Declared cookies are one click away.
    await centre.locator('summary').nth(1).click();
    await expect.poll(() => centre.locator('td', { hasText: '_ga_*' }).isVisible()).toBe(true);
    await centre.getByLabel('Mesure d’audience', { exact: true }).check();
    const sent = await choice(page, () =>
      centre.getByRole('button', { name: 'Enregistrer mes choix' }).click(),
    );
    expect(sent).toMatchObject({
      action: 'custom',
      source: 'preferences',
      choices: { statistics: true, marketing: false },
    });
    await page.waitForSelector('html[data-demo-statistics]');
    expect(await page.locator('iframe[data-galette="marketing"]').getAttribute('src')).toBeNull();
    await context.close();
  });

  it('withdrawal deletes the refused cookies on every path and parent domain, then reloads', async () => {
    const { context, page } = await openDemo();
    await choice(page, () => page.click(action('accept-all')));
    await page.waitForSelector('html[data-demo-statistics]');
    // The same names as a tag would set them on the registrable domain and a sub-path.
    await page.evaluate(() => {
      document.cookie = '_ga=GA1.2.x;Path=/;Domain=galette.test';
      document.cookie = '_ga_DEMO0001=GS1;Path=/demo;Domain=demo.galette.test';
      localStorage.setItem('unrelated', '1');
    });
    expect((await context.cookies()).filter((c) => c.name.startsWith('_ga')).length).toBe(4);

    await page.click('[data-galette-control]');
    const centre = page.locator('[data-galette-preferences]');
    const reloaded = page.waitForEvent('load');
    const sent = await choice(page, () =>
      centre.getByRole('button', { name: 'Tout refuser' }).click(),
    );
    expect(sent).toMatchObject({ action: 'withdraw', source: 'preferences' });
    await reloaded;
    expect((await context.cookies()).filter((c) => c.name.startsWith('_ga'))).toEqual([]);
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('unrelated'))).toBe('1');
    await context.close();
  });

  it('tries the second script again when it failed: the next click still records the choice', async () => {
    const { context, page } = await h.newPage();
    let loads = 0;
    await page.route(
      (url) => url.pathname.endsWith('/preferences.js'),
      async (route) =>
        // The idle prefetch passes; the first real load fails.
        (await route.request().allHeaders())['sec-purpose']?.includes('prefetch') || loads++
          ? route.fallback()
          : route.abort(),
    );
    await page.goto(`${h.origin}/demo/${DEMO}`);
    const failed = page.waitForEvent('requestfailed', (r) =>
      new URL(r.url()).pathname.endsWith('/preferences.js'),
    );
    await page.click(action('accept-all'));
    await failed;
    // Nothing was recorded, nothing runs, the banner is still there to be answered.
    expect(await page.locator(BANNER).count()).toBe(1);
    expect(await stored(context)).toBeUndefined();
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    await choice(page, () => page.click(action('accept-all')));
    await page.waitForSelector('html[data-demo-statistics]', { timeout: 5000 });
    await page.waitForSelector('iframe[data-galette="marketing"][src]', { timeout: 5000 });
    expect(loads).toBe(2);
    await context.close();
  });

  it('on https, refusal also deletes declared __Secure- and __Host- cookies', async () => {
    const SECURE = 'secure.galette.localhost';
    const demo = presetContent(DEMO);
    const ga = demo.declarations.find((d) => d.name === '_ga')!;
    await h.store.saveAndPublish({
      ...demo,
      id: SECURE,
      url: `http://${SECURE}:8080`,
      origins: [`http://${SECURE}:8080`],
      declarations: [
        ...demo.declarations,
        { ...ga, name: '__Secure-tag' },
        { ...ga, name: '__Host-tag' },
      ],
    });
    const { context, page } = await h.newPage();
    // An https portal: Playwright answers for it, from the test server.
    const site = 'https://www.demo.galette.test';
    await page.route(`${site}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path !== '/') {
        return route.fulfill({ response: await route.fetch({ url: h.serverUrl + path }) });
      }
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="fr"><body><script src="/p/${SECURE}/widget.js"></script>`,
      });
    });
    await page.goto(`${site}/`);
    await page.waitForSelector(BANNER);
    await page.evaluate(() => {
      document.cookie = '__Secure-tag=1;Path=/;Secure';
      document.cookie = '__Host-tag=1;Path=/;Secure';
    });
    expect(await cookieNames(context)).toEqual(['__Host-tag', '__Secure-tag']);
    await page.click(action('reject-all'));
    await expect.poll(() => cookieNames(context)).toEqual(['cookies_preferences']);
    expect((await context.cookies())[0]!.secure).toBe(true);
    await context.close();
  });

  it('objecting to exempt measurement is recorded and proven, removes its cookies and stops it', async () => {
    const { context, page } = await openDemo();
    const refused = await choice(page, () => page.click(action('reject-all')));
    // Refusing consent is not objecting: the proof says exempt measurement stays on.
    expect(refused.choices).toEqual({ statistics: false, marketing: false, audience: true });
    await page.click('[data-galette-control]');
    const centre = page.locator('[data-galette-preferences]');
    const exempt = centre.getByLabel('Mesure d’audience anonyme');
    // Shown as what it is: active without consent, until the visitor objects.
    expect(await exempt.isChecked()).toBe(true);
    expect(await exempt.getAttribute('aria-describedby')).toMatch(/^glt-audience-s /);
    expect(await centre.locator('#glt-audience-s').textContent()).toBe(
      translate('fr', 'widget.preferences.exemptActive'),
    );
    expect(await centre.locator('p').first().textContent()).toContain(
      translate('fr', 'widget.preferences.introExempt'),
    );
    await exempt.uncheck();
    expect(await centre.locator('#glt-audience-s').textContent()).toBe(
      translate('fr', 'widget.preferences.exemptObjected'),
    );
    const reloaded = page.waitForEvent('load');
    const objected = await choice(page, () =>
      centre.getByRole('button', { name: 'Enregistrer mes choix' }).click(),
    );
    expect(objected).toMatchObject({
      action: 'custom',
      source: 'preferences',
      choices: { statistics: false, marketing: false, audience: false },
    });
    await reloaded;
    expect((await stored(context))!.value.choices).toEqual({
      statistics: false,
      marketing: false,
      audience: false,
    });
    expect(await cookieNames(context)).toEqual(['cookies_preferences']);
    // The gated exempt script stays inert on this page and the next.
    await page.waitForSelector('[data-galette-control]', { state: 'visible' });
    expect(await page.locator('html').getAttribute('data-demo-audience')).toBeNull();
    expect(await page.getAttribute('script[data-galette="audience"]', 'type')).toBe('text/plain');
    expect(await page.evaluate(() => window.galette!.accepted('audience'))).toBe(false);

    // The receipt shows the objection, newest first, in the visitor's language.
    await page.goto(`${h.origin}/p/${DEMO}/consents/${objected.consentId}?lang=fr`);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const label = translate('fr', 'widget.category.audience');
    expect(await rows.nth(0).locator('li', { hasText: label }).textContent()).toBe(
      `${label} : ${translate('fr', 'consent.receipt.objected')}`,
    );
    expect(await rows.nth(1).locator('li', { hasText: label }).textContent()).toBe(
      `${label} : ${translate('fr', 'consent.receipt.notObjected')}`,
    );
    await context.close();
  });
});

describe('revisions and signals', () => {
  it('asks again only when a new revision adds something that needs consent', async () => {
    const { context, page } = await openDemo();
    await choice(page, () => page.click(action('accept-all')));
    const demo = presetContent(DEMO);
    // A new necessary cookie changes the revision but nothing the visitor agreed to.
    await h.store.saveAndPublish({
      ...demo,
      declarations: [...demo.declarations, { ...demo.declarations[0]!, name: 'ods_token' }],
    });
    await page.reload();
    await page.waitForSelector('html[data-demo-statistics]');
    expect(await page.locator(BANNER).count()).toBe(0);
    // A new statistics cookie does: the banner is back and statistics stop until answered.
    const stats = demo.declarations.find((d) => d.name === '_ga')!;
    await h.store.saveAndPublish({
      ...demo,
      declarations: [...demo.declarations, { ...stats, name: '_gid', lifetime: 'P1D' }],
    });
    await page.reload();
    await page.waitForSelector(BANNER, { state: 'visible' });
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    await h.store.saveAndPublish(demo);
    await context.close();
  });

  it('Global Privacy Control: refused from the start, said in the banner, recorded as gpc', async () => {
    const posted = (async () => {
      const { context, page } = await h.newPage({ gpc: true });
      const response = page.waitForResponse((r) => r.url().endsWith('/consents'));
      await page.goto(`${h.origin}/demo/${DEMO}`);
      return { context, page, response: await response };
    })();
    const { context, page, response } = await posted;
    // The signal objects to exempt measurement too.
    expect(response.request().postDataJSON()).toMatchObject({
      action: 'reject_all',
      source: 'gpc',
      choices: { statistics: false, marketing: false, audience: false },
    });
    expect(response.request().headers()['sec-gpc']).toBe('1');
    await page.waitForSelector(BANNER, { state: 'visible' });
    expect(await page.locator(`${BANNER} .g`).textContent()).toContain('Global Privacy Control');
    expect(await page.locator('html').getAttribute('data-demo-statistics')).toBeNull();
    expect(await page.locator('html').getAttribute('data-demo-audience')).toBeNull();
    expect(await page.getAttribute('script[data-galette="audience"]', 'type')).toBe('text/plain');
    expect(await cookieNames(context)).toEqual(['cookies_preferences']);
    // The visitor may still accept.
    await choice(page, () => page.click(action('accept-all')));
    await page.waitForSelector('html[data-demo-statistics]');
    await context.close();
  });
});
