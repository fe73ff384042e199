import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteDatabase } from '../src/index.js';
import { consentLogContract } from './consent-log-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'galette-consent-log-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

consentLogContract('SQLite in memory', async () => ({
  database: await openSqliteDatabase(':memory:'),
}));

consentLogContract('SQLite file', async () => {
  const path = join(dir, `log-${++files}.db`);
  const database = await openSqliteDatabase(path);
  return {
    database,
    reopen: async () => {
      await database.close();
      return openSqliteDatabase(path);
    },
  };
});
