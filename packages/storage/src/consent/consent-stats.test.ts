import type { ConsentAction, ConsentRecord } from '@galette/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDailyStats } from './consent-stats.js';

const ACTIONS: ConsentAction[] = ['accept_all', 'reject_all', 'custom', 'withdraw'];

const arbitraryRecord = fc.record({
  portalId: fc.constantFrom('p.example', 'q.example'),
  recordedAt: fc.constantFrom('2026-03-01T10:00:00.000Z', '2026-03-02T00:00:00.000Z'),
  revision: fc.constantFrom(`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`),
  action: fc.constantFrom(...ACTIONS),
  choices: fc.dictionary(fc.constantFrom('statistics', 'video', 'maps'), fc.boolean()),
});

/** The counts, one record at a time, keyed as the tables' primary keys. */
function counted(
  records: readonly Pick<
    ConsentRecord,
    'portalId' | 'recordedAt' | 'revision' | 'action' | 'choices'
  >[],
) {
  const days: Record<string, Record<string, number>> = {};
  const categories: Record<string, { chosen: number; accepted: number }> = {};
  for (const r of records) {
    const key = `${r.portalId}|${r.recordedAt.slice(0, 10)}|${r.revision}`;
    days[key] ??= { total: 0, accept_all: 0, reject_all: 0, custom: 0, withdraw: 0 };
    days[key].total! += 1;
    days[key][r.action]! += 1;
    for (const [category, accepted] of Object.entries(r.choices)) {
      categories[`${key}|${category}`] ??= { chosen: 0, accepted: 0 };
      categories[`${key}|${category}`]!.chosen += 1;
      if (accepted) categories[`${key}|${category}`]!.accepted += 1;
    }
  }
  return { days, categories };
}

describe('countDailyStats', () => {
  it('counts every record under its portal, day and revision, however the batch interleaves them', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { maxLength: 60 }), (records) => {
        const { days, categories } = countDailyStats(records as unknown as ConsentRecord[]);
        const got = {
          days: Object.fromEntries(
            days.map(({ portal_id, day, revision, ...counts }) => [
              `${portal_id}|${day}|${revision}`,
              counts,
            ]),
          ),
          categories: Object.fromEntries(
            categories.map(({ portal_id, day, revision, category, ...counts }) => [
              `${portal_id}|${day}|${revision}|${category}`,
              counts,
            ]),
          ),
        };
        // One row per key: the upsert adds each row once.
        expect(Object.keys(got.days)).toHaveLength(days.length);
        expect(Object.keys(got.categories)).toHaveLength(categories.length);
        expect(got).toEqual(counted(records));
      }),
    );
  });
});
