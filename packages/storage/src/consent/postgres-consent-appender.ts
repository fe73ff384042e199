import { CONSENT_CHAIN_GENESIS, type ConsentRecord } from '@galette/core';
import type { Selectable } from 'kysely';
import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';
import { recordFromRow, rowFromRecord } from './consent-rows.js';
import { countDailyStats } from './consent-stats.js';
import type { ConsentRecordsTable } from './consent-tables.js';
import {
  batchTimes,
  eventKey,
  itemsByPortal,
  linkPortalBatch,
  portalRefused,
  refuseItems,
  type AppendBatchContext,
} from './link-batch.js';

/** A named, parameterised query: pg prepares it once per connection and reuses it. */
export interface PreparedQuery {
  readonly name: string;
  readonly text: string;
  readonly values: readonly unknown[];
}

/** The part of a pg pool client the appender uses. */
export interface PostgresRawClient {
  query(query: PreparedQuery | string): Promise<{ rows: unknown[] }>;
  query(text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }>;
  release(error?: Error | boolean): void;
}

/** The part of a pg pool the appender uses. */
export interface PostgresRawPool {
  connect(): Promise<PostgresRawClient>;
}

/** The portal's row, shared: an archive or a deletion waits for the batch, or the batch for it. */
const PORTAL_STATE = `select archived_at from portals where id = $1 for share`;
const LOCK_HEAD = `select head_seq, head_hash from consent_chains where portal_id = $1 for update`;
const CREATE_HEAD = `insert into consent_chains (portal_id, head_seq, head_hash) values ($1, 0, $2)
  on conflict (portal_id) do nothing`;
/*
 * Joined on the exact (consent id, event id) pairs, so each is one probe of the unique index
 * whatever the table's statistics say: two independent `= any(…)` lists let the planner of a
 * young, never-analysed table scan every record of the portal (2.5× fewer consent POSTs/s in
 * `bench/consent-api.mjs`). Deliberately not a named statement: a generic plan made early
 * would keep the young table's estimates.
 */
const KNOWN_EVENTS = `select r.* from unnest($2::text[], $3::text[]) as k(consent_id, event_id)
  join consent_records r
    on r.portal_id = $1 and r.consent_id = k.consent_id and r.event_id = k.event_id`;
/**
 * Everything a portal's batch writes, in one statement: the records, the new head and both
 * statistics upserts. The head's row lock is held from `LOCK_HEAD` to COMMIT, so each round
 * trip saved here is time other nodes do not wait.
 */
const WRITE_BATCH = `with records as (
    insert into consent_records (portal_id, seq, event_id, consent_id, revision, choices, action,
      source, lang, recorded_at, expires_at, client_pseudonym, prev_hash, hash)
    select $1::text, * from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
      $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
      $14::text[])
  ), head as (
    update consent_chains set head_seq = $15, head_hash = $16 where portal_id = $1
  ), days as (
    insert into consent_daily_stats (portal_id, day, revision, total, accept_all, reject_all,
      custom, withdraw)
    select $1::text, * from unnest($17::text[], $18::text[], $19::bigint[], $20::bigint[],
      $21::bigint[], $22::bigint[], $23::bigint[])
    on conflict (portal_id, day, revision) do update set
      total = consent_daily_stats.total + excluded.total,
      accept_all = consent_daily_stats.accept_all + excluded.accept_all,
      reject_all = consent_daily_stats.reject_all + excluded.reject_all,
      custom = consent_daily_stats.custom + excluded.custom,
      withdraw = consent_daily_stats.withdraw + excluded.withdraw
  ), categories as (
    insert into consent_daily_category_stats (portal_id, day, revision, category, chosen, accepted)
    select $1::text, * from unnest($24::text[], $25::text[], $26::text[], $27::bigint[],
      $28::bigint[])
    on conflict (portal_id, day, revision, category) do update set
      chosen = consent_daily_category_stats.chosen + excluded.chosen,
      accepted = consent_daily_category_stats.accepted + excluded.accepted
  )
  select 1`;

const query = (name: string, text: string, values: readonly unknown[]): PreparedQuery => ({
  name: `galette_consent_${name}`,
  text,
  values,
});

/**
 * The PostgreSQL batch append on one pool connection with prepared statements: BEGIN, lock the
 * head, one write, COMMIT. Same steps, order and result as `appendBatch`, but the events are not
 * looked up first: nearly every event is new, and one already stored (a retried beacon) breaks
 * the unique index, after which the batch runs again with a lookup of each, so the retry is
 * answered with the stored record. One round trip fewer per batch.
 */
export class PostgresConsentAppender {
  readonly #pool: PostgresRawPool;

