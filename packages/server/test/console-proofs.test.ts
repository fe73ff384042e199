import { randomUUID } from 'node:crypto';
import {
  CLI_PRINCIPAL,
  CSV_HEADER,
  formatConsentRecord,
  newConsentId,
  type ConsentRecord,
} from '@galette/core';
import { KyselyStore, openConsentLog } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let viewerAToken: string;
let viewerBToken: string;
/** A visitor's consent id, as the consent API's answer (the receipt) gives it. */
let consentId: string;

async function choose(id: string, action: string, choices: Record<string, boolean>) {
  const revision = (await kit.store.latestRevision(A))!;
  const res = await kit.app.request(`/api/v1/portals/${A}/consents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: revision.content.origins[0]! },
    body: JSON.stringify({
      eventId: randomUUID(),
      consentId: id,
      revision: revision.hash,
      choices,
      action,
      source: 'banner',
      lang: 'fr',
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { consentId: string; receiptPage: string };
}

const log = () => openConsentLog((kit.store as KyselyStore).database);

beforeAll(async () => {
  kit = await consoleKit({ consents: { rateLimit: false } });
  const token = async (name: string, portal: string) =>
    (await kit.accounts.tokens.create(CLI_PRINCIPAL, { name, role: 'viewer', portals: [portal] }))
      .token;
  viewerAToken = await token('va', A);
  viewerBToken = await token('vb', B);
  const receipt = await choose(newConsentId(), 'accept_all', { statistics: true });
  consentId = receipt.consentId;
  for (let i = 0; i < 4; i++) await choose(newConsentId(), 'reject_all', { statistics: false });
  await choose(consentId, 'withdraw', { statistics: false });
});
afterAll(() => kit.close());

describe('proofs in the console, for a viewer', () => {
  it('looks a receipt’s consent id up: its whole history, each choice with its revision’s charter', async () => {
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.viewerA);
    const res = await browser.get(`/admin/portals/${A}/proofs?consentId=${consentId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('(2)');
    expect(html.indexOf('Tout accepter')).toBeLessThan(html.indexOf('Retrait'));
    expect(html).toContain(`/admin/portals/${A}/revisions/1/charter`);
    const charter = await browser.get(`/admin/portals/${A}/revisions/1/charter`);
    expect(charter.status).toBe(200);
    expect(await charter.text()).toContain('<h1');
    expect((await browser.get(`/admin/portals/${A}/revisions/9/charter`)).status).toBe(404);

    const unknown = await browser.get(`/admin/portals/${A}/proofs?consentId=${newConsentId()}`);
    expect(await unknown.text()).toContain('Aucun choix n’est enregistré');
    const hostile = await browser.get(
      `/admin/portals/${A}/proofs?consentId=${encodeURIComponent('<script>alert(1)</script>')}`,
    );
    expect(hostile.status).toBe(400);
    const page = await hostile.text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)');
    expect(page).toContain('href="#consentId"');
    expect((await browser.get(`/admin/portals/${B}/proofs`)).status).toBe(403);
  });

  it('exports a period as the CLI does, streamed, and writes the export to the audit log', async () => {
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.viewerA);
    const res = await browser.get(`/admin/portals/${A}/proofs/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`${A}-consents.csv`);
    const records: ConsentRecord[] = [];
    for await (const r of log().records(A)) records.push(r);
    const expected = [CSV_HEADER, ...records.map((r) => formatConsentRecord(r, 'csv'))];
    expect(await res.text()).toBe(`${expected.join('\n')}\n`);

    const today = new Date().toISOString().slice(0, 10);
    const jsonl = await browser.get(
      `/admin/portals/${A}/proofs/export?format=jsonl&from=${today}&to=${today}`,
    );
    expect((await jsonl.text()).trim().split('\n')).toHaveLength(6);
    const empty = await browser.get(`/admin/portals/${A}/proofs/export?format=jsonl&to=2001-01-01`);
    expect(await empty.text()).toBe('');
    const bad = await browser.get(`/admin/portals/${A}/proofs/export?format=xml&from=2026-13-01`);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('href="#from"');

    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'proofs.export' });
    expect(audit.total).toBe(3);
    expect(audit.entries[0]).toMatchObject({
      portalId: A,
      actor: { kind: 'user', label: PEOPLE.viewerA },
      outcome: 'success',
    });
  });

  it('verifies the chain, then shows the first broken record after tampering', async () => {
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.viewerA);
    const ok = await (await browser.get(`/admin/portals/${A}/proofs/verify`)).text();
    expect(ok).toContain('La chaîne est intacte : 6 enregistrements vérifiés');
    const { db } = (kit.store as KyselyStore).database;
    const tampered = await db
      .updateTable('consent_records')
      .where('portal_id', '=', A)
      .where('seq', '=', 3)
      .set({ action: 'accept_all' })
      .returning('consent_id')
      .executeTakeFirstOrThrow();
    const broken = await (await browser.get(`/admin/portals/${A}/proofs/verify?lang=en`)).text();
    expect(broken).toContain('The chain is broken');
    expect(broken).toContain('The record at position 3 was changed after it was written.');
    expect(broken).toContain(tampered.consent_id);

    const api = await kit.app.request(`/api/v1/admin/portals/${A}/proofs/verify`, {
      headers: { authorization: `Bearer ${viewerAToken}` },
    });
    expect(await api.json()).toMatchObject({
      ok: false,
      firstBreak: { reason: 'edited', seq: 3 },
      firstBrokenRecord: { seq: 3, consentId: tampered.consent_id },
    });
    await db
      .updateTable('consent_records')
      .where('portal_id', '=', A)
      .where('seq', '=', 3)
      .set({ action: 'reject_all' })
      .execute();
  });
});

describe('proofs through the admin API', () => {
  it('answers a consent id’s history, exports and refuses other portals’ readers', async () => {
    const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    const res = await kit.app.request(
      `/api/v1/admin/portals/${A}/consents/${consentId}`,
      auth(viewerAToken),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: { action: string; revisionNumber: number }[] };
    expect(body.records.map((r) => [r.action, r.revisionNumber])).toEqual([
      ['accept_all', 1],
      ['withdraw', 1],
    ]);
    const missing = await kit.app.request(
      `/api/v1/admin/portals/${A}/consents/${newConsentId()}`,
      auth(viewerAToken),
    );
    expect(missing.status).toBe(404);
    const malformed = await kit.app.request(
      `/api/v1/admin/portals/${A}/consents/x`,
      auth(viewerAToken),
    );
    expect(malformed.status).toBe(400);
    const exported = await kit.app.request(
      `/api/v1/admin/portals/${A}/proofs/export`,
      auth(viewerAToken),
    );
    expect(exported.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect((await exported.text()).trim().split('\n')).toHaveLength(6);
    for (const path of [`consents/${consentId}`, 'proofs/export', 'proofs/verify']) {
      const refused = await kit.app.request(
        `/api/v1/admin/portals/${A}/${path}`,
        auth(viewerBToken),
      );
      expect(refused.status, path).toBe(403);
    }
  });
});
