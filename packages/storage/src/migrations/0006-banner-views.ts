import type { Kysely } from 'kysely';

/**
 * Anonymous "banner shown" counts per portal, day and revision: what opt-in and no-choice
 * rates divide by. Only counts are kept; the widget sends no identifier with them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('banner_daily_views')
    .addColumn('portal_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('revision', 'text', (col) => col.notNull())
    .addColumn('shown', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('banner_daily_views_pk', ['portal_id', 'day', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('banner_daily_views').execute();
}
