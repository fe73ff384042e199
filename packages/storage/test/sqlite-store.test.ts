import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { KyselyStore, openStore, SqliteStore } from '../src/index.js';
import { portalFixture } from './portal-fixture.js';
import { storeContract, type ContractStoreOptions } from './store-contract.js';
import { portalManagementContract } from './portal-management-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'galette-sqlite-store-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SQLite in memory', (options) => SqliteStore.open(':memory:', options));
portalManagementContract('SQLite in memory', (options) => SqliteStore.open(':memory:', options));

storeContract('SQLite file', async (options?: ContractStoreOptions) => {
  const path = join(dir, `contract-${++files}`, 'galette.db');
  const store = await SqliteStore.open(path, options);
  return Object.assign(store, {
    reopen: async () => {
      await store.close();
      return SqliteStore.open(path, options);
    },
  });
});

describe('SqliteStore', () => {
  it('opens from GALETTE_DB URLs, creating missing directories', async () => {
    const memory = await openStore('sqlite::memory:');
    expect(memory.kind).toBe('sqlite');
    await memory.close();

    const path = join(dir, 'nested', 'deeper', 'galette.db');
    const store = await openStore(`sqlite:${path}`);
    expect((await store.migrate()).error).toBeUndefined();
    await store.savePortal(portalFixture());
    await store.close();
    const again = await openStore(`sqlite:${path}`);
    expect(await again.getPortal(portalFixture().id)).toStrictEqual(portalFixture());
    await again.close();
  });

  it('refuses an unknown URL, naming GALETTE_DB and the accepted forms', async () => {
    await expect(openStore('mysql://root:hunter2@db/galette')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/GALETTE_DB.*sqlite:\.\/data\/galette\.db.*postgres:\/\//s),
    });
    await expect(openStore('mysql://root:hunter2@db/galette')).rejects.not.toMatchObject({
      message: expect.stringContaining('hunter2'),
    });
  });

  it('runs a file database durably: WAL, synchronous FULL, foreign keys, busy timeout', async () => {
    const store = await SqliteStore.open(join(dir, 'pragmas.db'));
    const pragma = async (name: string) => {
      const { rows } = await sql
        .raw<Record<string, unknown>>(`pragma ${name}`)
        .execute(store.database.db);
      return Object.values(rows[0]!)[0];
    };
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(store.database.capabilities).toEqual({
      returning: true,
      forUpdate: false,
      readOnlySetting: false,
    });
    await store.close();
  });

  it('has no cross-process notifications: one node only', async () => {
    const store = await SqliteStore.open(':memory:');
    expect(await store.watchPortals(() => undefined)).toBeUndefined();
    await store.close();
  });

  it('wraps any driver of the SqliteDriverDatabase shape', async () => {
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const store = SqliteStore.fromDriver(new BetterSqlite3(':memory:'));
    expect(store).toBeInstanceOf(KyselyStore);
    expect((await store.migrate()).error).toBeUndefined();
    await store.savePortal(portalFixture());
    expect(await store.getPortal(portalFixture().id)).toStrictEqual(portalFixture());
    await store.close();
  });
});
