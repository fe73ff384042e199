import { randomUUID } from 'node:crypto';
import { CLI_PRINCIPAL, newConsentId } from '@galette/core';
import { KyselyStore, openConsentLog } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainApp } from '../src/index.js';
import type { StatisticsReport } from '../src/statistics/statistics-report.js';
import { A, B, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let adminToken: string;
let viewerBToken: string;
const today = new Date().toISOString().slice(0, 10);

/** Choices as the widget sends them, through the public consent API. */
async function choose(portal: string, action: string, choices: Record<string, boolean>) {
  const revision = (await kit.store.latestRevision(portal))!;
  const origin = revision.content.origins[0]!;
  const res = await kit.app.request(`/api/v1/portals/${portal}/consents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({
      eventId: randomUUID(),
      consentId: newConsentId(),
      revision: revision.hash,
      choices,
      action,
      source: 'banner',
      lang: 'fr',
    }),
  });
  expect(res.status).toBe(201);
}

async function shown(portal: string, times: number) {
  const revision = (await kit.store.latestRevision(portal))!;
  for (let i = 0; i < times; i++) {
    await kit.app.request(`/api/v1/portals/${portal}/banner-views`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'content-length': String(revision.hash.length) },
      body: revision.hash,
    });
  }
}

beforeAll(async () => {
  kit = await consoleKit({ consents: { rateLimit: false } });
  adminToken = (await kit.accounts.tokens.create(CLI_PRINCIPAL, { name: 'a', role: 'admin' }))
    .token;
  viewerBToken = (
    await kit.accounts.tokens.create(CLI_PRINCIPAL, { name: 'b', role: 'viewer', portals: [B] })
  ).token;
  for (let i = 0; i < 6; i++) await choose(A, 'accept_all', { statistics: true });
  for (let i = 0; i < 2; i++) await choose(A, 'reject_all', { statistics: false });
  await choose(A, 'custom', { statistics: true });
  await choose(B, 'reject_all', { statistics: false });
  await shown(A, 12);
  await shown(B, 3);
  await drainApp(kit.app);
  await openConsentLog((kit.store as KyselyStore).database).drain();
});
afterAll(() => kit.close());

describe('GET /api/v1/admin/portals/{id}/stats', () => {
  it('counts what was sent: choices, categories, banners shown, rates, every day of the period', async () => {
    const res = await kit.app.request(`/api/v1/admin/portals/${A}/stats?period=7d`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as StatisticsReport;
    expect(report.period).toMatchObject({ preset: '7d', to: today, granularity: 'day' });
    expect(report.buckets).toHaveLength(7);
    expect(report.totals).toEqual({
      acceptAll: 6,
      rejectAll: 2,
      custom: 1,
      withdraw: 0,
      total: 9,
      shown: 12,
      consentRate: 6 / 8,
      optInRate: 6 / 12,
      noChoiceRate: 3 / 12,
    });
    expect(report.categories.find((c) => c.id === 'statistics')).toEqual({
      id: 'statistics',
      chosen: 9,
      accepted: 7,
      rate: 7 / 9,
    });
    expect(report.revisions).toHaveLength(1);
    expect(report.revisions[0]).toMatchObject({ number: 1, total: 9, shown: 12 });
    expect(report.markers.map((m) => m.number)).toEqual([1]);
  });

  it('sums the portals a reader may see, and names a bad period field', async () => {
    const all = await kit.app.request('/api/v1/admin/stats?period=12m', {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const report = (await all.json()) as StatisticsReport;
    expect(report.period.granularity).toBe('month');
    expect(report.buckets).toHaveLength(12);
    expect(report.totals.total).toBe(10);
    expect(report.totals.shown).toBe(15);
    const onlyB = await kit.app.request('/api/v1/admin/stats', {
      headers: { authorization: `Bearer ${viewerBToken}` },
    });
    expect(((await onlyB.json()) as StatisticsReport).totals.total).toBe(1);
    const bad = await kit.app.request(
      `/api/v1/admin/portals/${A}/stats?period=custom&from=2026-02-31`,
      {
        headers: { authorization: `Bearer ${adminToken}` },
      },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('"from"');
    const forbidden = await kit.app.request(`/api/v1/admin/portals/${A}/stats`, {
      headers: { authorization: `Bearer ${viewerBToken}` },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('the statistics pages', () => {
  it('render SVG charts with data tables, CSV links and the period form, under the strict CSP', async () => {
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.viewerA);
    const res = await browser.get(`/admin/portals/${A}/statistics?period=7d`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain('<svg class="galette-chart"');
    expect(html).not.toMatch(/ style=|<script(?! src)/);
    expect(html).toContain('role="img"');
    expect(html).toContain('<caption>');
    expect(html).toContain(`/admin/portals/${A}/statistics.csv?table=choices&amp;period=7d`);
    expect(html).toMatch(/value="7d"[^>]*checked/);
    // The headline figures: 9 choices, 75 % consent rate.
    expect(html).toMatch(/>9<\/span>/);
    expect(html).toContain('75');

    const csv = await browser.get(`/admin/portals/${A}/statistics.csv?table=choices&period=7d`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'day,accept_all,reject_all,custom,withdraw,total,banners_shown,consent_rate,opt_in_rate,no_choice_rate',
    );
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toBe(`${today},6,2,1,0,9,12,0.7500,0.5000,0.2500`);

    // The all-portals page shows only what the viewer may see; picking a portal goes to its page.
    const all = await browser.get('/admin/statistics');
    expect(all.status).toBe(200);
    expect(await all.text()).not.toContain(B);
    const pick = await browser.get(`/admin/statistics?portal=${A}&period=30d`);
    expect(pick.status).toBe(303);
    expect(pick.headers.get('location')).toBe(`/admin/portals/${A}/statistics?period=30d`);
    expect((await browser.get(`/admin/portals/${B}/statistics`)).status).toBe(403);
  });

  it('says which field of the period is wrong, in the page’s language', async () => {
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.admin);
    const res = await browser.get(
      `/admin/statistics?period=custom&from=2026-05-10&to=2026-05-01&lang=en`,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#to"');
    expect(html).toContain('period');
  });
});
