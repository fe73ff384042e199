import { CLI_PRINCIPAL } from '@galette/core';
import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let jobs: ScanJobs;

beforeAll(async () => {
  kit = await consoleKit();
  jobs = openScanJobs((kit.store as KyselyStore).database);
});
afterAll(() => kit.close());

const finding = (id: string, name: string, severity = 'error') => ({
  id,
  rule: 'before-consent',
  severity,
  scenario: 'no-action',
  subject: { kind: 'cookie', name, where: 'opendata.paris.fr' },
  pages: ['https://opendata.paris.fr/'],
  setBy: [{ via: 'script', script: 'https://opendata.paris.fr/js/tag.js' }],
});
const cookie = (name: string, days: number) => ({
  name,
  domain: 'opendata.paris.fr',
  party: 'first',
  lifetime: { session: false, days },
  classification: { category: 'marketing', source: 'declaration' },
});
const report = (cookies: ReturnType<typeof cookie>[], findings: ReturnType<typeof finding>[]) => ({
  format: 'galette.scan/1',
  scenarios: [{ id: 'no-action', cookies }],
  findings,
});

/** What a worker does with a job, without Chromium. */
async function runAsWorker() {
  const job = (await jobs.claimNext('test-worker'))!;
  await jobs.heartbeat(job.id, 'test-worker', {
    pagesDone: 3,
    pagesTotal: 10,
    scenario: 'refuse-all',
    findings: 1,
  });
  return job;
}

