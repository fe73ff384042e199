import { openConsentLog, openDatabase, openStore } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, startChildServer } from './consent-child-server.js';
import { PARIS, PARIS_ORIGIN } from './consent-fixtures.js';
import { portal } from './fixtures.js';
import {
  TEST_POSTGRES_URL,
  requirePostgres,
  scratchDatabase,
} from '../../../test-support/postgres.mjs';
import { startConsentLoad } from '../../../test-support/consent-load.mjs';
import { startTcpProxy } from '../../../test-support/tcp-proxy.mjs';

const postgres = await requirePostgres('the network partition test');

/** The defaults these waits must hold with (docs/configuration.md). */
const CONSENT_DEADLINE_MS = 3000;
const HEALTH_TIMEOUT_MS = 800;
/** How long /healthz reuses its last answer. */
const HEALTH_CACHE_MS = 1000;
/** What a loaded test machine may add to a wait: scheduling, not the database. */
const SLACK_MS = 4000;
const PARTITION_MS = 15_000;

let server: Awaited<ReturnType<typeof bundleServer>>;
beforeAll(async () => {
  if (postgres) server = await bundleServer();
});
afterAll(() => server?.remove());

interface Probe {
  readonly status: number | 'timeout';
  readonly ms: number;
  /** When the probe was sent (performance.now()). */
  readonly at: number;
}

/** GETs `url` every `everyMs` until `stop()`; each answer's status and time. */
function poll(url: string, everyMs: number) {
  const probes: Probe[] = [];
  let stopping = false;
  const running = (async () => {
    while (!stopping) {
      const started = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(PARTITION_MS) });
        await res.arrayBuffer();
        probes.push({ status: res.status, ms: performance.now() - started, at: started });
      } catch {
        probes.push({ status: 'timeout', ms: performance.now() - started, at: started });
      }
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

describe.runIf(postgres)('a silent network partition between Galette and PostgreSQL', () => {
  it('answers consents 503 by the deadline, /healthz 503 within a second, pages from cache', async () => {
    const scratch = await scratchDatabase('galette_faults_partition');
    const direct = new URL(scratch.url);
    const proxy = await startTcpProxy({
      host: direct.hostname,
      port: Number(direct.port || new URL(TEST_POSTGRES_URL).port || 5432),
    });
    try {
      const store = await openStore(scratch.url);
      const migration = await store.migrate();
      if (migration.error) throw new Error(migration.error.message);
      const revision = await store.saveAndPublish(portal(PARIS));
      await store.close();

      const viaProxy = new URL(scratch.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const child = await startChildServer(server.file, viaProxy.toString());
      let acknowledged: readonly { eventId: string }[] = [];
      let exited = false;
      void child.exited.then(() => (exited = true));
      const base = `http://127.0.0.1:${child.port}`;
      try {
        // Known before the partition: the charter and widget every node keeps serving.
        for (const path of [
          '/healthz',
          `/p/${PARIS}/charte-cookies.json`,
          `/p/${PARIS}/widget.js`,
        ]) {
          expect((await fetch(base + path)).status, path).toBe(200);
        }

        proxy.pause();
        const pausedAt = performance.now();
        const load = startConsentLoad({
          endpoint: `${base}/api/v1/portals/${PARIS}/consents`,
          origin: PARIS_ORIGIN,
          revision: revision.hash,
          connections: 4,
          requestTimeoutMs: PARTITION_MS,
        });
        const health = poll(`${base}/healthz`, 400);
        const charter = poll(`${base}/p/${PARIS}/charte-cookies.json`, 300);
        const widget = poll(`${base}/p/${PARIS}/widget.js`, 300);
        await new Promise((resolve) => setTimeout(resolve, PARTITION_MS));
        const during = { ...load.statuses };
        const [healthProbes, charterProbes, widgetProbes] = await Promise.all([
          health.stop(),
          charter.stop(),
          widget.stop(),
        ]);
        proxy.resume();
        // Healed: the same events, sent again, are stored.
        await new Promise((resolve) => setTimeout(resolve, 4000));
        const result = await load.stop();
        acknowledged = result.acknowledged;

        expect(exited, child.stderr()).toBe(false);
        // Consents: refused, never hanging for the partition; no other status.
        expect(Object.keys(during), JSON.stringify(during)).toEqual(['503']);
        expect(during['503']).toBeGreaterThan(4);
        // After it: stored (201), or already stored by a batch that committed once the network
        // came back, after its 503 (200, the original record).
        const after = Object.keys(result.statuses);
        expect(
          after.every((s) => ['200', '201', '503'].includes(s)),
          after.join(),
        ).toBe(true);
        expect(result.statuses['201']).toBeGreaterThan(0);
        expect(result.longestMs).toBeLessThan(CONSENT_DEADLINE_MS + SLACK_MS);
        // /healthz: 503 once the probe timed out, each answered within its timeout.
        // A probe sent within the first second may still get the state cached before the partition
        // (the health answer is reused for a second), so only those after it must be 503.
        expect(healthProbes.length).toBeGreaterThan(5);
        expect(healthProbes.every((p) => p.status === 200 || p.status === 503)).toBe(true);
        const afterCache = healthProbes.filter((p) => p.at - pausedAt > HEALTH_CACHE_MS);
        expect(afterCache.length).toBeGreaterThan(5);
        expect(
          afterCache.every((p) => p.status === 503),
          JSON.stringify(healthProbes),
        ).toBe(true);
        expect(Math.max(...healthProbes.map((p) => p.ms))).toBeLessThan(
          HEALTH_TIMEOUT_MS + SLACK_MS,
        );
        // Charter and widget: served throughout, from what the node knew.
        for (const probes of [charterProbes, widgetProbes]) {
          expect(probes.length).toBeGreaterThan(10);
          expect(probes.every((p) => p.status === 200)).toBe(true);
          expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(SLACK_MS);
        }
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      } finally {
        child.process.kill('SIGTERM');
        await child.exited;
      }

      const database = await openDatabase(scratch.url);
      try {
        const stored = new Set<string>();
        for await (const record of openConsentLog(database).records(PARIS)) {
          stored.add(record.eventId);
        }
        expect(acknowledged.length).toBeGreaterThan(0);
        expect(acknowledged.filter((s) => !stored.has(s.eventId))).toEqual([]);
      } finally {
        await database.close();
      }
    } finally {
      await proxy.close();
      await scratch.drop();
    }
  }, 90_000);
});
