import { sql, type Kysely } from 'kysely';
import { revisionCounts, type CountedContent } from '../revision-counts.js';

/**
 * Portal management (issue 14): archiving, the draft's version for optimistic concurrency and who
 * saved it last, and per revision a publication note and the counts the history lists (stored at
 * publication so that listing revisions never parses their content).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('portals').addColumn('archived_at', 'text').execute();
  await db.schema
    .alterTable('portals')
    .addColumn('draft_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('portals').addColumn('draft_saved_at', 'text').execute();
  await db.schema.alterTable('portals').addColumn('draft_saved_by', 'text').execute();
  await db.schema.alterTable('revisions').addColumn('note', 'text').execute();
  await db.schema
    .alterTable('revisions')
    .addColumn('declaration_count', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('revisions')
    .addColumn('category_count', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  // Revisions published before this migration get their counts from their content.
  const { rows } = await sql<{
    portal_id: string;
    number: number;
    content: string;
  }>`select portal_id, number, content from revisions`.execute(db);
  for (const row of rows) {
    const counts = revisionCounts(JSON.parse(row.content) as CountedContent);
    await sql`update revisions set declaration_count = ${counts.declarations}, category_count = ${counts.categories} where portal_id = ${row.portal_id} and number = ${row.number}`.execute(
      db,
    );
  }
}
