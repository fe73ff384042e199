/**
 * The charter page checked by axe-core in a real Chromium, with its stylesheet, at desktop and
 * phone widths, in light and dark colour schemes.
 */
import type { Browser } from 'playwright-core';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharter, CHARTER_STYLESHEET, renderCharterHtml } from '../src/index.js';
import { charterRevision, declaration, HOSTILE } from './fixtures/charter-revision.js';
import { runAxe } from '../../../test-support/axe.mjs';
import { launchChromium, requireChromium } from '../../../test-support/chromium.mjs';

requireChromium('the charter accessibility checks in Chromium');

// Requests never leave the browser: every URL under this origin is answered by the test.
const ORIGIN = 'http://charter.test';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const html = renderCharterHtml(
  buildCharter(
    charterRevision({
      name: HOSTILE,
      declarations: [
        declaration({ name: 'sessionid', lifetime: 'session' }),
        declaration({ name: 'django_language', lifetime: 'P1Y' }),
        declaration({
          name: '_pk_id.*',
          category: 'statistics',
          consentExempt: true,
          lifetime: 'P13M',
          purpose: { fr: 'Mesure d’audience anonyme, voir https://matomo.org/faq/' },
        }),
        declaration({ name: 'VISITOR_INFO1_LIVE', category: 'marketing', party: 'third' }),
      ],
      texts: { contact: { fr: `Écrire à dpo@example.fr\n${HOSTILE}` } },
    }),
    'fr',
  ),
  {
    stylesheetHref: '/assets/charter.css',
    alternates: [{ lang: 'en', href: '/charte?lang=en' }],
    formats: [
      { format: 'md', href: '/charte.md' },
      { format: 'json', href: '/charte.json' },
    ],
  },
);

describe('charter page accessibility', () => {
  it.each([
    { width: 1280, colorScheme: 'light' as const },
    { width: 360, colorScheme: 'dark' as const },
  ])('has no axe violation at $width px, $colorScheme', async ({ width, colorScheme }) => {
    const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
    try {
      const page = await context.newPage();
      await page.route(`${ORIGIN}/**`, (route) => {
        const css = route.request().url().endsWith('/assets/charter.css');
        return route.fulfill({
          contentType: css ? 'text/css' : 'text/html; charset=utf-8',
          body: css ? CHARTER_STYLESHEET : html,
        });
      });
      await page.goto(`${ORIGIN}/charte`);
      const result = await runAxe(page);
      expect(result.violations).toEqual([]);
      expect(result.passes).toBeGreaterThan(10);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(colorScheme === 'dark' ? 'rgb(22, 22, 22)' : 'rgb(255, 255, 255)');
      // Wide tables scroll inside their own region instead of widening the page.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
