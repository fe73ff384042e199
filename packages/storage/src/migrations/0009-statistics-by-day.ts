import type { Kysely } from 'kysely';

/**
 * The daily counters by day first: statistics across every portal read yesterday's and today's
 * rows (older days come from the server's cache of closed days), which the primary keys, portal
 * first, cannot find without reading every row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'consent_daily_stats',
    'consent_daily_category_stats',
    'banner_daily_views',
  ] as const) {
    await db.schema.createIndex(`${table}_by_day`).on(table).column('day').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'consent_daily_stats',
    'consent_daily_category_stats',
    'banner_daily_views',
  ] as const) {
    await db.schema.dropIndex(`${table}_by_day`).execute();
  }
}
