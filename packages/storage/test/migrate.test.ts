import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  migrateDatabase,
  MIGRATIONS,
  openSqliteDatabase,
  type NamedMigration,
} from '../src/index.js';

const ALL = MIGRATIONS.map((m) => m.name);

const broken: NamedMigration = {
  name: '9999-broken',
  migration: {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
      throw new Error('step exploded');
    },
  },
};

describe('migrateDatabase on SQLite', () => {
  it('reports the failing step, keeps the steps before it, and leaves no half-applied step', async () => {
    const { db, close } = await openSqliteDatabase(':memory:');
    const failed = await migrateDatabase(db as Kysely<unknown>, [...MIGRATIONS, broken]);
    expect(failed).toEqual({
      applied: ALL,
      alreadyApplied: [],
      error: { migration: '9999-broken', message: 'step exploded' },
    });
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('revisions');
    expect(tables).not.toContain('half_done');

    expect(await migrateDatabase(db as Kysely<unknown>)).toEqual({
      applied: [],
      alreadyApplied: ALL,
    });
    await close();
  });

  it('reports an unusable database instead of throwing', async () => {
    const { db, close } = await openSqliteDatabase(':memory:');
    await close();
    const result = await migrateDatabase(db as Kysely<unknown>);
    expect(result.applied).toEqual([]);
    expect(result.error).toMatchObject({ migration: '(migrator)' });
  });
});
