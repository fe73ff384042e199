import { CLI_PRINCIPAL } from '@galette/core';
import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let jobs: ScanJobs;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  kit = await consoleKit();
  jobs = openScanJobs((kit.store as KyselyStore).database);
  for (const [name, role, portals] of [
    ['ci-editor', 'editor', [A]],
    ['auditor', 'viewer', [A]],
    ['other', 'editor', [B]],
  ] as const) {
    tokens[name] = (
      await kit.accounts.tokens.create(CLI_PRINCIPAL, { name, role, portals: [...portals] })
    ).token;
  }
});
afterAll(() => kit.close());

const call = (token: string, path: string, body?: unknown) =>
  kit.app.request(`/api/v1/admin/portals/${A}/scans${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'accept-language': 'en',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const finding = (id: string, name: string) => ({
  id,
  rule: 'undeclared',
  severity: 'error',
  scenario: 'no-action',
  subject: { kind: 'cookie', name, where: A },
  pages: [`https://${A}/`],
  setBy: [],
});
const cookie = (name: string) => ({
  name,
  domain: A,
  party: 'first',
  lifetime: { session: false, days: 30 },
  classification: { category: 'marketing', source: 'heuristics' },
});

describe('scans in the admin API', () => {
  it('starts a scan of the portal’s own site with a token that may run scans, and no other', async () => {
    const started = await call(tokens['ci-editor']!, '', { pages: 5, scenarios: 'main' });
    expect(started.status).toBe(202);
    const { scan } = (await started.json()) as { scan: Record<string, unknown> };
    expect(scan).toMatchObject({
      portalId: A,
      url: `https://${A}/`,
      status: 'queued',
      trigger: 'api',
      requestedBy: 'ci-editor',
      options: { pages: 5, scenarios: ['no-action', 'refuse-all', 'accept-all'] },
    });
    expect(scan).not.toHaveProperty('worker');
    expect(started.headers.get('location')).toBe(`/api/v1/admin/portals/${A}/scans/${scan.id}`);
    // The log says who pointed the server's browser where.
    const log = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'scan.start' });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      actor: { kind: 'token', label: 'ci-editor' },
      portalId: A,
      object: scan.id,
      outcome: 'success',
      changes: {
        url: `https://${A}/`,
        pages: 5,
        scenarios: ['no-action', 'refuse-all', 'accept-all'],
      },
    });

    const elsewhere = await call(tokens['ci-editor']!, '', { url: 'http://169.254.169.254/' });
    expect(elsewhere.status).toBe(400);
    const refused = (await elsewhere.json()) as { error: { fields: { path: string }[] } };
    expect(refused.error.fields.map((f) => f.path)).toEqual(['url']);
    const bad = await call(tokens['ci-editor']!, '', { pages: 0, depth: 3 });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['depth', 'pages']);

    // Auditors read scans and start none; another portal's editor sees nothing of them.
    expect((await call(tokens.auditor!, '', {})).status).toBe(403);
    expect((await call(tokens.other!, '')).status).toBe(403);
    const listed = await call(tokens.auditor!, '');
    expect(listed.status).toBe(200);
    const { scans } = (await listed.json()) as { scans: { id: string }[] };
    expect(scans.map((s) => s.id)).toEqual([scan.id]);
    // The console's list names where the scan came from.
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    expect(await (await viewer.get(`/admin/portals/${A}/scans`)).text()).toContain(
      'API d’administration',
    );
  });

  it('gives a scan’s state, then its report, and the diff between two finished scans', async () => {
    const finish = async (cookies: string[], findings: ReturnType<typeof finding>[]) => {
      const job = await jobs.enqueue({ portalId: A, url: `https://${A}/`, trigger: 'api' });
      let taken = await jobs.claimNext('w');
      while (taken && taken.id !== job.id) {
        await jobs.finish(taken.id, 'w', { error: 'not this one' });
        taken = await jobs.claimNext('w');
      }
      const report = {
        format: 'galette.scan/1',
        scenarios: [{ id: 'no-action', cookies: cookies.map(cookie) }],
        findings,
      };
      await jobs.finish(job.id, 'w', {
        result: report,
        summary: { errors: findings.length, warnings: 0, notices: 0, cookies: cookies.length },
      });
      return job.id;
    };
    const queued = await jobs.enqueue({ portalId: A, url: `https://${A}/`, trigger: 'api' });
    const state = await call(tokens.auditor!, `/${queued.id}`);
    expect(((await state.json()) as { scan: { status: string } }).scan.status).toBe('queued');
    expect((await call(tokens.auditor!, `/${queued.id}/report`)).status).toBe(404);

    const first = await finish(['old_id', 'kept'], [finding('f1', 'old_id')]);
    const second = await finish(['kept', 'new_id'], [finding('f2', 'new_id')]);
    const report = await call(tokens.auditor!, `/${second}/report`);
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({
      format: 'galette.scan/1',
      findings: [{ id: 'f2' }],
    });

    const diff = await call(tokens.auditor!, `/diff?from=${first}&to=${second}`);
    expect(diff.status).toBe(200);
    const d = (await diff.json()) as {
      cookies: { added: { name: string }[]; removed: { name: string }[] };
      findings: { added: { id: string }[]; removed: { id: string }[] };
    };
    expect(d.cookies.added.map((c) => c.name)).toEqual(['new_id']);
    expect(d.cookies.removed.map((c) => c.name)).toEqual(['old_id']);
    expect(d.findings.added.map((f) => f.id)).toEqual(['f2']);
    expect(d.findings.removed.map((f) => f.id)).toEqual(['f1']);
    expect((await call(tokens.auditor!, `/diff?from=${first}`)).status).toBe(400);
    expect((await call(tokens.auditor!, `/diff?from=${first}&to=${queued.id}`)).status).toBe(404);
    expect((await call(tokens.auditor!, '/no-such-scan')).status).toBe(404);
  });
});
