import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, StorageError, UnavailableError } from '@galette/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsentLog } from './consent/kysely-consent-log.js';
import { sqliteConnectionOf } from './sqlite-database.js';
import { storageFailure } from './storage-failure.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A driver error as node-postgres or better-sqlite3 shape it. */
const driverError = (message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), fields);

describe('storageFailure', () => {
  it.each([
    [
      'a refused connection',
      driverError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', driverError('read ECONNRESET', { code: 'ECONNRESET' })],
    [
      'a server shutting down',
      driverError('terminating connection due to administrator command', { code: '57P01' }),
    ],
    ['a server starting up', driverError('the database system is starting up', { code: '57P03' })],
    ['too many connections', driverError('sorry, too many clients already', { code: '53300' })],
    ['a connection exception', driverError('connection failure', { code: '08006' })],
    ['a connection lost without a code', driverError('Connection terminated unexpectedly')],
    [
      'a database not accepting connections',
      driverError('database "g" is not currently accepting connections', { code: '55000' }),
    ],
    [
      'a write to a read-only server',
      driverError('cannot execute INSERT in a read-only transaction', { code: '25006' }),
    ],
    [
      'a crash shutdown',
      driverError('terminating connection because of crash of another server process', {
        code: '57P02',
      }),
    ],
    [
      'a statement past statement_timeout',
      driverError('canceling statement due to statement timeout', { code: '57014' }),
    ],
    ['a lock wait past lock_timeout', driverError('could not obtain lock', { code: '55P03' })],
    ['a full disk on the server', driverError('could not extend file', { code: '53100' })],
    ['out of memory on the server', driverError('out of memory', { code: '53200' })],
    ['an I/O error on the server', driverError('could not read block', { code: '58030' })],
    ['a protocol violation', driverError('protocol violation', { code: '08P01' })],
    ['no answer within query_timeout (a silent network)', driverError('Query read timeout')],
    [
      'a connection that timed out while connecting',
      driverError('Connection terminated due to connection timeout'),
    ],
    ['a broken pipe', driverError('write EPIPE', { code: 'EPIPE' })],
    ['a socket timeout', driverError('connect ETIMEDOUT', { code: 'ETIMEDOUT' })],
    ['no connection in time', driverError('timeout exceeded when trying to connect')],
    ['a lock held past the wait', driverError('database is locked', { code: 'SQLITE_BUSY' })],
    [
      'every address of a host refused',
      new AggregateError([driverError('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })]),
    ],
    [
      'a refusal wrapped by another layer',
      new Error('query failed', { cause: driverError('x', { code: 'ECONNREFUSED' }) }),
    ],
  ])('calls %s unavailable', (_, error) => {
    const failure = storageFailure('postgres store: latestRevision(p)', error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect(failure.message).toBe(`postgres store: latestRevision(p) failed: ${error.message}`);
    expect(failure.cause).toBe(error);
  });

  it.each([
    ['a syntax error', driverError('syntax error at or near "selec"', { code: '42601' })],
    ['a broken constraint', driverError('duplicate key value', { code: '23505' })],
    ['a serialization failure', driverError('could not serialize access', { code: '40001' })],
    ['a missing table', driverError('relation "x" does not exist', { code: '42P01' })],
    ['a value too long', driverError('value too long', { code: '22001' })],
    ['a full disk', driverError('database or disk is full', { code: 'SQLITE_FULL' })],
    ['an unknown host', driverError('getaddrinfo ENOTFOUND db.example', { code: 'ENOTFOUND' })],
    ['something else', 'not even an Error'],
  ])('calls %s a storage error, not worth retrying', (_, error) => {
    const failure = storageFailure('sqlite store: savePortal', error);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).not.toBeInstanceOf(UnavailableError);
    expect(failure.code).toBe('storage');
  });

  it('lets Galette’s own errors through', () => {
    const notFound = new NotFoundError('no portal x');
    expect(storageFailure('sqlite store: getPortal(x)', notFound)).toBe(notFound);
  });
});

describe('a database that does not answer', () => {
  it('is unavailable to the store and the consent log on PostgreSQL (nothing listens)', async () => {
    // Port 1 has no listener on a test machine: the connection is refused at once.
    const store = await PostgresStore.open('postgres://postgres@127.0.0.1:1/galette');
    cleanups.push(() => store.close());
    await expect(store.latestRevision('p.example')).rejects.toBeInstanceOf(UnavailableError);
    const log = openConsentLog(store.database);
    await expect(
      log.append({
        portalId: 'p.example',
        submission: {
          eventId: 'event-0123456789abcdef',
          consentId: 'consent-0123456789abcd',
          revision: `sha256:${'a'.repeat(64)}`,
          choices: { statistics: true },
          action: 'custom',
          source: 'banner',
          lang: 'fr',
        },
      }),
    ).rejects.toBeInstanceOf(UnavailableError);
  });

  it('is unavailable on SQLite while another connection holds the write lock past the wait', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galette-busy-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'busy.db');
    const open = async () => {
      const store = await SqliteStore.open(path);
      cleanups.push(() => store.close());
      return store;
    };
    const holder = await open();
    await holder.migrate();
    const waiting = await open();
    sqliteConnectionOf(waiting.database)!.pragma('busy_timeout = 20');
    const lock = sqliteConnectionOf(holder.database)!;
    lock.prepare('begin immediate').run([]);
    cleanups.push(() => void lock.prepare('rollback').run([]));
    await expect(waiting.deletePortal('p.example')).rejects.toBeInstanceOf(UnavailableError);
  });
});
