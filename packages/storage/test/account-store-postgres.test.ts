import { describe } from 'vitest';
import { PostgresStore } from '../src/index.js';
import { accountStoreContract } from './account-store-contract.js';
import { requirePostgres, useScratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the account store contract');

describe.runIf(postgres)('AccountStore on PostgreSQL', () => {
  // One scratch database per test file, so files and concurrent runs never meet.
  const { url, empty } = useScratchDatabase('galette_accounts');

  accountStoreContract('PostgreSQL', async () => {
    await empty();
    const store = await PostgresStore.open(url);
    return Object.assign(store, {
      reopen: async () => {
        await store.close();
        return PostgresStore.open(url);
      },
    });
  });
});
