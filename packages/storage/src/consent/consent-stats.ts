import type { ConsentAction, ConsentRecord } from '@galette/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { CategoryStats, ConsentDailyStats } from './consent-log.js';
import type { ConsentDailyCategoryStatsTable, ConsentDailyStatsTable } from './consent-tables.js';

/** The UTC day of an ISO 8601 instant. */
export const dayOf = (instant: string): string => instant.slice(0, 10);

/** Fresh records counted per portal, day, revision (and category): the rows to add. */
export function countDailyStats(records: readonly ConsentRecord[]): {
  days: ConsentDailyStatsTable[];
  categories: ConsentDailyCategoryStatsTable[];
} {
  const days = new Map<string, DayCount>();
  // A batch's records nearly always share portal, day and revision: the last count is reused
  // without building and hashing its key again for every record.
  let last: DayCount | undefined;
  for (const r of records) {
    const day = dayOf(r.recordedAt);
    let count = last;
    if (
      count === undefined ||
      count.row.portal_id !== r.portalId ||
      count.row.day !== day ||
      count.row.revision !== r.revision
    ) {
      const key = `${r.portalId} ${day} ${r.revision}`;
      count = days.get(key);
      if (!count) {
        count = {
          row: {
            portal_id: r.portalId,
            day,
            revision: r.revision,
            total: 0,
            accept_all: 0,
            reject_all: 0,
            custom: 0,
            withdraw: 0,
          },
          categories: new Map(),
        };
        days.set(key, count);
      }
      last = count;
    }
    count.row.total++;
    count.row[r.action]++;
    for (const category in r.choices) {
      let crow = count.categories.get(category);
      if (!crow) {
        crow = {
          portal_id: r.portalId,
          day,
          revision: r.revision,
          category,
          chosen: 0,
          accepted: 0,
        };
        count.categories.set(category, crow);
      }
      crow.chosen++;
      if (r.choices[category]) crow.accepted++;
    }
  }
  const counts = [...days.values()];
  return {
    days: counts.map((c) => c.row),
    categories: counts.flatMap((c) => [...c.categories.values()]),
  };
}

interface DayCount {
  readonly row: ConsentDailyStatsTable;
  readonly categories: Map<string, ConsentDailyCategoryStatsTable>;
}

/**
 * Adds a batch of fresh records to the daily counters, inside the batch's transaction: counted
 * in memory first, so a batch costs one upsert per table, not one per record.
 */
export async function addToDailyStats(
  trx: Kysely<Database>,
  records: readonly ConsentRecord[],
): Promise<void> {
  const { days, categories } = countDailyStats(records);
  if (days.length > 0) {
    await trx
      .insertInto('consent_daily_stats')
      .values(days)
      .onConflict((oc) =>
        oc.columns(['portal_id', 'day', 'revision']).doUpdateSet((eb) => ({
          total: eb('consent_daily_stats.total', '+', eb.ref('excluded.total')),
          accept_all: eb('consent_daily_stats.accept_all', '+', eb.ref('excluded.accept_all')),
          reject_all: eb('consent_daily_stats.reject_all', '+', eb.ref('excluded.reject_all')),
          custom: eb('consent_daily_stats.custom', '+', eb.ref('excluded.custom')),
          withdraw: eb('consent_daily_stats.withdraw', '+', eb.ref('excluded.withdraw')),
        })),
      )
      .execute();
  }
  if (categories.length > 0) {
    await trx
      .insertInto('consent_daily_category_stats')
      .values(categories)
      .onConflict((oc) =>
        oc.columns(['portal_id', 'day', 'revision', 'category']).doUpdateSet((eb) => ({
          chosen: eb('consent_daily_category_stats.chosen', '+', eb.ref('excluded.chosen')),
          accepted: eb('consent_daily_category_stats.accepted', '+', eb.ref('excluded.accepted')),
        })),
      )
      .execute();
  }
}

/** Daily statistics of a portal between two UTC days, inclusive, by day then revision. */
export async function readDailyStats(
  db: Kysely<Database>,
  portalId: string,
  from: string,
  to: string,
): Promise<ConsentDailyStats[]> {
  const days = await db
    .selectFrom('consent_daily_stats')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  const categories = await db
    .selectFrom('consent_daily_category_stats')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  const byKey = new Map<string, Record<string, CategoryStats>>();
  for (const c of categories) {
    const key = `${c.day} ${c.revision}`;
    const entry = byKey.get(key) ?? {};
    entry[c.category] = { chosen: Number(c.chosen), accepted: Number(c.accepted) };
    byKey.set(key, entry);
  }
  const stats = days.map((d): ConsentDailyStats => {
    const actions: Record<ConsentAction, number> = {
      accept_all: Number(d.accept_all),
      reject_all: Number(d.reject_all),
      custom: Number(d.custom),
      withdraw: Number(d.withdraw),
    };
    return {
      day: d.day,
      revision: d.revision,
      total: Number(d.total),
      actions,
      categories: sortedKeys(byKey.get(`${d.day} ${d.revision}`) ?? {}),
    };
  });
  // Ordered here rather than in SQL: collations differ between databases, code units do not.
  return stats.sort((a, b) => compare(a.day, b.day) || compare(a.revision, b.revision));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}
