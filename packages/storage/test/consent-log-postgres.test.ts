import { verifyChain } from '@galette/core';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openConsentLog, openPostgresDatabase } from '../src/index.js';
import { consentLogContract, submission } from './consent-log-contract.js';
import { requirePostgres, useScratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the consent log contract');

describe.runIf(postgres)('KyselyConsentLog on PostgreSQL', () => {
  // One scratch database per test file, so files and concurrent runs never meet.
  const { url: scratchUrl, empty: emptyDatabase } = useScratchDatabase('galette_consents');

  consentLogContract('PostgreSQL', async () => {
    await emptyDatabase();
    const database = await openPostgresDatabase(scratchUrl);
    return {
      database,
      reopen: async () => {
        await database.close();
        return openPostgresDatabase(scratchUrl);
      },
    };
  });

  it('keeps one chain per portal and stores each event once across two server nodes', async () => {
    await emptyDatabase();
    const handles = [
      await openPostgresDatabase(scratchUrl),
      await openPostgresDatabase(scratchUrl),
    ];
    try {
      expect((await migrateDatabase(handles[0]!.db as Kysely<unknown>)).error).toBeUndefined();
      const nodes = handles.map((h) => openConsentLog(h, { maxBatch: 8 }));
      const retried = Array.from({ length: 10 }, () => submission());
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          nodes[i % 2]!.append({
            portalId: `p${(i >> 1) % 2}.example`,
            // Every retried event is sent once by each node, like a beacon retried elsewhere.
            submission: i < 20 ? retried[i >> 1]! : submission(),
          }),
        ),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(100 - 10);
      for (const portalId of ['p0.example', 'p1.example']) {
        const records = [];
        for await (const r of nodes[0]!.records(portalId)) records.push(r);
        expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
        expect(verifyChain(records).ok).toBe(true);
        expect((await nodes[1]!.verify(portalId)).ok).toBe(true);
      }
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
