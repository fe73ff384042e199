import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../src/index.js';
import { accountStoreContract } from './account-store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'galette-account-store-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

accountStoreContract('SQLite in memory', () => SqliteStore.open(':memory:'));

accountStoreContract('SQLite file', async () => {
  const path = join(dir, `accounts-${++files}.db`);
  const store = await SqliteStore.open(path);
  return Object.assign(store, {
    reopen: async () => {
      await store.close();
      return SqliteStore.open(path);
    },
  });
});
