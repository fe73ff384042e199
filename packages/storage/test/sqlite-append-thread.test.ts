import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openConsentLog, openSqliteDatabase } from '../src/index.js';
import type { ConsentAppend } from '../src/consent/consent-log.js';
import { AppendThreadError, SqliteAppendThread } from '../src/consent/sqlite-append-thread.js';
import { sqliteConnectionOf } from '../src/sqlite-database.js';
import { submission } from './consent-log-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'galette-append-thread-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function migratedFile() {
  const path = join(dir, `thread-${++files}.db`);
  const database = await openSqliteDatabase(path);
  expect((await migrateDatabase(database.db as Kysely<unknown>)).error).toBeUndefined();
  return { path, database };
}

const item = (portalId = 'opendata.paris.fr'): ConsentAppend => ({
  portalId,
  submission: submission(),
});

describe('SqliteAppendThread', () => {
  it('joins the batches that queued up into one transaction, each answered on its own', async () => {
    const { path, database } = await migratedFile();
    const thread = new SqliteAppendThread(path);
    // Sent before the thread has started: all three are waiting when it reads the first.
    const answers = await Promise.all(
      ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:01.000Z', '2026-03-01T10:00:02.000Z'].map(
        (iso, i) => thread.append([item(), ...(i === 1 ? [item()] : [])], new Date(iso), 6),
      ),
    );
    expect(answers.map((results) => results.map((r) => r.record.seq))).toEqual([[1], [2, 3], [4]]);
    // One transaction seals them all with the latest batch's time.
    expect(new Set(answers.flat().map((r) => r.record.recordedAt))).toEqual(
      new Set(['2026-03-01T10:00:02.000Z']),
    );
    await thread.close();
    const log = openConsentLog(database, { appendThread: false });
    expect(await log.verify('opendata.paris.fr')).toMatchObject({ ok: true, checked: 4 });
    await database.close();
  });

  it('answers a failed batch with SQLite’s error and keeps the others and the thread going', async () => {
    const { path, database } = await migratedFile();
    const thread = new SqliteAppendThread(path);
    const now = new Date('2026-03-01T10:00:00.000Z');
    await thread.append([item()], now, 6);
    // A record already sitting at the next position makes the next insert for this portal fail.
    sqliteConnectionOf(database)!
      .prepare(
        `insert into consent_records select portal_id, seq + 1, 'x', 'y', revision, choices,
         action, source, lang, recorded_at, expires_at, client_pseudonym, prev_hash, hash
         from consent_records`,
      )
      .run([]);
    const [failed, other] = await Promise.allSettled([
      thread.append([item()], now, 6),
      thread.append([item('data.82numerique.fr')], now, 6),
    ]);
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason as AppendThreadError;
    expect(error).toBeInstanceOf(AppendThreadError);
    expect(error.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(other).toMatchObject({ status: 'fulfilled', value: [{ record: { seq: 1 } }] });
    await thread.close();
    await expect(thread.append([item()], now, 6)).rejects.toThrow(/closed/);
    await database.close();
  });

  it('fails the appends of a thread that dies, and starts a new one for the next', async () => {
    const path = join(dir, `later-${++files}`, 'galette.db');
    const thread = new SqliteAppendThread(path);
    const now = new Date('2026-03-01T10:00:00.000Z');
    // Its folder does not exist yet: the thread cannot open the file and stops.
    await expect(thread.append([item()], now, 6)).rejects.toThrow(/directory does not exist/);
    const database = await openSqliteDatabase(path);
    expect((await migrateDatabase(database.db as Kysely<unknown>)).error).toBeUndefined();
    expect(await thread.append([item()], now, 6)).toMatchObject([{ record: { seq: 1 } }]);
    await thread.close();
    await database.close();
  });

  it('is stopped by closing the database, after the appends it was given, and lets the file go', async () => {
    const { path, database } = await migratedFile();
    const log = openConsentLog(database, { appendThread: true });
    const pending = Array.from({ length: 200 }, () => log.append(item()));
    await database.close();
    expect((await Promise.all(pending)).map((r) => r.record.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    // SQLite removes the log when the last connection to the file closes: the thread's did.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = await openSqliteDatabase(path);
    const again = openConsentLog(reopened);
    expect(await again.verify('opendata.paris.fr')).toMatchObject({ ok: true, checked: 200 });
    await reopened.close();
  });
});
