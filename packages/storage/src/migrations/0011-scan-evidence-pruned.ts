import type { Kysely } from 'kysely';

/**
 * When a scan's heavy files (screenshots, HTML and Markdown reports) were deleted by the
 * retention rule, and how many newer scans of its portal kept theirs then: the console says so
 * in place of the links instead of guessing from the files that are missing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scan_jobs').addColumn('evidence_pruned_at', 'text').execute();
  await db.schema.alterTable('scan_jobs').addColumn('evidence_kept', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scan_jobs').dropColumn('evidence_kept').execute();
  await db.schema.alterTable('scan_jobs').dropColumn('evidence_pruned_at').execute();
}
