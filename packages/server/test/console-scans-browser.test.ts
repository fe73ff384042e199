/**
 * The scan pages in Chromium: no serious axe violation on the list, a running and a finished
 * scan (findings, the « add to draft » form, evidence, screenshots), the comparison and the
 * portal list's badge; and « add to draft » and the report reached by keyboard alone.
 */
import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from '../../../test-support/axe.mjs';
import { consoleInChromium, tabTo, type ConsoleInChromium } from './console-browser-kit.js';
import { A, PEOPLE, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
const BROWSER_TEST_MS = 120_000;
let kit: Kit;
let chromium: ConsoleInChromium;
let base: string;
let browser: Browser;
let jobs: ScanJobs;
const ids: Record<'first' | 'done' | 'running', string> = { first: '', done: '', running: '' };

const text = (s: string) => new TextEncoder().encode(s);
const report = (cookies: string[], undeclared: string[]) => ({
  format: 'galette.scan/1',
  scenarios: [
    {
      id: 'refuse-all',
      cookies: cookies.map((name) => ({
        name,
        domain: A,
        party: 'first',
        lifetime: { session: false, days: 30 },
        classification: { category: 'marketing', source: 'heuristics' },
      })),
      screenshots: {
        firstLayer: 'screenshots/refuse-all-first-layer.jpg',
        afterChoice: 'screenshots/refuse-all-after-choice.jpg',
      },
    },
  ],
  findings: undeclared.map((name) => ({
    id: `undeclared-${name}`,
    rule: 'undeclared',
    severity: 'error',
    scenario: 'refuse-all',
    subject: { kind: 'cookie', name, where: A },
    pages: [`https://${A}/`],
    setBy: [{ via: 'script', script: `https://${A}/js/tag.js` }],
  })),
});
const declaration = (name: string) => ({
  provider: A,
  service: { fr: 'Vu sur / (à compléter)', en: 'Seen on / (to complete)' },
  name,
  purpose: { fr: 'À décrire.', en: 'To describe.' },
  category: 'marketing',
  lifetime: 'P1M',
  party: 'first',
  storage: 'cookie',
});

async function finished(
  trigger: string,
  cookies: string[],
  undeclared: string[],
  newErrors?: number,
) {
  const job = await jobs.enqueue({ portalId: A, url: `https://${A}/`, trigger });
  await jobs.claimNext('w');
  const result = report(cookies, undeclared);
  await jobs.finish(job.id, 'w', {
    result,
    summary: {
      errors: undeclared.length,
      warnings: 0,
      notices: 0,
      cookies: cookies.length,
      ...(newErrors === undefined ? {} : { newErrors }),
    },
    artifacts: [
      { path: 'report.json', mediaType: 'application/json', bytes: text(JSON.stringify(result)) },
      {
        path: 'report.fr.html',
        mediaType: 'text/html; charset=utf-8',
        bytes: text('<!doctype html><html lang="fr"><title>Rapport</title><h1>Rapport</h1></html>'),
      },
      {
        path: 'draft-portal.json',
        mediaType: 'application/json',
        bytes: text(JSON.stringify({ declarations: undeclared.map(declaration) })),
      },
      {
        path: 'screenshots/refuse-all-first-layer.jpg',
        mediaType: 'image/jpeg',
        bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      },
    ],
  });
  return job.id;
}

beforeAll(async () => {
  kit = await consoleKit();
  jobs = openScanJobs((kit.store as KyselyStore).database);
  ids.first = await finished('schedule', ['kept', 'old_id'], [], 0);
  ids.done = await finished(
    'schedule',
    ['kept', 'tracker_id', 'pixel_id'],
    ['tracker_id', 'pixel_id'],
    2,
  );
  const running = await jobs.enqueue({ portalId: A, url: `https://${A}/`, trigger: 'console' });
  await jobs.claimNext('w');
  await jobs.heartbeat(running.id, 'w', {
    pagesDone: 2,
    pagesTotal: 9,
    scenario: 'accept-all',
    findings: 1,
  });
  ids.running = running.id;
  chromium = await consoleInChromium(kit.app);
  ({ base, browser } = chromium);
});
afterAll(async () => {
  await chromium?.close();
  await kit?.close();
});

const signIn = (page: Page, email: string) => chromium.signIn(page, email);

describe('scan pages in Chromium', () => {
  it(
    'have no serious or critical axe violation, for an editor and for a viewer',
    async () => {
      const scans = `/admin/portals/${A}/scans`;
      const report: string[] = [];
      for (const person of ['editorA', 'viewerA'] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await signIn(page, PEOPLE[person]);
        for (const path of [
          '/admin/',
          scans,
          `${scans}/${ids.running}`,
          `${scans}/${ids.done}`,
          `${scans}/diff?from=${ids.first}&to=${ids.done}`,
        ]) {
          const res = await page.goto(`${base}${path}`);
          expect(res?.status(), path).toBe(200);
          const { serious } = await runAxe(page);
          report.push(...serious.map((s) => `${person} ${path}: ${s}`));
        }
        await context.close();
      }
      expect(report).toEqual([]);
    },
    BROWSER_TEST_MS,
  );

  it(
    'takes an editor from the portal list’s badge to the scan, its report and « add to draft » by keyboard',
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, PEOPLE.editorA);
      const scan = `/admin/portals/${A}/scans/${ids.done}`;
      await tabTo(page, `a.fr-badge[href="${scan}"]`);
      await Promise.all([page.waitForURL(`${base}${scan}`), page.keyboard.press('Enter')]);
      expect(await page.getAttribute('img', 'alt')).toContain('premier niveau du bandeau');

      await tabTo(page, 'button[name="finding"][value="all"]');
      await Promise.all([page.waitForURL(/added=2-0/), page.keyboard.press('Enter')]);
      expect(await page.textContent('[role="status"]')).toContain('2 déclaration(s) ajoutée(s)');
      const draft = await kit.store.getDraft(A);
      expect(draft!.content.declarations.map((d) => d.name)).toEqual(
        expect.arrayContaining(['tracker_id', 'pixel_id']),
      );

      await tabTo(page, `a[href="${scan}/report?format=html&lang=fr"]`);
      await Promise.all([page.waitForURL(/format=html/), page.keyboard.press('Enter')]);
      expect(await page.textContent('h1')).toBe('Rapport');
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
