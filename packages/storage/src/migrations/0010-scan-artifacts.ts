import type { Kysely } from 'kysely';

/**
 * A finished scan's files beside its report (issue 15): the HTML and Markdown reports, the
 * screenshots of each scenario, the evidence manifest. Bytes are base64 text, portable like the
 * other columns; a scan's files weigh a few hundred kilobytes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scan_artifacts')
    .addColumn('job_id', 'text', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('media_type', 'text', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('scan_artifacts_pk', ['job_id', 'path'])
    .execute();
  // The portal list asks for each portal's latest scheduled scan.
  await db.schema
    .createIndex('scan_jobs_portal_trigger')
    .on('scan_jobs')
    .columns(['portal_id', 'trigger', 'status', 'finished_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('scan_jobs_portal_trigger').execute();
  await db.schema.dropTable('scan_artifacts').execute();
}