  constructor(pool: PostgresRawPool) {
    this.#pool = pool;
  }

  async append(
    items: readonly ConsentAppend[],
    context: AppendBatchContext,
  ): Promise<ConsentAppendResult[]> {
    try {
      return await this.#transaction(items, context, false);
    } catch (error) {
      if (!isStoredEventConflict(error)) throw error;
      return this.#transaction(items, context, true);
    }
  }

  async #transaction(
    items: readonly ConsentAppend[],
    context: AppendBatchContext,
    lookUp: boolean,
  ): Promise<ConsentAppendResult[]> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      try {
        const results = await this.#appendInTransaction(client, items, context, lookUp);
        await client.query('commit');
        return results;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    } finally {
      // A connection that could not roll back is dropped, not handed to the next caller.
      client.release(broken ?? false);
    }
  }

  async #appendInTransaction(
    client: PostgresRawClient,
    items: readonly ConsentAppend[],
    context: AppendBatchContext,
    lookUp: boolean,
  ): Promise<ConsentAppendResult[]> {
    const results: ConsentAppendResult[] = new Array(items.length);
    const times = batchTimes(context);
    for (const [portalId, indexes] of itemsByPortal(items)) {
      const portal = (await client.query(query('portal_state', PORTAL_STATE, [portalId])))
        .rows[0] as { archived_at: string | null } | undefined;
      if (portalRefused(portal, context)) {
        refuseItems(results, indexes);
        continue;
      }
      const head = await lockHead(client, portalId);
      // Without the lookup, `known` still catches an event repeated within the batch.
      const known = lookUp
        ? await knownEvents(client, portalId, indexes, items)
        : new Map<string, ConsentRecord>();
      const linked = linkPortalBatch(portalId, indexes, items, head, known, results, times);
      if (linked.fresh.length === 0) continue;
      await client.query(query('write_batch', WRITE_BATCH, writeValues(portalId, linked)));
    }
    return results;
  }
}

/** PostgreSQL's unique violation on the (portal, consent id, event id) index, and only that one. */
function isStoredEventConflict(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'consent_records_event';
}

async function lockHead(client: PostgresRawClient, portalId: string) {
  const lock = query('lock_head', LOCK_HEAD, [portalId]);
  let row = (await client.query(lock)).rows[0] as
    { head_seq: unknown; head_hash: string } | undefined;
  if (!row) {
    // Created on first use; `do nothing` keeps two nodes creating it at once from failing.
    await client.query(query('create_head', CREATE_HEAD, [portalId, CONSENT_CHAIN_GENESIS]));
    row = (await client.query(lock)).rows[0] as { head_seq: unknown; head_hash: string };
  }
  return { seq: Number(row.head_seq), hash: row.head_hash };
}

async function knownEvents(
  client: PostgresRawClient,
  portalId: string,
  indexes: readonly number[],
  items: readonly ConsentAppend[],
): Promise<Map<string, ConsentRecord>> {
  const events = indexes.map((i) => items[i]!.submission);
  const { rows } = await client.query(KNOWN_EVENTS, [
    portalId,
    events.map((e) => e.consentId),
    events.map((e) => e.eventId),
  ]);
  const found = new Map<string, ConsentRecord>();
  for (const row of rows) {
    const record = recordFromRow(row as Selectable<ConsentRecordsTable>);
    found.set(eventKey(record), record);
  }
  return found;
}

function writeValues(
  portalId: string,
  linked: { fresh: ConsentRecord[]; head: { seq: number; hash: string } },
): unknown[] {
  const rows = linked.fresh.map(rowFromRecord);
  const column = <K extends keyof ConsentRecordsTable>(k: K) => rows.map((r) => r[k]);
  const { days, categories } = countDailyStats(linked.fresh);
  return [
    portalId,
    column('seq'),
    column('event_id'),
    column('consent_id'),
    column('revision'),
    column('choices'),
    column('action'),
    column('source'),
    column('lang'),
    column('recorded_at'),
    column('expires_at'),
    column('client_pseudonym'),
    column('prev_hash'),
    column('hash'),
    linked.head.seq,
    linked.head.hash,
    days.map((d) => d.day),
    days.map((d) => d.revision),
    days.map((d) => d.total),
    days.map((d) => d.accept_all),
    days.map((d) => d.reject_all),
    days.map((d) => d.custom),
    days.map((d) => d.withdraw),
    categories.map((c) => c.day),
    categories.map((c) => c.revision),
    categories.map((c) => c.category),
    categories.map((c) => c.chosen),
    categories.map((c) => c.accepted),
  ];
}
