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
});
