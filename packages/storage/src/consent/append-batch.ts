import { CONSENT_CHAIN_GENESIS, type ConsentRecord } from '@galette/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';
import { recordFromRow, rowFromRecord } from './consent-rows.js';
import { addToDailyStats } from './consent-stats.js';
import {
  batchTimes,
  eventKey,
  itemsByPortal,
  linkPortalBatch,
  portalRefused,
  refuseItems,
  type AppendBatchContext,
} from './link-batch.js';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 200;

/**
 * Appends a batch inside one transaction, through Kysely. Per portal, in id order so that two
 * nodes never wait on each other's locks in opposite orders: lock the chain head, look the batch's
 * event ids up, link the new records after the head, insert them, move the head, count them.
 * Holding the head's lock while looking the events up is what makes idempotency hold across nodes.
 */
export async function appendBatch(
  trx: Kysely<Database>,
  items: readonly ConsentAppend[],
  context: AppendBatchContext,
): Promise<ConsentAppendResult[]> {
  const results: ConsentAppendResult[] = new Array(items.length);
  const times = batchTimes(context);
  for (const [portalId, indexes] of itemsByPortal(items)) {
    // The portal's row first (shared), then its chain: the order deletePortal and setArchived
    // take them in, so an archive or a deletion and an append never interleave.
    let portal = trx.selectFrom('portals').select('archived_at').where('id', '=', portalId);
    if (context.forUpdate) portal = portal.forShare();
    const state = await portal.executeTakeFirst();
    if (portalRefused(state, context)) {
      refuseItems(results, indexes);
      continue;
    }
    const head = await lockChainHead(trx, portalId, context.forUpdate);
    const known = await recordsByEvent(
      trx,
      portalId,
      indexes.map((i) => items[i]!.submission),
    );
    const linked = linkPortalBatch(portalId, indexes, items, head, known, results, times);
    if (linked.fresh.length === 0) continue;
    for (let start = 0; start < linked.fresh.length; start += INSERT_CHUNK) {
      const rows = linked.fresh.slice(start, start + INSERT_CHUNK).map(rowFromRecord);
      await trx.insertInto('consent_records').values(rows).execute();
    }
    await trx
      .updateTable('consent_chains')
      .set({ head_seq: linked.head.seq, head_hash: linked.head.hash })
      .where('portal_id', '=', portalId)
      .execute();
    await addToDailyStats(trx, linked.fresh);
  }
  return results;
}

async function lockChainHead(
  trx: Kysely<Database>,
  portalId: string,
  forUpdate: boolean,
): Promise<{ seq: number; hash: string }> {
  const head = await selectHead(trx, portalId, forUpdate);
  if (head) return head;
  // Created on first use; `do nothing` keeps two nodes creating it at once from failing.
  await trx
    .insertInto('consent_chains')
    .values({
      portal_id: portalId,
      head_seq: 0,
      head_hash: CONSENT_CHAIN_GENESIS,
      checkpoint_seq: null,
      checkpoint_hash: null,
      checkpoint_at: null,
    })
    .onConflict((oc) => oc.column('portal_id').doNothing())
    .execute();
  return (await selectHead(trx, portalId, forUpdate))!;
}

async function selectHead(
  trx: Kysely<Database>,
  portalId: string,
  forUpdate: boolean,
): Promise<{ seq: number; hash: string } | undefined> {
  let query = trx
    .selectFrom('consent_chains')
    .select(['head_seq', 'head_hash'])
    .where('portal_id', '=', portalId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && { seq: Number(row.head_seq), hash: row.head_hash };
}

/** The batch's events already recorded, by `eventKey`. */
async function recordsByEvent(
  trx: Kysely<Database>,
  portalId: string,
  events: readonly { consentId: string; eventId: string }[],
): Promise<Map<string, ConsentRecord>> {
  const wanted = new Set(events.map(eventKey));
  const found = new Map<string, ConsentRecord>();
  for (let start = 0; start < events.length; start += INSERT_CHUNK) {
    const chunk = events.slice(start, start + INSERT_CHUNK);
    // Both lists narrow the index; the pairs are matched here.
    const rows = await trx
      .selectFrom('consent_records')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('consent_id', 'in', [...new Set(chunk.map((e) => e.consentId))])
      .where('event_id', 'in', [...new Set(chunk.map((e) => e.eventId))])
      .execute();
    for (const row of rows) {
      const record = recordFromRow(row);
      if (wanted.has(eventKey(record))) found.set(eventKey(record), record);
    }
  }
  return found;
}
