import { randomUUID } from 'node:crypto';
import { UnavailableError } from '@galette/core';
import { openConsentLog, openDatabase, openStore, PostgresStore } from '@galette/storage';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, startChildServer } from './consent-child-server.js';
import { PARIS, PARIS_ORIGIN, body, post } from './consent-fixtures.js';
import { portal } from './fixtures.js';
import { createApp } from '../src/index.js';
import {
  TEST_POSTGRES_URL,
  requirePostgres,
  scratchDatabase,
} from '../../../test-support/postgres.mjs';
import { consentId, startConsentLoad } from '../../../test-support/consent-load.mjs';

const postgres = await requirePostgres('the PostgreSQL fault tests');

/** A connection to the cluster's maintenance database, from which the faults are made. */
let admin: pg.Client;
beforeAll(async () => {
  if (!postgres) return;
  admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
});

const nameOf = (url: string) => new URL(url).pathname.slice(1);

/** Ends every session on the scratch database, and only there. */
async function terminateBackends(url: string): Promise<number> {
  const { rowCount } = await admin.query(
    `select pg_terminate_backend(pid) from pg_stat_activity
      where datname = $1 and pid <> pg_backend_pid()`,
    [nameOf(url)],
  );
  return rowCount ?? 0;
}

async function publishedScratch(prefix: string) {
  const scratch = await scratchDatabase(prefix);
  const store = await openStore(scratch.url);
  try {
    const migration = await store.migrate();
    if (migration.error) throw new Error(migration.error.message);
    const revision = await store.saveAndPublish(portal(PARIS));
    return { ...scratch, revision };
  } finally {
    await store.close();
  }
}

async function storedEventIds(url: string): Promise<Set<string>> {
  const database = await openDatabase(url);
  try {
    const stored = new Set<string>();
    for await (const record of openConsentLog(database).records(PARIS)) {
      stored.add(record.eventId);
    }
    return stored;
  } finally {
    await database.close();
  }
}

describe.runIf(postgres)('PostgreSQL connections terminated under consent load', () => {
  let server: Awaited<ReturnType<typeof bundleServer>>;
  beforeAll(async () => {
    server = await bundleServer();
  });
  afterAll(() => server?.remove());

  it('keeps the process up, answers only 201 or 503, and loses no acknowledged consent', async () => {
    const scratch = await publishedScratch('galette_faults_kill');
    try {
      const child = await startChildServer(server.file, scratch.url);
      let exited = false;
      void child.exited.then(() => (exited = true));
      const load = startConsentLoad({
        endpoint: `http://127.0.0.1:${child.port}/api/v1/portals/${PARIS}/consents`,
        origin: PARIS_ORIGIN,
        revision: scratch.revision.hash,
        connections: 12,
      });
      let terminated = 0;
      // Every 200 ms for 10 s: about fifty terminations, many in the middle of a batch.
      for (let round = 0; round < 50 && !exited; round++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        terminated += await terminateBackends(scratch.url);
      }
      // Then a quiet second, so workers holding a refused event get it stored.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const result = await load.stop();
      expect(exited, child.stderr()).toBe(false);
      expect(terminated).toBeGreaterThan(10);
      const statuses = Object.keys(result.statuses).sort();
      expect(
        statuses.every((s) => ['200', '201', '503'].includes(s)),
        statuses.join(),
      ).toBe(true);
      expect(result.statuses['201']).toBeGreaterThan(0);
      // The outage was seen: some requests failed while their connection was being terminated.
      expect(result.statuses['503']).toBeGreaterThan(0);

      child.process.kill('SIGTERM');
      await child.exited;
      const stored = await storedEventIds(scratch.url);
      const missing = result.acknowledged.filter((s) => !stored.has(s.eventId));
      expect(missing).toEqual([]);
      // A refused event retried with the same id is stored once.
      expect(stored.size).toBe(new Set(result.acknowledged.map((s) => s.eventId)).size);
    } finally {
      await scratch.drop();
    }
  }, 60_000);
});

