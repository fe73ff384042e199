import type { Kysely } from 'kysely';

/** Consent records, their per-portal chains and daily statistics. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_records')
    .addColumn('portal_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('consent_id', 'text', (col) => col.notNull())
    .addColumn('revision', 'text', (col) => col.notNull())
    .addColumn('choices', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('lang', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('client_pseudonym', 'text')
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('consent_records_pk', ['portal_id', 'seq'])
    // One index serves both receipts (by consent id) and idempotency (a retried beacon repeats
    // its consent id and event id). Random ids scatter every insert across an index's pages, so
    // a second such index would double the pages each commit writes.
    .addUniqueConstraint('consent_records_event', ['portal_id', 'consent_id', 'event_id'])
    .execute();

  // Exports and purges go by date.
  await db.schema
    .createIndex('consent_records_recorded')
    .on('consent_records')
    .columns(['portal_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('consent_chains')
    .addColumn('portal_id', 'text', (col) => col.primaryKey())
    .addColumn('head_seq', 'bigint', (col) => col.notNull())
    .addColumn('head_hash', 'text', (col) => col.notNull())
    .addColumn('checkpoint_seq', 'bigint')
    .addColumn('checkpoint_hash', 'text')
    .addColumn('checkpoint_at', 'text')
    .execute();

  await db.schema
    .createTable('consent_daily_stats')
    .addColumn('portal_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('revision', 'text', (col) => col.notNull())
    .addColumn('total', 'bigint', (col) => col.notNull())
    .addColumn('accept_all', 'bigint', (col) => col.notNull())
    .addColumn('reject_all', 'bigint', (col) => col.notNull())
    .addColumn('custom', 'bigint', (col) => col.notNull())
    .addColumn('withdraw', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('consent_daily_stats_pk', ['portal_id', 'day', 'revision'])
    .execute();

  await db.schema
    .createTable('consent_daily_category_stats')
    .addColumn('portal_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('revision', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('chosen', 'bigint', (col) => col.notNull())
    .addColumn('accepted', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('consent_daily_category_stats_pk', [
      'portal_id',
      'day',
      'revision',
      'category',
    ])
    .execute();
}
