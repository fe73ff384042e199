import { randomBytes } from 'node:crypto';
import { verifyChain } from '@galette/core';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migrateDatabase,
  openConsentLog,
  openPostgresDatabase,
  redactPassword,
} from '../src/index.js';
import { consentLogContract, submission } from './consent-log-contract.js';

const SERVER_URL =
  process.env.GALETTE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function unreachableReason(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await unreachableReason(SERVER_URL);
const where = redactPassword(SERVER_URL);

if (unreachable !== undefined && !process.env.CI) {
  console.warn(
    `\n*** PostgreSQL half of the consent log contract SKIPPED: cannot reach ${where} ` +
      `(${unreachable}).\n*** Start PostgreSQL there, or set GALETTE_TEST_POSTGRES_URL to a server ` +
      `where this user may CREATE DATABASE. On CI (CI set) this is a failure.\n`,
  );
}

describe.runIf(unreachable !== undefined && process.env.CI)('PostgreSQL on CI', () => {
  it('is reachable, because CI must run the PostgreSQL half of the contract', () => {
    throw new Error(`cannot reach ${where}: ${unreachable}; set GALETTE_TEST_POSTGRES_URL`);
  });
});

describe.skipIf(unreachable !== undefined)('KyselyConsentLog on PostgreSQL', () => {
  // One scratch database per test file, so files and concurrent runs never meet.
  const scratch = `galette_consents_${process.pid}_${randomBytes(4).toString('hex')}`;
  const scratchUrl = (() => {
    const url = new URL(SERVER_URL);
    url.pathname = `/${scratch}`;
    return url.toString();
  })();
  const server = new pg.Client({ connectionString: SERVER_URL });
  const scratchAdmin = new pg.Client({ connectionString: scratchUrl });

  beforeAll(async () => {
    await server.connect();
    await server.query(`create database "${scratch}"`);
    await scratchAdmin.connect();
  });

  afterAll(async () => {
    await scratchAdmin.end().catch(() => undefined);
    await server.query(`drop database if exists "${scratch}" with (force)`);
    await server.end();
  });

  /** Gives the next test an empty database; the previous test's handles are closed by now. */
  async function emptyDatabase(): Promise<void> {
    await scratchAdmin.query('drop schema public cascade; create schema public');
  }

  consentLogContract('PostgreSQL', async () => {
    await emptyDatabase();
    const database = await openPostgresDatabase(scratchUrl);
    return {
      database,
      reopen: async () => {
        await database.close();
        return openPostgresDatabase(scratchUrl);
      },
    };
  });

  it('keeps one chain per portal and stores each event once across two server nodes', async () => {
    await emptyDatabase();
    const handles = [
      await openPostgresDatabase(scratchUrl),
      await openPostgresDatabase(scratchUrl),
    ];
    try {
      expect((await migrateDatabase(handles[0]!.db as Kysely<unknown>)).error).toBeUndefined();
      const nodes = handles.map((h) => openConsentLog(h, { maxBatch: 8 }));
      const retried = Array.from({ length: 10 }, () => submission());
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          nodes[i % 2]!.append({
            portalId: `p${(i >> 1) % 2}.example`,
            // Every retried event is sent once by each node, like a beacon retried elsewhere.
            submission: i < 20 ? retried[i >> 1]! : submission(),
          }),
        ),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(100 - 10);
      for (const portalId of ['p0.example', 'p1.example']) {
        const records = [];
        for await (const r of nodes[0]!.records(portalId)) records.push(r);
        expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
        expect(verifyChain(records).ok).toBe(true);
        expect((await nodes[1]!.verify(portalId)).ok).toBe(true);
      }
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
