import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendBatch } from '../src/consent/append-batch.js';
import type { ConsentAppend } from '../src/consent/consent-log.js';
import { readDailyStats } from '../src/consent/consent-stats.js';
import type { AppendBatchContext } from '../src/consent/link-batch.js';
import {
  PostgresConsentAppender,
  type PostgresRawClient,
  type PostgresRawPool,
  type PreparedQuery,
} from '../src/consent/postgres-consent-appender.js';
import { postgresPoolOf } from '../src/postgres-database.js';
import { migrateDatabase, openConsentLog, openPostgresDatabase } from '../src/index.js';
import { requirePostgres, useScratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the PostgreSQL consent appender');

const context = (iso: string): AppendBatchContext => ({
  forUpdate: true,
  now: new Date(iso),
  consentLifetimeMonths: 6,
  sha256Hex: (input) => createHash('sha256').update(input).digest('hex'),
});

function item(portalId: string): ConsentAppend {
  return {
    portalId,
    submission: {
      eventId: randomUUID(),
      consentId: randomUUID(),
      revision: `sha256:${'a'.repeat(64)}`,
      choices: { necessary: true, statistics: Math.random() < 0.5 },
      action: 'custom',
      source: 'banner',
      lang: 'fr',
    },
    ...(Math.random() < 0.3 ? { clientPseudonym: 'pseudo' } : {}),
  };
}

/** The pool, noting the text or name of every query its clients send. */
function notingPool(pool: PostgresRawPool, sent: string[]): PostgresRawPool {
  return {
    async connect() {
      const client = await pool.connect();
      const query = (q: PreparedQuery | string, values?: readonly unknown[]) => {
        sent.push(typeof q === 'string' ? q : q.name);
        return values === undefined ? client.query(q) : client.query(q as string, values);
      };
      return { query: query as PostgresRawClient['query'], release: (e) => client.release(e) };
    },
  };
}

describe.runIf(postgres)('PostgresConsentAppender', () => {
  const { url, empty } = useScratchDatabase('galette_pg_appender');

  it('writes what the query-builder path writes, duplicates inside a batch included', async () => {
    await empty();
    const database = await openPostgresDatabase(url);
    try {
      expect((await migrateDatabase(database.db as Kysely<unknown>)).error).toBeUndefined();
      const fast = new PostgresConsentAppender(
        postgresPoolOf(database) as unknown as PostgresRawPool,
      );
      // The same items go to portals `x…` through the appender and `y…` through Kysely.
      const items = Array.from({ length: 260 }, (_, i) => item(i % 3 === 0 ? 'a' : 'b'));
      items.splice(100, 0, { ...items[4]! }, { ...items[250]! });
      const on = (prefix: string, batch: ConsentAppend[]) =>
        batch.map((it) => ({ ...it, portalId: `${prefix}.${it.portalId}.example` }));
      for (const [i, at] of ['2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.000Z'].entries()) {
        const batch = i === 0 ? items : [...items.slice(0, 3), item('a')];
        const x = await fast.append(on('x', batch), context(at));
        const y = await database.db
          .transaction()
          .execute((trx) => appendBatch(trx, on('y', batch), context(at)));
        const shape = (results: typeof x) =>
          results.map((r) => [r.record.seq, r.record.eventId, r.duplicate, r.record.recordedAt]);
        expect(shape(x)).toEqual(shape(y));
      }
      const log = openConsentLog(database);
      for (const portal of ['a', 'b']) {
        const [x, y] = [`x.${portal}.example`, `y.${portal}.example`];
        expect(await log.verify(x)).toMatchObject({ ok: true });
        expect((await log.chain(x))?.head.seq).toBe((await log.chain(y))?.head.seq);
        const stats = (p: string) => readDailyStats(database.db, p, '2026-03-01', '2026-03-31');
        expect(await stats(x)).toEqual(await stats(y));
        expect((await stats(x))[0]?.total).toBeGreaterThan(0);
      }
    } finally {
      await database.close();
    }
  });

  it('looks events up only once a stored one breaks the unique index', async () => {
    await empty();
    const database = await openPostgresDatabase(url);
    try {
      await migrateDatabase(database.db as Kysely<unknown>);
      const sent: string[] = [];
      const fast = new PostgresConsentAppender(
        notingPool(postgresPoolOf(database) as unknown as PostgresRawPool, sent),
      );
      const lookups = () => sent.filter((q) => q.includes('join consent_records')).length;
      const first = [item('p'), item('p'), item('p')];
      const stored = await fast.append(first, context('2026-03-01T10:00:00.000Z'));
      expect(stored.map((r) => r.duplicate)).toEqual([false, false, false]);
      expect(lookups()).toBe(0);
      // A retried beacon beside a new event: the first try fails, the second looks both up.
      const [retry, fresh] = await fast.append(
        [{ ...first[1]! }, item('p')],
        context('2026-03-01T11:00:00.000Z'),
      );
      expect(lookups()).toBe(1);
      expect(retry).toEqual({ record: stored[1]!.record, duplicate: true });
      expect(fresh!.record).toMatchObject({ seq: 4, prevHash: stored[2]!.record.hash });
      expect(await openConsentLog(database).verify('p')).toMatchObject({ ok: true });
    } finally {
      await database.close();
    }
  });

  it('rolls a failed batch back and hands out a working connection afterwards', async () => {
    await empty();
    const database = await openPostgresDatabase(url);
    try {
      await migrateDatabase(database.db as Kysely<unknown>);
      const fast = new PostgresConsentAppender(
        postgresPoolOf(database) as unknown as PostgresRawPool,
      );
      const [first] = await fast.append([item('r')], context('2026-03-01T10:00:00.000Z'));
      // A record already sitting at the next position makes the batch's insert fail.
      await database.db
        .insertInto('consent_records')
        .values({
          portal_id: 'r',
          seq: 2,
          event_id: 'e',
          consent_id: 'c',
          revision: first!.record.revision,
          choices: '{}',
          action: 'custom',
          source: 'api',
          lang: 'fr',
          recorded_at: first!.record.recordedAt,
          expires_at: first!.record.expiresAt,
          client_pseudonym: null,
          prev_hash: first!.record.hash,
          hash: first!.record.hash,
        })
        .execute();
      await expect(
        fast.append([item('r'), item('s')], context('2026-03-01T11:00:00.000Z')),
      ).rejects.toThrow(/duplicate key/);
      const log = openConsentLog(database);
      expect(await log.portals()).toEqual(['r']);
      await database.db.deleteFrom('consent_records').where('seq', '=', 2).execute();
      const [next] = await fast.append([item('r')], context('2026-03-01T12:00:00.000Z'));
      expect(next!.record).toMatchObject({ seq: 2, prevHash: first!.record.hash });
    } finally {
      await database.close();
    }
  });
});
