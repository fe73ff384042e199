import { describe } from 'vitest';
import { PostgresStore } from '../src/index.js';
import { requirePostgres, useScratchDatabase } from '../../../test-support/postgres.mjs';
import { scanJobsContract } from './scan-jobs-contract.js';

const postgres = await requirePostgres('the scan jobs contract');

describe.runIf(postgres)('scan jobs on PostgreSQL', () => {
  const { url, empty } = useScratchDatabase('galette_scan_jobs');
  scanJobsContract(
    'PostgreSQL',
    async () => {
      await empty();
      return PostgresStore.open(url);
    },
    () => PostgresStore.open(url),
  );
});
