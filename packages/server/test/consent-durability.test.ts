import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConsentId, type ConsentSubmission, type Revision } from '@galette/core';
import { openConsentLog, openDatabase, openStore } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, startChildServer } from './consent-child-server.js';
import { requirePostgres, scratchDatabase } from '../../../test-support/postgres.mjs';
import { portal } from './fixtures.js';

const PORTAL = 'opendata.paris.fr';
/** Acknowledged records before the kill; enough for batches to be in flight when it lands. */
const ACKNOWLEDGED_BEFORE_KILL = 300;
const CONNECTIONS = 16;

const postgres = await requirePostgres('the SIGKILL test');

let server: Awaited<ReturnType<typeof bundleServer>>;
const dir = mkdtempSync(join(tmpdir(), 'galette-consent-durability-'));
beforeAll(async () => {
  server = await bundleServer();
});
afterAll(() => {
  server?.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function publish(url: string): Promise<Revision> {
  const store = await openStore(url);
  try {
    const migration = await store.migrate();
    if (migration.error) throw new Error(migration.error.message);
    return await store.saveAndPublish(portal(PORTAL));
  } finally {
    await store.close();
  }
}

/**
 * Posts consents from several connections until `killAt` are acknowledged, kills the server with
 * SIGKILL while requests are still in flight, and returns what was acknowledged.
 */
async function loadThenKill(
  url: string,
  revision: Revision,
  options: { appendThread?: boolean } = {},
): Promise<ConsentSubmission[]> {
  const child = await startChildServer(server.file, url, options);
  const endpoint = `http://127.0.0.1:${child.port}/api/v1/portals/${PORTAL}/consents`;
  const acknowledged: ConsentSubmission[] = [];
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const submission: ConsentSubmission = {
        eventId: randomUUID(),
        consentId: newConsentId(),
        revision: revision.hash,
        choices: { statistics: acknowledged.length % 2 === 0 },
        action: 'custom',
        source: 'banner',
        lang: 'fr',
      };
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(submission),
        });
        await res.arrayBuffer();
        if (res.status === 201) acknowledged.push(submission);
        // Past the consent deadline on a machine loaded by other tests: not acknowledged, and
        // the widget would send it again.
        else if (res.status !== 503) throw new Error(`unexpected status ${res.status}`);
      } catch (error) {
        if (killed) return;
        throw error;
      }
      if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL && !killed) {
        killed = true;
        child.process.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await child.exited;
  return acknowledged;
}

async function checkAfterRestart(url: string, acknowledged: readonly ConsentSubmission[]) {
  const database = await openDatabase(url);
  try {
    const log = openConsentLog(database);
    const stored = new Set<string>();
    for await (const record of log.records(PORTAL)) stored.add(record.eventId);
    const missing = acknowledged.filter((s) => !stored.has(s.eventId));
    expect(missing).toEqual([]);
    expect(await log.verify(PORTAL)).toMatchObject({ ok: true });
  } finally {
    await database.close();
  }
  // The restarted server serves every acknowledged visitor their receipt.
  const child = await startChildServer(server.file, url);
  try {
    for (const s of acknowledged.slice(0, 40)) {
      const res = await fetch(
        `http://127.0.0.1:${child.port}/api/v1/portals/${PORTAL}/consents/${s.consentId}`,
      );
      expect(res.status).toBe(200);
      const receipt = (await res.json()) as { records: { eventId: string }[] };
      expect(receipt.records.map((r) => r.eventId)).toEqual([s.eventId]);
    }
  } finally {
    child.process.kill('SIGTERM');
    await child.exited;
  }
}

describe('acknowledged consents survive SIGKILL', () => {
  it.each([
    ['on SQLite (WAL, synchronous=FULL)', false],
    ['on SQLite, proofs written from a thread (WAL synced before each answer)', true],
  ])(
    '%s',
    async (_name, appendThread) => {
      const url = `sqlite:${join(dir, `galette-${appendThread ? 'thread' : 'main'}.db`)}`;
      const revision = await publish(url);
      const acknowledged = await loadThenKill(url, revision, { appendThread });
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
      await checkAfterRestart(url, acknowledged);
    },
    60_000,
  );

  it.runIf(postgres)(
    'on PostgreSQL',
    async () => {
      const scratch = await scratchDatabase('galette_durability');
      try {
        const revision = await publish(scratch.url);
        const acknowledged = await loadThenKill(scratch.url, revision);
        expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
        await checkAfterRestart(scratch.url, acknowledged);
      } finally {
        await scratch.drop();
      }
    },
    60_000,
  );
});
