import { afterEach, describe, expect, it } from 'vitest';
import { openScanJobs, SqliteStore, type ScanJob, type Store } from '@galette/storage';
import { startScanWorker, type ScanRunner, type ScanWorkerEvent } from './scan-worker.js';

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function store() {
  const s = await SqliteStore.open(':memory:');
  opened.push(s);
  expect((await s.migrate()).error).toBeUndefined();
  return { store: s, jobs: openScanJobs(s.database) };
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('startScanWorker', () => {
  it('runs queued jobs one at a time, keeps their progress and outcome, and stops cleanly', async () => {
    const { store: s, jobs } = await store();
    const a = await jobs.enqueue({ portalId: 'p', url: 'https://p.example/', trigger: 'console' });
    const b = await jobs.enqueue({ portalId: 'p', url: 'https://p.example/x', trigger: 'console' });
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run: ScanRunner = async (job, { progress }) => {
      ran.push(job.url);
      progress({ pagesDone: 1, pagesTotal: 4, scenario: 'no-action', findings: 0 });
      if (job.id === a.id) await gate;
      if (job.id === b.id) throw new Error('Chromium did not start');
      return {
        result: { format: 'galette.scan/1', url: job.url },
        summary: { errors: 2, warnings: 0, notices: 1, cookies: 5 },
      };
    };
    const events: ScanWorkerEvent['kind'][] = [];
    const worker = startScanWorker({
      store: s,
      id: 'w',
      run,
      pollMs: 20,
      onEvent: (e) => events.push(e.kind),
    });
    const running = await until(async () => {
      const job = await jobs.get(a.id);
      return job?.progress ? job : undefined;
    });
    expect(running).toMatchObject({ status: 'running', worker: 'w', progress: { pagesTotal: 4 } });
    // One at a time: the second waits for the first.
    expect((await jobs.get(b.id))?.status).toBe('queued');
    release();
    const failed = await until<ScanJob>(async () => {
      const job = await jobs.get(b.id);
      return job?.status === 'failed' ? job : undefined;
    });
    expect(failed.error).toBe('Chromium did not start');
    expect(await jobs.get(a.id)).toMatchObject({ status: 'done', summary: { errors: 2 } });
    expect(await jobs.result(a.id)).toEqual({ format: 'galette.scan/1', url: a.url });
    expect(ran).toEqual([a.url, b.url]);
    await worker.stop();
    expect(events).toEqual(['started', 'done', 'started', 'failed']);
  });

  it('after each scan, deletes the heavy files of the portal’s scans past the newest N', async () => {
    const { store: s, jobs } = await store();
    const bytes = (text: string) => new TextEncoder().encode(text);
    const run: ScanRunner = async (job) => ({
      result: { findings: [{ id: job.url }] },
      summary: { errors: 0, warnings: 0, notices: 0, cookies: 1 },
      artifacts: [
        { path: 'report.fr.html', mediaType: 'text/html', bytes: bytes('<p>rapport</p>') },
        {
          path: 'screenshots/no-action-first-layer.jpg',
          mediaType: 'image/jpeg',
          bytes: bytes('jpeg'),
        },
        { path: 'manifest.json', mediaType: 'application/json', bytes: bytes('{}') },
      ],
    });
    const queued: ScanJob[] = [];
    for (const page of ['a', 'b', 'c']) {
      queued.push(
        await jobs.enqueue({
          portalId: 'p',
          url: `https://p.example/${page}`,
          trigger: 'schedule',
        }),
      );
    }
    // Another portal's old scans are its own worker's business.
    const other = await jobs.enqueue({ portalId: 'q', url: 'https://q.example/', trigger: 'cli' });
    const events: ScanWorkerEvent[] = [];
    const worker = startScanWorker({
      store: s,
      id: 'w',
      run,
      pollMs: 20,
      keepEvidence: 1,
      onEvent: (e) => events.push(e),
    });
    await until(async () => ((await jobs.get(other.id))?.status === 'done' ? true : undefined));
    await worker.stop();
    const paths = async (id: string) => (await jobs.artifacts(id)).map((f) => f.path);
    expect(await paths(queued[0]!.id)).toEqual(['manifest.json']);
    expect(await paths(queued[1]!.id)).toEqual(['manifest.json']);
    expect(await paths(queued[2]!.id)).toHaveLength(3);
    expect(await paths(other.id)).toHaveLength(3);
    expect((await jobs.get(queued[0]!.id))?.evidencePruned?.keep).toBe(1);
    const pruned = events.filter((e) => e.kind === 'pruned');
    // One line after each of the second and third scans, each for the scan just pushed out.
    expect(pruned.map((e) => [e.job.id, e.pruned.scans, e.pruned.files, e.keep])).toEqual([
      [queued[1]!.id, 1, 2, 1],
      [queued[2]!.id, 1, 2, 1],
    ]);
    expect(pruned[0]!.pruned.bytes).toBe(bytes('<p>rapport</p>').byteLength + 4);
  });

  it('deletes nothing when told to keep every scan’s files', async () => {
    const { store: s, jobs } = await store();
    const run: ScanRunner = async () => ({
      result: {},
      summary: { errors: 0, warnings: 0, notices: 0, cookies: 0 },
      artifacts: [
        { path: 'report.fr.md', mediaType: 'text/markdown', bytes: new Uint8Array([35]) },
      ],
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await jobs.enqueue({ portalId: 'p', url: 'https://p.example/', trigger: 'cli' })).id,
      );
    }
    const events: ScanWorkerEvent['kind'][] = [];
    const worker = startScanWorker({
      store: s,
      id: 'w',
      run,
      pollMs: 20,
      keepEvidence: 'all',
      onEvent: (e) => events.push(e.kind),
    });
    await until(async () => ((await jobs.get(ids[2]!))?.status === 'done' ? true : undefined));
    await worker.stop();
    for (const id of ids) expect(await jobs.artifacts(id)).toHaveLength(1);
    expect(events).not.toContain('pruned');
  });
});
