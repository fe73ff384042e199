import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsentLog, openDatabase, openStore } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, startChildServer } from './consent-child-server.js';
import { PARIS, PARIS_ORIGIN } from './consent-fixtures.js';
import { portal } from './fixtures.js';
import { startConsentLoad } from '../../../test-support/consent-load.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCK_MS = 5000;
/** What a loaded test machine may add to an answer: scheduling, not a lock. */
const SLACK_MS = 1500;
const CONSENT_DEADLINE_MS = 3000;

let server: Awaited<ReturnType<typeof bundleServer>>;
const dir = mkdtempSync(join(tmpdir(), 'galette-sqlite-lock-'));
beforeAll(async () => {
  server = await bundleServer();
});
afterAll(() => {
  server?.remove();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Another process (a backup tool, the `sqlite3` shell) takes the write lock with BEGIN EXCLUSIVE
 * and holds it for `ms`; resolves once it holds it, with a promise of its end.
 */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return { released };
}

function poll(url: string, everyMs: number) {
  const probes: { status: number; ms: number }[] = [];
  let stopping = false;
  const running = (async () => {
    while (!stopping) {
      const started = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      probes.push({ status: res.status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await running;
      return probes;
    },
  };
}

describe('another process holding the SQLite write lock', () => {
  it('never holds the server: pages and /healthz answer, consents get 201 or 503, none lost', async () => {
    const file = join(dir, 'galette.db');
    const url = `sqlite:${file}`;
    const store = await openStore(url);
    const migration = await store.migrate();
    if (migration.error) throw new Error(migration.error.message);
    const revision = await store.saveAndPublish(portal(PARIS));
    await store.close();

    // As `galette serve` runs by default: proofs from a thread, a short lock wait on its own.
    const child = await startChildServer(server.file, url, {
      appendThread: true,
      settings: { database: { lockTimeoutMs: 50 } },
    });
    let exited = false;
    void child.exited.then(() => (exited = true));
    const base = `http://127.0.0.1:${child.port}`;
    let acknowledged: readonly { eventId: string }[] = [];
    try {
      expect((await fetch(`${base}/p/${PARIS}/charte-cookies`)).status).toBe(200);
      const load = startConsentLoad({
        endpoint: `${base}/api/v1/portals/${PARIS}/consents`,
        origin: PARIS_ORIGIN,
        revision: revision.hash,
        connections: 8,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const lock = await holdWriteLock(file, LOCK_MS);
      const health = poll(`${base}/healthz`, 100);
      const charter = poll(`${base}/p/${PARIS}/charte-cookies`, 100);
      await lock.released;
      const [healthProbes, charterProbes] = await Promise.all([health.stop(), charter.stop()]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const result = await load.stop();
      acknowledged = result.acknowledged;

      expect(exited, child.stderr()).toBe(false);
      const statuses = Object.keys(result.statuses);
      expect(
        statuses.every((s) => ['200', '201', '503'].includes(s)),
        statuses.join(),
      ).toBe(true);
      // The lock was felt: some consents waited past the deadline and were refused.
      expect(result.statuses['503']).toBeGreaterThan(0);
      expect(result.statuses['201']).toBeGreaterThan(0);
      expect(result.longestMs).toBeLessThan(CONSENT_DEADLINE_MS + SLACK_MS);
      for (const probes of [healthProbes, charterProbes]) {
        expect(probes.length).toBeGreaterThan(10);
        expect(probes.every((p) => p.status === 200)).toBe(true);
        // Answered while the lock was held, not after it: well within the 5-second lock.
        expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(SLACK_MS);
      }
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }

    const database = await openDatabase(url);
    try {
      const stored = new Set<string>();
      for await (const record of openConsentLog(database).records(PARIS)) {
        stored.add(record.eventId);
      }
      expect(acknowledged.filter((s) => !stored.has(s.eventId))).toEqual([]);
    } finally {
      await database.close();
    }
  }, 60_000);
});
