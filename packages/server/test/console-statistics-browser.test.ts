/**
 * The statistics, proofs, revision and portal pages in Chromium: no serious axe violation, no
 * inline style or script reaching the page under the console's policy, and a viewer looking a
 * receipt's consent id up by keyboard alone.
 */
import { randomUUID } from 'node:crypto';
import { newConsentId } from '@galette/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainApp } from '../src/index.js';
import { runAxe } from '../../../test-support/axe.mjs';
import { consoleInChromium, tabTo, type ConsoleInChromium } from './console-browser-kit.js';
import { A, PEOPLE, consoleKit, presetPortal } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
const BROWSER_TEST_MS = 120_000;
let kit: Kit;
let chromium: ConsoleInChromium;
let base: string;
let browser: Browser;
let receiptPage: string;

beforeAll(async () => {
  kit = await consoleKit({ consents: { rateLimit: false } });
  // A second revision, so the diff and the time axis have something to show.
  const content = presetPortal(A);
  await kit.store.saveAndPublish({ ...content, name: `${content.name} (2)` });
  const revision = (await kit.store.latestRevision(A))!;
  for (const action of ['accept_all', 'reject_all', 'custom']) {
    const res = await kit.app.request(`/api/v1/portals/${A}/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: revision.content.origins[0]! },
      body: JSON.stringify({
        eventId: randomUUID(),
        consentId: newConsentId(),
        revision: revision.hash,
        choices: { statistics: action !== 'reject_all' },
        action,
        source: 'banner',
        lang: 'fr',
      }),
    });
    receiptPage = ((await res.json()) as { receiptPage: string }).receiptPage;
  }
  await kit.app.request(`/api/v1/portals/${A}/banner-views`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'content-length': String(revision.hash.length) },
    body: revision.hash,
  });
  await drainApp(kit.app);
  chromium = await consoleInChromium(kit.app);
  ({ base, browser } = chromium);
});
afterAll(async () => {
  await chromium?.close();
  await kit?.close();
});

const signIn = (page: Page, email: string) => chromium.signIn(page, email);

describe('statistics, proofs and revisions in Chromium', () => {
  it(
    'has no serious or critical axe violation and breaks no policy on any of these pages',
    async () => {
      // The policy is checked on a context that keeps it; axe needs one that does not.
      const strict = await browser.newContext();
      const strictPage = await strict.newPage();
      const violations: string[] = [];
      strictPage.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, PEOPLE.admin);
      await signIn(strictPage, PEOPLE.admin);
      const consentId = decodeURIComponent(receiptPage.split('/').at(-1)!);
      const report: string[] = [];
      for (const path of [
        `/admin/portals/${A}/statistics?period=7d`,
        `/admin/portals/${A}/statistics?period=12m`,
        '/admin/statistics?period=30d',
        `/admin/portals/${A}/proofs?consentId=${consentId}`,
        `/admin/portals/${A}/proofs/verify`,
        `/admin/portals/${A}/revisions`,
        `/admin/portals/${A}/diff?from=1&to=2`,
        '/admin/?archived=1',
        '/admin/portals/new',
        `/admin/portals/${A}/publish`,
        `/admin/portals/${A}/import`,
        `/admin/portals/${A}/statistics?period=7d&lang=en`,
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res?.status(), path).toBe(200);
        const { serious } = await runAxe(page);
        report.push(...serious.map((s) => `${path}: ${s}`));
        await strictPage.goto(`${base}${path}`);
      }
      expect(report).toEqual([]);
      expect(violations).toEqual([]);
      await context.close();
      await strict.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets a viewer look up the consent id of a real receipt, and pick a period, by keyboard alone',
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      // The visitor's receipt, as the preferences centre links it: its address holds the id.
      await page.goto(`${base}${receiptPage}`);
      const consentId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
      await signIn(page, PEOPLE.viewerA);
      await page.goto(`${base}/admin/portals/${A}/proofs`);
      await tabTo(page, '#consentId');
      await page.keyboard.type(consentId);
      await Promise.all([page.waitForURL(/consentId=/), page.keyboard.press('Enter')]);
      expect(await page.textContent('caption')).toContain('(1)');
      await tabTo(page, `a[href="/admin/portals/${A}/revisions/2/charter"]`);
      await Promise.all([page.waitForURL(/revisions\/2\/charter/), page.keyboard.press('Enter')]);
      expect(await page.textContent('h1')).toBeTruthy();

      await page.goto(`${base}/admin/portals/${A}/statistics`);
      // Tab reaches the group at its checked radio (30 days); the arrows move within it.
      await tabTo(page, '#period-30d');
      await page.keyboard.press('ArrowRight');
      expect(await page.isChecked('#period-12m')).toBe(true);
      await tabTo(page, 'form[action="/admin/statistics"] button[type="submit"]');
      await Promise.all([page.waitForURL(/period=12m/), page.keyboard.press('Enter')]);
      expect(page.url()).toContain(`/admin/portals/${A}/statistics?period=12m`);
      expect(await page.locator('svg.galette-chart').count()).toBe(3);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
