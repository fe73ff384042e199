import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteDatabase, type ConsentLogOptions } from '../src/index.js';
import { consentLogContract, type ContractDatabase } from './consent-log-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'galette-consent-log-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

consentLogContract('SQLite in memory', async () => ({
  database: await openSqliteDatabase(':memory:'),
}));

function fileDatabase(logOptions: ConsentLogOptions) {
  return async (): Promise<ContractDatabase> => {
    const path = join(dir, `log-${++files}.db`);
    const database = await openSqliteDatabase(path);
    return {
      database,
      logOptions,
      reopen: async () => {
        await database.close();
        return openSqliteDatabase(path);
      },
    };
  };
}

consentLogContract('SQLite file', fileDatabase({}));
consentLogContract('SQLite file, appends on a thread', fileDatabase({ appendThread: true }));
