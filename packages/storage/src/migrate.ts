import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS, type NamedMigration } from './migrations/index.js';
import { isUnavailable } from './storage-failure.js';
import type { MigrationResult } from './store.js';

export const MIGRATION_TABLE = 'galette_migration';
export const MIGRATION_LOCK_TABLE = 'galette_migration_lock';

/**
 * Brings the schema up to date and reports each step; never throws. Where the dialect runs DDL in
 * transactions (PostgreSQL) a failed run is rolled back whole; elsewhere each step is its own
 * transaction, so the steps before the failing one stay applied. Either way `applied` says what
 * the database now holds, and `error` names the step that failed.
 */
export async function migrateDatabase(
  db: Kysely<unknown>,
  migrations: readonly NamedMigration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const migrator = new Migrator({
    db,
    provider: atomicSteps(migrations),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Numbers are reserved per feature and land in any order (0008 before 0007): a database that
    // already holds a later one still gets the earlier one when it arrives.
    allowUnorderedMigrations: true,
  });
  let before: string[] = [];
  try {
    before = await executed(migrator);
    const run = await migrator.migrateToLatest();
    const after = await executed(migrator);
    const applied = after.filter((name) => !before.includes(name));
    if (run.error === undefined) return { applied, alreadyApplied: before };
    const failed = run.results?.find((r) => r.status === 'Error')?.migrationName;
    return {
      applied,
      alreadyApplied: before,
      error: failure(failed ?? '(migrator)', run.error),
    };
  } catch (error) {
    // Reading the migration table failed: the database is unreachable or not ours.
    return { applied: [], alreadyApplied: before, error: failure('(migrator)', error) };
  }
}

function failure(migration: string, error: unknown): NonNullable<MigrationResult['error']> {
  const message = error instanceof Error ? error.message : String(error);
  return isUnavailable(error) ? { migration, message, unavailable: true } : { migration, message };
}

async function executed(migrator: Migrator): Promise<string[]> {
  const infos = await migrator.getMigrations();
  return infos.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/**
 * Kysely runs a dialect's migrations in one transaction only when it trusts the dialect's
 * transactional DDL; otherwise it gives each step the bare connection. Wrapping those steps in a
 * transaction of their own means a step that fails leaves nothing half-created behind.
 */
function atomicSteps(migrations: readonly NamedMigration[]): MigrationProvider {
  const wrapped: Record<string, Migration> = {};
  for (const { name, migration } of migrations) {
    wrapped[name] = {
      up: (db) =>
        db.isTransaction ? migration.up(db) : db.transaction().execute((trx) => migration.up(trx)),
    };
  }
  return { getMigrations: () => Promise.resolve(wrapped) };
}