describe('scans in the console', () => {
  it('lets an editor queue a scan of the portal’s own site, and no other', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const list = await editor.get(`/admin/portals/${A}/scans`);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Lancer une analyse');
    expect(html).toContain('Aucune analyse pour ce portail.');

    const elsewhere = await editor.post(`/admin/portals/${A}/scans`, {
      url: 'http://169.254.169.254/latest/meta-data/',
      pages: '5',
      scenarios: 'all',
    });
    expect(elsewhere.status).toBe(400);
    const refused = await elsewhere.text();
    expect(refused).toContain('href="#url"');
    expect(refused).toContain('paris.fr');
    const badPages = await editor.post(`/admin/portals/${A}/scans`, {
      url: 'https://opendata.paris.fr/',
      pages: '100000',
      scenarios: 'all',
    });
    expect(badPages.status).toBe(400);
    expect(await badPages.text()).toContain('href="#pages"');

    const queued = await editor.post(`/admin/portals/${A}/scans`, {
      url: 'https://opendata.paris.fr/explore/',
      pages: '5',
      scenarios: 'main',
    });
    expect(queued.status).toBe(303);
    const location = queued.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/admin/portals/${A}/scans/[0-9a-f-]{36}\\?queued=1$`));
    const page = await editor.get(location);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Analyse demandée');
    expect(text).toContain('en attente');
    const [job] = await jobs.list(A);
    expect(job).toMatchObject({
      url: 'https://opendata.paris.fr/explore/',
      options: { pages: 5, scenarios: ['no-action', 'refuse-all', 'accept-all'] },
      trigger: 'console',
      requestedBy: PEOPLE.editorA,
      status: 'queued',
    });
    const log = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'scan.start' });
    expect(log.entries.map((e) => [e.actor.label, e.portalId, e.object, e.changes])).toEqual([
      [
        PEOPLE.editorA,
        A,
        job!.id,
        {
          url: 'https://opendata.paris.fr/explore/',
          pages: 5,
          scenarios: ['no-action', 'refuse-all', 'accept-all'],
        },
      ],
    ]);
  });

  it('shows progress while a worker runs it, then its findings, and compares two scans', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const first = await runAsWorker();
    const running = await (await editor.get(`/admin/portals/${A}/scans/${first.id}`)).text();
    expect(running).toContain('3/10 pages vues · scénario refuse-all · 1 constats');
    expect(running).toContain('Actualiser');
    await jobs.finish(first.id, 'test-worker', {
      result: report([cookie('old_id', 30), cookie('kept', 30)], [finding('f1', 'old_id')]),
      summary: { errors: 1, warnings: 0, notices: 0, cookies: 2 },
    });
    await jobs.enqueue({ portalId: A, url: 'https://opendata.paris.fr/', trigger: 'schedule' });
    const second = await runAsWorker();
    await jobs.finish(second.id, 'test-worker', {
      result: report(
        [cookie('kept', 400), cookie('new_id', 30)],
        [finding('f2', 'new_id'), finding('f3', 'kept', 'warning')],
      ),
      summary: { errors: 1, warnings: 1, notices: 0, cookies: 2 },
    });

    const done = await (await editor.get(`/admin/portals/${A}/scans/${second.id}`)).text();
    expect(done).toContain('terminée');
    expect(done).toContain('<code>new_id</code>');
    expect(done).toContain('https://opendata.paris.fr/js/tag.js');
    expect(done.indexOf('new_id')).toBeLessThan(done.indexOf('<code>kept</code>'));

    const list = await (await editor.get(`/admin/portals/${A}/scans`)).text();
    expect(list).toContain('1 erreurs, 1 avertissements, 0 remarques');
    expect(list).toContain('Comparer deux analyses');

    const diff = await editor.get(
      `/admin/portals/${A}/scans/diff?from=${first.id}&to=${second.id}`,
    );
    expect(diff.status).toBe(200);
    const d = await diff.text();
    const section = (heading: string) =>
      d.slice(d.indexOf(heading), d.indexOf('</section>', d.indexOf(heading)));
    expect(section('Cookies apparus')).toContain('new_id');
    expect(section('Cookies disparus')).toContain('old_id');
    expect(section('Cookies modifiés')).toContain('marketing, first, 30');
    expect(section('Cookies modifiés')).toContain('marketing, first, 400');
    expect(section('Nouveaux constats')).toContain('new_id');
    expect(section('Constats disparus')).toContain('old_id');
    const unfinished = await jobs.enqueue({
      portalId: A,
      url: 'https://opendata.paris.fr/',
      trigger: 'cli',
    });
    expect(
      (await editor.get(`/admin/portals/${A}/scans/diff?from=${first.id}&to=${unfinished.id}`))
        .status,
    ).toBe(404);
  });

  it('schedules scans; viewers read them without starting any; others are kept out', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const saved = await editor.post(`/admin/portals/${A}/scans/schedule`, { every: '7' });
    expect(saved.status).toBe(303);
    expect(await jobs.getSchedule(A)).toMatchObject({ everyDays: 7, updatedBy: PEOPLE.editorA });
    const log = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'scan.schedule' });
    expect(log.entries.map((e) => [e.actor.label, e.portalId, e.changes])).toEqual([
      [PEOPLE.editorA, A, { url: 'https://opendata.paris.fr', everyDays: 7 }],
    ]);
    const list = await (await editor.get(saved.headers.get('location')!)).text();
    expect(list).toContain('Programmation enregistrée.');
    expect(list).toContain('Prochaine analyse programmée');
    expect((await editor.post(`/admin/portals/${A}/scans/schedule`, { every: '2' })).status).toBe(
      400,
    );

    // Viewers (auditors) read a portal's scans; starting and scheduling them is for editors.
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    const read = await viewer.get(`/admin/portals/${A}/scans`);
    expect(read.status).toBe(200);
    const readable = await read.text();
    expect(readable).toContain('Analyses du portail');
    expect(readable).not.toContain('Lancer une analyse');
    expect(readable).not.toContain('Enregistrer la programmation');
    expect(
      (await viewer.post(`/admin/portals/${A}/scans`, { url: 'https://opendata.paris.fr/' }))
        .status,
    ).toBe(403);
    expect((await viewer.post(`/admin/portals/${A}/scans/schedule`, { every: '1' })).status).toBe(
      403,
    );
    const other = new TestBrowser(kit.app);
    await other.signIn(PEOPLE.editorB);
    expect((await other.get(`/admin/portals/${A}/scans`)).status).toBe(403);
    const [job] = await jobs.list(A);
    expect((await other.get(`/admin/portals/${B}/scans/${job!.id}`)).status).toBe(404);
  });
});
