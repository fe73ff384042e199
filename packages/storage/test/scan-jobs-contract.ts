import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KyselyStore, openScanJobs, type ScanJobs, type Store } from '../src/index.js';

/**
 * Scan jobs (issue 15) as every database owes them: a queue that survives restarts, one
 * worker per job, a worker gone silent replaced, and schedules that queue each run once.
 * `makeStore` returns a new, empty, unmigrated store each time; `again` opens a second store
 * on the same database (another node), where the database allows it.
 */
export function scanJobsContract(
  name: string,
  makeStore: () => Promise<Store>,
  again?: () => Promise<Store>,
): void {
  describe(`Scan jobs: ${name}`, () => {
    const opened: Store[] = [];
    let now = new Date('2026-01-05T10:00:00.000Z');
    const clock = { now: () => now };
    const jobsOf = (store: Store): ScanJobs => {
      if (!(store instanceof KyselyStore)) throw new Error('not a Kysely store');
      return openScanJobs(store.database, clock);
    };
    async function migrated(): Promise<ScanJobs> {
      const store = await makeStore();
      opened.push(store);
      expect((await store.migrate()).error).toBeUndefined();
      return jobsOf(store);
    }
    const tick = (ms: number) => (now = new Date(now.getTime() + ms));
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      now = new Date('2026-01-05T10:00:00.000Z');
    });

    it('queues jobs, gives each to one worker, oldest first, and keeps the outcome', async () => {
      const jobs = await migrated();
      const first = await jobs.enqueue({
        portalId: 'a.example.org',
        url: 'https://a.example.org/',
        options: { pages: 5, scenarios: ['no-action'] },
        trigger: 'console',
        requestedBy: 'alice@example.org',
      });
      expect(first).toMatchObject({ status: 'queued', attempts: 0, options: { pages: 5 } });
      tick(1000);
      const second = await jobs.enqueue({
        portalId: 'a.example.org',
        url: 'https://a.example.org/',
        trigger: 'schedule',
      });
      expect((await jobs.list('a.example.org')).map((j) => j.id)).toEqual([second.id, first.id]);

      const taken = await jobs.claimNext('w1');
      expect(taken).toMatchObject({ id: first.id, status: 'running', worker: 'w1', attempts: 1 });
      expect((await jobs.claimNext('w2'))?.id).toBe(second.id);
      expect(await jobs.claimNext('w3')).toBeUndefined();

      const progress = { pagesDone: 3, pagesTotal: 10, scenario: 'no-action', findings: 1 };
      expect(await jobs.heartbeat(first.id, 'w1', progress)).toBe(true);
      expect(await jobs.heartbeat(first.id, 'w2')).toBe(false);
      expect((await jobs.get(first.id))?.progress).toEqual(progress);

      const summary = { errors: 1, warnings: 0, notices: 0, cookies: 4 };
      expect(await jobs.finish(first.id, 'w2', { error: 'not mine' })).toBe(false);
      expect(
        await jobs.finish(first.id, 'w1', { result: { format: 'galette.scan/1' }, summary }),
      ).toBe(true);
      expect(await jobs.get(first.id)).toMatchObject({ status: 'done', summary });
      expect(await jobs.result(first.id)).toEqual({ format: 'galette.scan/1' });
      expect(await jobs.finish(second.id, 'w2', { error: 'Chromium did not start' })).toBe(true);
      expect(await jobs.get(second.id)).toMatchObject({
        status: 'failed',
        error: 'Chromium did not start',
      });
      expect((await jobs.latestDone()).map((j) => j.id)).toEqual([first.id]);
    });

    it('keeps a finished scan’s files with their hashes, and only its own worker stores them', async () => {
      const jobs = await migrated();
      const job = await jobs.enqueue({ portalId: 'a', url: 'https://a/', trigger: 'console' });
      await jobs.claimNext('w1');
      const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10, 0x80, 0xff, 0xd9]);
      const html = new TextEncoder().encode('<!doctype html><title>Rapport</title>');
      const summary = { errors: 0, warnings: 0, notices: 0, cookies: 0 };
      // Only the job's own worker stores files.
      expect(
        await jobs.finish(job.id, 'w2', {
          result: {},
          summary,
          artifacts: [{ path: 'x', mediaType: 'text/plain', bytes: html }],
        }),
      ).toBe(false);
      expect(await jobs.artifacts(job.id)).toEqual([]);
      expect(
        await jobs.finish(job.id, 'w1', {
          result: {},
          summary,
          artifacts: [
            {
              path: 'screenshots/refuse-all-first-layer.jpg',
              mediaType: 'image/jpeg',
              bytes: jpeg,
            },
            { path: 'report.fr.html', mediaType: 'text/html; charset=utf-8', bytes: html },
          ],
        }),
      ).toBe(true);
      expect(await jobs.artifacts(job.id)).toEqual([
        {
          path: 'report.fr.html',
          mediaType: 'text/html; charset=utf-8',
          sha256: createHash('sha256').update(html).digest('hex'),
          size: html.byteLength,
        },
        {
          path: 'screenshots/refuse-all-first-layer.jpg',
          mediaType: 'image/jpeg',
          sha256: createHash('sha256').update(jpeg).digest('hex'),
          size: 8,
        },
      ]);
      const shot = await jobs.artifact(job.id, 'screenshots/refuse-all-first-layer.jpg');
      expect(shot && [...shot.bytes]).toEqual([...jpeg]);
      expect(await jobs.artifact(job.id, 'missing.jpg')).toBeUndefined();
      expect(await jobs.artifact('other', 'report.fr.html')).toBeUndefined();
    });

    /** A scan's files as the worker stores them: heavy ones (deleted by the prune) and light. */
    const scanFiles = (n: number) => {
      const bytes = (text: string) => new TextEncoder().encode(text);
      return [
        {
          path: 'screenshots/refuse-all-first-layer.jpg',
          mediaType: 'image/jpeg',
          bytes: bytes(`jpeg ${n}`.repeat(10)),
        },
        {
          path: 'report.fr.html',
          mediaType: 'text/html; charset=utf-8',
          bytes: bytes(`<p>${n}</p>`),
        },
        { path: 'report.en.md', mediaType: 'text/markdown; charset=utf-8', bytes: bytes(`# ${n}`) },
        { path: 'report.json', mediaType: 'application/json', bytes: bytes(`{"n":${n}}`) },
        { path: 'requests/no-action.json', mediaType: 'application/json', bytes: bytes('[]') },
        { path: 'draft-portal.json', mediaType: 'application/json', bytes: bytes('{}') },
        { path: 'manifest.json', mediaType: 'application/json', bytes: bytes(`{"m":${n}}`) },
      ];
    };
    const heavyBytes = (n: number) =>
      scanFiles(n)
        .slice(0, 3)
        .reduce((sum, f) => sum + f.bytes.byteLength, 0);
    const storedBytes = (n: number) =>
      scanFiles(n)
        .slice(0, 3)
        .reduce((sum, f) => sum + Buffer.from(f.bytes).toString('base64').length, 0);
    const summaryOf = (errors: number) => ({ errors, warnings: 0, notices: 0, cookies: 1 });
    async function finished(jobs: ScanJobs, portalId: string, n: number): Promise<string> {
      const job = await jobs.enqueue({ portalId, url: `https://${portalId}/`, trigger: 'cli' });
      await jobs.claimNext('w');
      tick(1000);
      await jobs.finish(job.id, 'w', {
        result: { findings: [{ id: `f${n}` }] },
        summary: summaryOf(n),
        artifacts: scanFiles(n),
      });
      return job.id;
    }

    it('deletes the heavy files of each portal’s finished scans past the newest N, and keeps the rest', async () => {
      const jobs = await migrated();
      const a1 = await finished(jobs, 'a', 1);
      const b1 = await finished(jobs, 'b', 11);
      // Queued before a3 but finished after it: newer by its end.
      const a2 = await jobs.enqueue({ portalId: 'a', url: 'https://a/', trigger: 'cli' });
      await jobs.claimNext('w');
      const a3 = await finished(jobs, 'a', 3);
      tick(1000);
      await jobs.finish(a2.id, 'w', { result: {}, summary: summaryOf(2), artifacts: scanFiles(2) });
      const a4 = await finished(jobs, 'a', 4);
      const failed = await jobs.enqueue({ portalId: 'a', url: 'https://a/', trigger: 'cli' });
      await jobs.claimNext('w');
      await jobs.finish(failed.id, 'w', { error: 'Chromium did not start' });
      const b2 = await finished(jobs, 'b', 12);
      tick(60_000);
      const prunedAt = now.toISOString();

      const pruned = await jobs.pruneEvidence({ keepPerPortal: 2 });
      // Portal a by end: a4, a2 kept; a3, a1 pruned. Portal b has two: nothing.
      expect(pruned).toEqual({
        scans: 2,
        files: 6,
        bytes: heavyBytes(1) + heavyBytes(3),
        storedBytes: storedBytes(1) + storedBytes(3),
        portals: [
          {
            portalId: 'a',
            scans: 2,
            files: 6,
            bytes: heavyBytes(1) + heavyBytes(3),
            storedBytes: storedBytes(1) + storedBytes(3),
          },
        ],
      });
      const light = [
        'draft-portal.json',
        'manifest.json',
        'report.json',
        'requests/no-action.json',
      ];
      for (const id of [a1, a3]) {
        expect((await jobs.artifacts(id)).map((f) => f.path)).toEqual(light);
        expect(await jobs.get(id)).toMatchObject({
          status: 'done',
          evidencePruned: { at: prunedAt, keep: 2 },
        });
        expect(await jobs.artifact(id, 'report.fr.html')).toBeUndefined();
      }
      expect(await jobs.result(a1)).toEqual({ findings: [{ id: 'f1' }] });
      expect((await jobs.get(a3))?.summary).toEqual(summaryOf(3));
      const manifest = await jobs.artifact(a1, 'manifest.json');
      expect(new TextDecoder().decode(manifest!.bytes)).toBe('{"m":1}');
      for (const id of [a2.id, a4, b1, b2]) {
        expect(await jobs.artifacts(id)).toHaveLength(7);
        expect((await jobs.get(id))?.evidencePruned).toBeUndefined();
      }
      expect((await jobs.get(failed.id))?.evidencePruned).toBeUndefined();

      // Nothing left to do: nothing counted twice.
      expect(await jobs.pruneEvidence({ keepPerPortal: 2 })).toEqual({
        scans: 0,
        files: 0,
        bytes: 0,
        storedBytes: 0,
        portals: [],
      });
      // One portal, a smaller count: the others are left alone.
      const onlyB = await jobs.pruneEvidence({ keepPerPortal: 0, portalId: 'b' });
      expect(onlyB).toMatchObject({ scans: 2, files: 6, portals: [{ portalId: 'b', scans: 2 }] });
      expect((await jobs.get(b2))?.evidencePruned).toEqual({ at: prunedAt, keep: 0 });
      expect(await jobs.artifacts(a2.id)).toHaveLength(7);
      expect((await jobs.latestDone()).map((j) => j.id)).toEqual([a4, b2]);
    });

    it('prunes many scans in several transactions', async () => {
      const jobs = await migrated();
      const ids: string[] = [];
      for (let n = 0; n < 45; n++) ids.push(await finished(jobs, 'a', n));
      const pruned = await jobs.pruneEvidence({ keepPerPortal: 3 });
      expect(pruned).toMatchObject({ scans: 42, files: 126 });
      for (const id of ids.slice(-3)) expect(await jobs.artifacts(id)).toHaveLength(7);
      for (const id of [ids[0]!, ids[41]!]) expect(await jobs.artifacts(id)).toHaveLength(4);
    });

    it('gives the latest finished scheduled scan of each portal asked for', async () => {
      const jobs = await migrated();
      const summary = (errors: number, newErrors?: number) => ({
        errors,
        warnings: 0,
        notices: 0,
        cookies: 1,
        ...(newErrors === undefined ? {} : { newErrors }),
      });
      const run = async (portalId: string, trigger: string, outcome: 'done' | 'failed', n = 0) => {
        const job = await jobs.enqueue({ portalId, url: `https://${portalId}/`, trigger });
        await jobs.claimNext('w');
        tick(1000);
        await jobs.finish(
          job.id,
          'w',
          outcome === 'done' ? { result: {}, summary: summary(n, n) } : { error: 'x' },
        );
        return job.id;
      };
      await run('a', 'schedule', 'done', 1);
      const aLatest = await run('a', 'schedule', 'done', 2);
      await run('a', 'console', 'done', 5); // asked by hand: not a scheduled scan
      await run('a', 'schedule', 'failed');
      const bOnly = await run('b', 'schedule', 'done', 0);
      await run('c', 'schedule', 'done', 3); // not asked for
      await run('d', 'console', 'done', 4);
      const latest = await jobs.latestScheduled(['a', 'b', 'd', 'nobody']);
      expect(latest.map((j) => [j.portalId, j.id, j.summary?.newErrors])).toEqual([
        ['a', aLatest, 2],
        ['b', bOnly, 0],
      ]);
      expect(await jobs.latestScheduled([])).toEqual([]);
    });

    it('hands a job whose worker went silent to another, and fails it after three tries', async () => {
      const jobs = await migrated();
      const job = await jobs.enqueue({ portalId: 'a', url: 'https://a/', trigger: 'cli' });
      expect((await jobs.claimNext('w1'))?.id).toBe(job.id);
      tick(60_000);
      expect(await jobs.claimNext('w2')).toBeUndefined();
      tick(61_000);
      // w1 stopped (a restart): after two minutes of silence the job is taken over.
      expect(await jobs.claimNext('w2')).toMatchObject({ id: job.id, worker: 'w2', attempts: 2 });
      expect(await jobs.finish(job.id, 'w1', { error: 'late' })).toBe(false);
      tick(121_000);
      expect(await jobs.claimNext('w3')).toMatchObject({ attempts: 3 });
      tick(121_000);
      expect(await jobs.claimNext('w4')).toBeUndefined();
      expect(await jobs.get(job.id)).toMatchObject({ status: 'failed', error: 'worker-lost' });
    });

    it('queues a scheduled scan once per period, whoever asks', async () => {
      const jobs = await migrated();
      await jobs.setSchedule('a', { url: 'https://a/', everyDays: 7, updatedBy: 'bob' });
      expect(await jobs.getSchedule('a')).toEqual({
        portalId: 'a',
        url: 'https://a/',
        everyDays: 7,
        nextRunAt: '2026-01-12T10:00:00.000Z',
        updatedBy: 'bob',
      });
      expect(await jobs.enqueueDue()).toEqual([]);
      tick(7 * 86_400_000);
      const [queued, ...more] = await Promise.all([jobs.enqueueDue(), jobs.enqueueDue()]);
      expect([...queued!, ...more.flat()]).toHaveLength(1);
      expect([...queued!, ...more.flat()][0]).toMatchObject({
        portalId: 'a',
        trigger: 'schedule',
        requestedBy: 'bob',
      });
      expect((await jobs.getSchedule('a'))?.nextRunAt).toBe('2026-01-19T10:00:00.000Z');
      await jobs.setSchedule('a', null);
      expect(await jobs.getSchedule('a')).toBeUndefined();
    });

    it.runIf(again)('counts each pruned scan once when several nodes prune at once', async () => {
      const jobs = await migrated();
      const nodes = await Promise.all([again!(), again!()]);
      opened.push(...nodes);
      for (let n = 0; n < 30; n++) await finished(jobs, n % 2 === 0 ? 'a' : 'b', n);
      const results = await Promise.all(
        [jobs, ...nodes.map(jobsOf)].map((node) => node.pruneEvidence({ keepPerPortal: 1 })),
      );
      expect(results.reduce((sum, r) => sum + r.scans, 0)).toBe(28);
      expect(results.reduce((sum, r) => sum + r.files, 0)).toBe(84);
    });

    it.runIf(again)('gives each job to exactly one of several nodes claiming at once', async () => {
      const jobs = await migrated();
      const nodes = await Promise.all([again!(), again!(), again!()]);
      opened.push(...nodes);
      const all = [jobs, ...nodes.map(jobsOf)];
      const ids = new Set<string>();
      for (let i = 0; i < 24; i++) {
        ids.add((await jobs.enqueue({ portalId: 'a', url: 'https://a/', trigger: 'cli' })).id);
      }
      const taken = await Promise.all(
        all.map(async (node, n) => {
          const mine: string[] = [];
          for (;;) {
            const job = await node.claimNext(`w${n}`);
            if (!job) return mine;
            mine.push(job.id);
          }
        }),
      );
      const flat = taken.flat();
      expect(flat).toHaveLength(24);
      expect(new Set(flat)).toEqual(ids);
    });
  });
}
