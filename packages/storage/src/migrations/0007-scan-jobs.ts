import type { Kysely } from 'kysely';

/** Scan jobs run by workers, and scheduled scans per portal (issue 15). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scan_jobs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portal_id', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('options', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('worker', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('progress', 'text')
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema
    .createIndex('scan_jobs_status')
    .on('scan_jobs')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('scan_jobs_portal')
    .on('scan_jobs')
    .columns(['portal_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('scan_schedules')
    .addColumn('portal_id', 'text', (col) => col.primaryKey())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('every_days', 'integer', (col) => col.notNull())
    .addColumn('next_run_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scan_schedules').execute();
  await db.schema.dropTable('scan_jobs').execute();
}