describe.runIf(postgres)('a PostgreSQL database that cannot take writes', () => {
  async function faultyApp(prefix: string) {
    const scratch = await publishedScratch(prefix);
    const store = await PostgresStore.open(scratch.url);
    const logged: unknown[] = [];
    const app = createApp({
      store,
      consents: { rateLimit: false },
      // Short enough for the test to outlive it: the charter must come from the kept revision.
      revisionTtlMs: 20,
      log: (error) => logged.push(error),
    });
    // Known before the fault: what each node keeps serving through it.
    expect((await app.request(`/p/${PARIS}/charte-cookies.json`)).status).toBe(200);
    expect((await app.request(`/p/${PARIS}/widget.js`)).status).toBe(200);
    expect((await post(app, body(scratch.revision))).status).toBe(201);
    const healthy = await app.request('/healthz');
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', database: 'ok' });
    return {
      app,
      scratch,
      logged,
      close: async () => {
        await store.close();
        await scratch.drop();
      },
    };
  }

  async function expectOutage(
    app: ReturnType<typeof createApp>,
    logged: unknown[],
    revisionHash: string,
    database: string,
  ) {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the health and revision caches
    const consent = await post(app, body({ hash: revisionHash }, { consentId: consentId() }));
    expect(consent.status).toBe(503);
    expect(consent.headers.get('retry-after')).toBe('5');
    const health = await app.request('/healthz', { headers: { 'accept-language': 'en' } });
    expect(health.status).toBe(503);
    const report = (await health.json()) as { status: string; database: string; reason: string };
    expect(report).toMatchObject({ status: 'unavailable', database });
    expect(report.reason.length).toBeGreaterThan(10);
    expect((await app.request('/livez')).status).toBe(200);
    expect((await app.request('/healthz?live')).status).toBe(200);
    expect((await app.request(`/p/${PARIS}/charte-cookies.json`)).status).toBe(200);
    expect((await app.request(`/p/${PARIS}/widget.js`)).status).toBe(200);
    expect(logged.length).toBeGreaterThan(0);
    expect(
      logged.every((e) => e instanceof UnavailableError),
      String(logged[0]),
    ).toBe(true);
  }

  it('refusing connections (ALLOW_CONNECTIONS false, SQLSTATE 55000) is an outage', async () => {
    const { app, scratch, logged, close } = await faultyApp('galette_faults_refuse');
    const name = nameOf(scratch.url);
    try {
      await admin.query(`alter database "${name}" allow_connections false`);
      await terminateBackends(scratch.url);
      await expectOutage(app, logged, scratch.revision.hash, 'unreachable');
      expect(logged.some((e) => /55000|accepting/.test(detail(e)))).toBe(true);

      await admin.query(`alter database "${name}" allow_connections true`);
      expect(await postUntilStored(app, body(scratch.revision))).toBe(201);
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
      await close();
    }
  }, 30_000);

  it('a read-only database (default_transaction_read_only, SQLSTATE 25006) is an outage', async () => {
    const { app, scratch, logged, close } = await faultyApp('galette_faults_readonly');
    const name = nameOf(scratch.url);
    try {
      await admin.query(`alter database "${name}" set default_transaction_read_only = on`);
      await terminateBackends(scratch.url);
      await expectOutage(app, logged, scratch.revision.hash, 'read_only');
      expect(logged.some((e) => /25006|read-only/.test(detail(e)))).toBe(true);

      await admin.query(`alter database "${name}" reset default_transaction_read_only`);
      await terminateBackends(scratch.url);
      // The pool may still hand out a connection terminated a moment ago: the widget's retry
      // of the same event is what gets stored.
      expect(await postUntilStored(app, body(scratch.revision, { eventId: randomUUID() }))).toBe(
        201,
      );
    } finally {
      await close();
    }
  }, 30_000);
});

/** Posts the same event up to five times while it gets 503, as the widget retries. */
async function postUntilStored(app: ReturnType<typeof createApp>, event: object): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    status = (await post(app, event)).status;
    if (status !== 503) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return status;
}

/** The driver's code and message behind a Galette error. */
function detail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `${cause?.code ?? ''} ${cause?.message ?? ''} ${(error as Error).message}`;
}
