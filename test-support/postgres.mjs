/* global process, console, URL */
// PostgreSQL for tests: where it is, whether it answers, and scratch databases so test files and
// concurrent runs never meet. Locally a missing server skips the PostgreSQL half loudly; on CI
// (CI set) it fails, because CI must run that half.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';

export const TEST_POSTGRES_URL =
  process.env.GALETTE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const where = TEST_POSTGRES_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** Why PostgreSQL cannot be used, or undefined when it can. */
export async function postgresUnreachable(url = TEST_POSTGRES_URL) {
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

/**
 * Probes PostgreSQL once for a test file. When it is unreachable: a warning naming `what` and how
 * to enable it, and on CI a failing test. Returns true when the PostgreSQL tests can run.
 */
export async function requirePostgres(what) {
  const unreachable = await postgresUnreachable();
  if (unreachable === undefined) return true;
  if (process.env.CI) {
    describe('PostgreSQL on CI', () => {
      it(`is reachable, because CI must run the PostgreSQL half of ${what}`, () => {
        throw new Error(`cannot reach ${where}: ${unreachable}; set GALETTE_TEST_POSTGRES_URL`);
      });
    });
  } else {
    console.warn(
      `\n*** PostgreSQL half of ${what} SKIPPED: cannot reach ${where} (${unreachable}).\n` +
        `*** Start PostgreSQL there, or set GALETTE_TEST_POSTGRES_URL to a server where this ` +
        `user may CREATE DATABASE. On CI (CI set) this is a failure.\n`,
    );
  }
  return false;
}

/** A scratch database of its own, dropped by `drop()`. */
export async function scratchDatabase(prefix) {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await server.connect();
  await server.query(`create database "${name}"`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await server.query(`drop database if exists "${name}" with (force)`);
      await server.end();
    },
  };
}

/**
 * One scratch database for the enclosing describe block, created before its tests and dropped
 * after; `empty()` gives the next test an empty schema (its previous handles must be closed).
 */
export function useScratchDatabase(prefix) {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  const admin = new pg.Client({ connectionString: url.toString() });
  beforeAll(async () => {
    await server.connect();
    await server.query(`create database "${url.pathname.slice(1)}"`);
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end().catch(() => undefined);
    await server.query(`drop database if exists "${url.pathname.slice(1)}" with (force)`);
    await server.end();
  });
  return {
    url: url.toString(),
    empty: async () => {
      await admin.query('drop schema public cascade; create schema public');
    },
  };
}
