import { createHash, randomUUID } from 'node:crypto';
import { verifyChain, type ConsentSubmission } from '@galette/core';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.js';
import { migrateDatabase } from '../migrate.js';
import { openSqliteDatabase, sqliteConnectionOf } from '../sqlite-database.js';
import { appendBatch } from './append-batch.js';
import type { ConsentAppend } from './consent-log.js';
import { readDailyStats } from './consent-stats.js';
import { openConsentLog } from './kysely-consent-log.js';
import type { AppendBatchContext } from './link-batch.js';
import { SqliteConsentAppender } from './sqlite-consent-appender.js';

const REVISION = `sha256:${'a'.repeat(64)}`;
const handles: DatabaseHandle[] = [];

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

async function database(): Promise<DatabaseHandle> {
  const handle = await openSqliteDatabase(':memory:');
  handles.push(handle);
  expect((await migrateDatabase(handle.db as Kysely<unknown>)).error).toBeUndefined();
  return handle;
}

function appender(handle: DatabaseHandle): SqliteConsentAppender {
  return new SqliteConsentAppender(sqliteConnectionOf(handle)!);
}

function item(portalId: string, overrides: Partial<ConsentSubmission> = {}): ConsentAppend {
  return {
    portalId,
    submission: {
      eventId: randomUUID(),
      consentId: randomUUID(),
      revision: REVISION,
      choices: { necessary: true, statistics: Math.random() < 0.5 },
      action: 'custom',
      source: 'banner',
      lang: 'fr',
      ...overrides,
    },
  };
}

const context = (iso: string): AppendBatchContext => ({
  forUpdate: false,
  now: new Date(iso),
  consentLifetimeMonths: 6,
  sha256Hex: (input) => createHash('sha256').update(input).digest('hex'),
});

describe('SqliteConsentAppender', () => {
  it('writes what the query-builder path writes, across statement-size boundaries', async () => {
    const fast = await database();
    const built = await database();
    // 150 records for one portal crosses two multi-row statement boundaries; the other portals
    // interleave, and a repeated event inside the batch must come back as the original.
    const items = Array.from({ length: 200 }, (_, i) =>
      item(i % 4 === 0 ? 'b.example' : i % 7 === 0 ? 'a.example' : 'c.example'),
    );
    items.splice(120, 0, { ...items[3]! }, { ...items[60]! });
    for (const [i, at] of ['2026-03-01T10:00:00.000Z', '2026-03-02T08:00:00.000Z'].entries()) {
      const batch = i === 0 ? items : [...items.slice(0, 5), item('a.example')];
      const fastResults = appender(fast).append(batch, context(at));
      const builtResults = await built.db
        .transaction()
        .execute((trx) => appendBatch(trx, batch, context(at)));
      expect(fastResults).toEqual(builtResults);
    }
    const first = appender(fast).append(items, context('2026-03-03T00:00:00.000Z'));
    expect(first.every((r) => r.duplicate)).toBe(true);
    for (const handle of [fast, built]) {
      const log = openConsentLog(handle);
      for (const portalId of ['a.example', 'b.example', 'c.example']) {
        expect((await log.verify(portalId)).ok).toBe(true);
      }
    }
    const [fastLog, builtLog] = [openConsentLog(fast), openConsentLog(built)];
    for (const portalId of ['a.example', 'b.example', 'c.example']) {
      const [x, y] = [fastLog.records(portalId), builtLog.records(portalId)];
      const all = async (it: AsyncIterable<unknown>) => {
        const out = [];
        for await (const r of it) out.push(r);
        return out;
      };
      expect(await all(x)).toEqual(await all(y));
      expect(await readDailyStats(fast.db, portalId, '2026-03-01', '2026-03-31')).toEqual(
        await readDailyStats(built.db, portalId, '2026-03-01', '2026-03-31'),
      );
    }
  });

  it('answers a repeated event inside one batch with the record stored first', async () => {
    const handle = await database();
    const once = item('p.example');
    const results = appender(handle).append(
      [
        once,
        item('p.example'),
        { ...once, submission: { ...once.submission, action: 'withdraw' } },
      ],
      context('2026-03-01T10:00:00.000Z'),
    );
    expect(results.map((r) => [r.record.seq, r.duplicate])).toEqual([
      [1, false],
      [2, false],
      [1, true],
    ]);
    expect(results[2]!.record).toBe(results[0]!.record);
    const stats = await readDailyStats(handle.db, 'p.example', '2026-03-01', '2026-03-01');
    expect(stats[0]?.total).toBe(2);
  });

  it('looks events up only after a stored one broke the event index, not on a primary key clash', async () => {
    const handle = await database();
    const raw = sqliteConnectionOf(handle)!;
    let lookups = 0;
    // The appender's connection, noting each execution of the event lookup.
    const noting = new SqliteConsentAppender({
      prepare(sql) {
        const statement = raw.prepare(sql);
        if (!sql.includes('and event_id = ?')) return statement;
        return {
          all: (parameters) => (lookups++, statement.all(parameters)),
          run: (parameters) => statement.run(parameters),
        };
      },
    });
    const stored = item('p.example');
    const [first] = noting.append([stored], context('2026-03-01T10:00:00.000Z'));
    expect(lookups).toBe(0);
    const retried = noting.append([stored, item('p.example')], context('2026-03-01T11:00:00.000Z'));
    expect(retried.map((r) => [r.record.seq, r.duplicate])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(retried[0]!.record).toEqual(first!.record);
    expect(lookups).toBe(2);
    // A record already at the next position: a clash on the primary key, not on an event.
    raw
      .prepare(
        `insert into consent_records select portal_id, seq + 1, 'x', 'y', revision, choices,
         action, source, lang, recorded_at, expires_at, client_pseudonym, prev_hash, hash
         from consent_records where seq = 2`,
      )
      .run([]);
    expect(() => noting.append([item('p.example')], context('2026-03-01T12:00:00.000Z'))).toThrow(
      /UNIQUE/,
    );
    expect(lookups).toBe(2);
  });

  it('rolls the whole batch back when a statement fails, and keeps working', async () => {
    const handle = await database();
    const fast = appender(handle);
    const kept = fast.append([item('p.example')], context('2026-03-01T10:00:00.000Z'));
    // A record sitting at the next position makes the batch's insert fail.
    const raw = sqliteConnectionOf(handle)!;
    raw
      .prepare(
        `insert into consent_records select portal_id, seq + 1, 'x', 'y', revision, choices,
         action, source, lang, recorded_at, expires_at, client_pseudonym, prev_hash, hash
         from consent_records`,
      )
      .run([]);
    expect(() =>
      fast.append([item('p.example'), item('q.example')], context('2026-03-01T11:00:00.000Z')),
    ).toThrow(/UNIQUE/);
    const log = openConsentLog(handle);
    expect(await log.portals()).toEqual(['p.example']);
    expect((await log.chain('p.example'))?.head).toEqual({
      seq: 1,
      hash: kept[0]!.record.hash,
    });
    raw.prepare(`delete from consent_records where seq = 2`).run([]);
    const next = fast.append([item('p.example')], context('2026-03-01T12:00:00.000Z'));
    expect(next[0]!.record.seq).toBe(2);
    const records = [];
    for await (const r of log.records('p.example')) records.push(r);
    expect(verifyChain(records).ok).toBe(true);
  });
});
