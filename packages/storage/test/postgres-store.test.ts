import { StorageError, UnavailableError } from '@galette/core';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  migrateDatabase,
  MIGRATIONS,
  openDatabase,
  openStore,
  PostgresStore,
  SqliteStore,
  type NamedMigration,
} from '../src/index.js';
import { editedFixture, portalFixture } from './portal-fixture.js';
import { storeContract } from './store-contract.js';
import { portalManagementContract } from './portal-management-contract.js';
import { requirePostgres, useScratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the storage contract');

describe.runIf(postgres)('PostgresStore', () => {
  // One scratch database per test file, so files and concurrent runs never meet.
  const { url: scratchUrl, empty: emptyDatabase } = useScratchDatabase('galette_storage');

  storeContract('PostgreSQL', async (options) => {
    await emptyDatabase();
    const store = await PostgresStore.open(scratchUrl, options);
    return Object.assign(store, {
      reopen: async () => {
        await store.close();
        return PostgresStore.open(scratchUrl, options);
      },
    });
  });

  portalManagementContract('PostgreSQL', async (options) => {
    await emptyDatabase();
    return PostgresStore.open(scratchUrl, options);
  });

  describe('PostgreSQL specifics', () => {
    it('opens from postgres:// and postgresql:// URLs with row locks among its capabilities', async () => {
      await emptyDatabase();
      for (const url of [scratchUrl, scratchUrl.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openStore(url);
        expect(store.kind).toBe('postgres');
        await store.ping();
        await store.close();
      }
      const handle = await openDatabase(scratchUrl);
      expect(handle.capabilities).toEqual({
        returning: true,
        forUpdate: true,
        readOnlySetting: true,
      });
      await handle.close();
    });

    it('gives SQLite and PostgreSQL the same hash and content for the same portal', async () => {
      await emptyDatabase();
      const postgres = await PostgresStore.open(scratchUrl);
      const sqlite = await SqliteStore.open(':memory:');
      try {
        for (const store of [postgres, sqlite])
          expect((await store.migrate()).error).toBeUndefined();
        const portal = editedFixture(portalFixture(), 'même contenu ✓');
        const at = new Date('2025-05-01T12:00:00Z');
        const fromPostgres = await postgres.saveAndPublish(portal, { at });
        const fromSqlite = await sqlite.saveAndPublish(portal, { at });
        expect(fromPostgres.hash).toBe(fromSqlite.hash);
        expect(fromPostgres.content).toStrictEqual(fromSqlite.content);
        const reread = await postgres.getRevision(portal.id, fromSqlite.hash);
        expect(reread).toStrictEqual(await sqlite.latestRevision(portal.id));
      } finally {
        await postgres.close();
        await sqlite.close();
      }
    });

    it('numbers publishes from two server nodes (two pools) without duplicates', async () => {
      await emptyDatabase();
      const nodes = [await PostgresStore.open(scratchUrl), await PostgresStore.open(scratchUrl)];
      try {
        expect((await nodes[0]!.migrate()).error).toBeUndefined();
        const base = portalFixture();
        const revisions = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            nodes[i % 2]!.saveAndPublish(editedFixture(base, `node ${i % 2}, draft ${i}`)),
          ),
        );
        expect(revisions.map((r) => r.number).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        expect(new Set(revisions.map((r) => r.hash)).size).toBe(12);
      } finally {
        await Promise.all(nodes.map((n) => n.close()));
      }
    });

    it('tells other pools of a publication, an archive and a deletion at commit (LISTEN/NOTIFY)', async () => {
      await emptyDatabase();
      const [writer, reader] = [
        await PostgresStore.open(scratchUrl),
        await PostgresStore.open(scratchUrl),
      ];
      try {
        expect((await writer.migrate()).error).toBeUndefined();
        const heard: string[] = [];
        const stop = await reader.watchPortals((id) => heard.push(id));
        expect(stop).toBeTypeOf('function');
        const until = async (n: number) => {
          for (let i = 0; i < 100 && heard.length < n; i++) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        };
        const portal = portalFixture('notified.example');
        await writer.savePortal(portal);
        await writer.publish(portal.id);
        await until(1);
        await writer.publish(portal.id); // unchanged: no new revision, no notification
        await writer.setArchived(portal.id, true);
        await until(2);
        await writer.setArchived(portal.id, false);
        await writer.deletePortal(portal.id);
        await until(4);
        expect(heard).toEqual([portal.id, portal.id, portal.id, portal.id]);
        await stop!();
      } finally {
        await Promise.all([writer.close(), reader.close()]);
      }
    });

    it('rolls a failed migration run back whole and names the failing step', async () => {
      await emptyDatabase();
      const handle = await openDatabase(scratchUrl);
      const broken: NamedMigration = {
        name: '9999-broken',
        migration: {
          async up() {
            throw new Error('step exploded');
          },
        },
      };
      const db = handle.db as Kysely<unknown>;
      try {
        expect(await migrateDatabase(db, [...MIGRATIONS, broken])).toEqual({
          applied: [],
          alreadyApplied: [],
          error: { migration: '9999-broken', message: 'step exploded' },
        });
        const tables = (await db.introspection.getTables()).map((t) => t.name);
        expect(tables).not.toContain('portals');
        const names = MIGRATIONS.map((m) => m.name);
        expect(await migrateDatabase(db)).toEqual({ applied: names, alreadyApplied: [] });
      } finally {
        await handle.close();
      }
    });

    it('reads int8 as a number when exact and as a bigint beyond', async () => {
      const handle = await openDatabase(scratchUrl);
      try {
        const { rows } = await sql<{ small: unknown; big: unknown }>`
          select count(*) as small, 9007199254740993::int8 as big
        `.execute(handle.db);
        expect(rows[0]).toEqual({ small: 1, big: 9007199254740993n });
      } finally {
        await handle.close();
      }
    });

    it('reports an unreachable server as a StorageError worth retrying (unavailable)', async () => {
      const store = await PostgresStore.open('postgres://postgres@127.0.0.1:1/nothing');
      const failure = store.ping();
      await expect(failure).rejects.toBeInstanceOf(StorageError);
      await expect(failure).rejects.toBeInstanceOf(UnavailableError);
      await store.close();
    });
  });
});
