/**
 * The preferences centre links the visitor to their receipt page, built in the browser from the
 * consent id of their own cookie, once there is a recorded choice to show.
 */
import { parseConsentCookie, translate } from '@galette/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO, startHarness, type Harness } from './browser-harness.js';
import { requireChromium } from '../../../test-support/chromium.mjs';

requireChromium('the widget receipt test in Chromium');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const BANNER = '[data-galette-banner]';
const CENTRE = '[data-galette-preferences]';
const HISTORY = translate('fr', 'widget.preferences.history');

it('links the centre to the receipt of the stored choice, and only once there is one', async () => {
  const { context, page } = await h.newPage();
  await page.goto(`${h.origin}/demo/${DEMO}`);

  await page.click(`${BANNER} [data-galette-action="customise"]`);
  const centre = page.locator(CENTRE);
  await centre.waitFor();
  expect(await centre.getByRole('link', { name: HISTORY }).count()).toBe(0);
  await page.keyboard.press('Escape');
  await centre.waitFor({ state: 'detached' });

  const recorded = page.waitForResponse(
    (r) => r.url().endsWith(`/api/v1/portals/${DEMO}/consents`) && r.request().method() === 'POST',
  );
  await page.click(`${BANNER} [data-galette-action="accept-all"]`);
  expect((await recorded).ok()).toBe(true);
  const cookie = (await context.cookies()).find((c) => c.name === 'cookies_preferences');
  const id = parseConsentCookie(cookie?.value)!.id;

  await page.click('[data-galette-control]');
  const link = page.locator(CENTRE).getByRole('link', { name: HISTORY });
  expect(await link.getAttribute('href')).toBe(`${h.origin}/p/${DEMO}/consents/${id}?lang=fr`);
  const [receipt] = await Promise.all([page.waitForNavigation(), link.click()]);
  expect(receipt!.status()).toBe(200);
  const heading = page.getByRole('heading', { level: 1 });
  expect(await heading.textContent()).toBe(translate('fr', 'consent.receipt.heading'));
  const row = page.locator('tbody tr');
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain(translate('fr', 'consent.action.accept_all'));
  const accepted = translate('fr', 'consent.receipt.accepted');
  const items = await row.locator('li').allTextContents();
  for (const category of ['statistics', 'marketing']) {
    expect(items).toContain(`${translate('fr', `widget.category.${category}`)} : ${accepted}`);
  }
  // Exempt measurement is part of every proof, worded as what it is.
  expect(items).toContain(
    `${translate('fr', 'widget.category.audience')} : ${translate('fr', 'consent.receipt.notObjected')}`,
  );
  await context.close();
});
