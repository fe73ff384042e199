/**
 * The served widget in a real Chromium: keyboard use, focus, axe-core on the banner and the
 * preferences centre in both themes, contrast, reduced motion, a strict Content-Security-Policy,
 * and a portal that needs no consent.
 */
import type { PortalContent } from '@galette/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieNames,
  DEMO,
  PARIS,
  presetContent,
  startHarness,
  type Harness,
} from './browser-harness.js';
import { runAxe } from '../../../test-support/axe.mjs';
import { requireChromium } from '../../../test-support/chromium.mjs';

requireChromium('the widget accessibility tests in Chromium');

const DSFR = 'dsfr.galette.localhost';
const BANNER = '[data-galette-banner]';
const CENTRE = '[data-galette-preferences]';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const demo = presetContent(DEMO);
  // Widget settings are published with the revision like any other content.
  await h.store.saveAndPublish({
    ...demo,
    id: DSFR,
    url: `http://${DSFR}:8080`,
    origins: [`http://${DSFR}:8080`],
    widget: { theme: 'dsfr', control: 'right' },
  } as PortalContent);
});
afterAll(() => h?.close());

/** axe-core's serious and critical findings on the page as it is now. */
const axe = async (page: Page): Promise<string[]> => (await runAxe(page)).serious;

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement!;
    return (
      el.getAttribute('data-galette-action') ?? el.getAttribute('data-galette-banner') ?? el.tagName
    );
  });

describe('accessibility', () => {
  it.each([DEMO, DSFR])(
    '%s: axe finds nothing serious on the banner and the centre',
    async (portal) => {
      const { context, page } = await h.newPage({ bypassCSP: true });
      await page.goto(`${h.origin}/demo/${portal}`);
      await page.waitForSelector('.glt-ph');
      expect(await axe(page)).toEqual([]);
      await page.click(`${BANNER} [data-galette-action="customise"]`);
      await page.waitForSelector(CENTRE);
      await page.click(`${CENTRE} summary`);
      expect(await axe(page)).toEqual([]);
      await context.close();
    },
  );

  it.each([DEMO, DSFR])('%s: both main buttons reach 4.5:1', async (portal) => {
    const { context, page } = await h.newPage();
    await page.goto(`${h.origin}/demo/${portal}`);
    const ratios = await page.$$eval(`${BANNER} .k`, (buttons) => {
      const rgb = (c: string) => c.match(/\d+/g)!.slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      return buttons.map((b) => {
        const style = getComputedStyle(b);
        const [x, y] = [lum(style.color), lum(style.backgroundColor)].sort((p, q) => q - p);
        return (x! + 0.05) / (y! + 0.05);
      });
    });
    expect(ratios).toHaveLength(3);
    for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });

  it('is fully usable with the keyboard: focus moved in, visible, kept in the dialog, restored', async () => {
    const { context, page } = await h.newPage();
    await page.goto(`${h.origin}/demo/${DEMO}`);
    await page.waitForSelector(BANNER);
    // Focus moves in once the frame that shows the banner is painted.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-galette-banner'));
    expect(await focused(page)).toBe('');
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    expect(order).toEqual(['close', 'A', 'accept-all', 'reject-all', 'customise']);
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).toBe('solid');

    // The centre is a modal dialog: focus goes in, stays in, Escape gives it back.
    await page.keyboard.press('Enter');
    await page.waitForSelector(CENTRE);
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog')))
      .toBe(true);
    // The page behind is inert: Tab cycles through the dialog (and the browser's own UI, which
    // leaves the document's focus on body), never reaching the page.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'browser' : el.closest('dialog') ? 'dialog' : 'page';
      });
      expect(where).not.toBe('page');
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector(CENTRE, { state: 'detached' });
    expect(await focused(page)).toBe('customise');

    // Escape on the first layer is "continue without accepting".
    await page.keyboard.press('Escape');
    await page.waitForSelector(BANNER, { state: 'detached' });
    expect(await page.evaluate(() => window.galette!.consent!.choices)).toMatchObject({
      statistics: false,
      marketing: false,
    });
    await context.close();
  });

  it('never moves (no animation, whatever the motion preference), and never shifts the page', async () => {
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const { context, page } = await h.newPage();
      await page.emulateMedia({ reducedMotion });
      await page.goto(`${h.origin}/demo/${DEMO}`);
      const banner = page.locator(BANNER);
      expect(await banner.evaluate((b) => getComputedStyle(b).animationName)).toBe('none');
      expect(await banner.evaluate((b) => getComputedStyle(b).position)).toBe('fixed');
      await context.close();
    }
  });
});

describe('Content-Security-Policy', () => {
  it("works under script-src 'self' and style-src 'self' with no violation", async () => {
    const { context, page } = await h.newPage();
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const response = await page.goto(`${h.origin}/demo/${DEMO}`);
    expect(response!.headers()['content-security-policy']).toContain("style-src 'self'");
    await page.waitForSelector('.glt-ph');
    // Styled through a constructed stylesheet; the placeholder sized through CSSOM.
    expect(await page.locator(BANNER).evaluate((b) => getComputedStyle(b).position)).toBe('fixed');
    expect(await page.locator('.glt-ph').evaluate((p) => getComputedStyle(p).width)).toBe('560px');
    await page.click(`${BANNER} [data-galette-action="customise"]`);
    await page.locator(CENTRE).getByRole('button', { name: 'Tout accepter' }).click();
    // The inline gated script kept its nonce.
    await page.waitForSelector('html[data-demo-inline="after-gtag"]');
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    await context.close();
  });
});

describe('a portal that needs no consent', () => {
  it('shows no banner, sets nothing, and still lists its cookies and charter', async () => {
    const { context, page } = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.origin}/demo/${PARIS}`);
    const control = page.locator('[data-galette-control]');
    await control.waitFor();
    expect(await page.locator(BANNER).count()).toBe(0);
    expect(await cookieNames(context)).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { dataLayer?: unknown[] }).dataLayer?.length),
    ).toBe(1);
    await control.click();
    const centre = page.locator(CENTRE);
    await centre.waitFor();
    expect(await centre.locator('input').count()).toBe(0);
    expect(await centre.locator('td', { hasText: 'cookies_preferences' }).count()).toBe(1);
    expect(await centre.locator('a').getAttribute('href')).toMatch(
      new RegExp(`/p/${PARIS}/charte-cookies\\?lang=fr$`),
    );
    await centre.getByRole('button', { name: 'Fermer' }).last().click();
    await page.waitForSelector(CENTRE, { state: 'detached' });
    // The API never throws into the page, whatever it is given.
    await page.evaluate(() => {
      const g = window.galette as unknown as Record<string, (...a: unknown[]) => unknown>;
      g.accepted!(undefined);
      g.on!('change', null);
      g.on!('nope', () => {});
      g.show!();
    });
    expect(await cookieNames(context)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
