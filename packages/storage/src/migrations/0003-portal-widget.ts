import type { Kysely } from 'kysely';

/**
 * The widget settings of a portal's draft (`PortalContent.widget`, JSON text; null when the
 * portal keeps the defaults). Added after portals shipped, so a column of its own rather than an
 * edit of 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('portals').addColumn('widget', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('portals').dropColumn('widget').execute();
}
