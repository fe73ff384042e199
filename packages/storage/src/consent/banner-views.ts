import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { BannerViewCount } from './consent-log.js';

/** Adds counts to the daily totals in one upsert (the server aggregates before it calls). */
export async function addBannerViews(
  db: Kysely<Database>,
  counts: readonly BannerViewCount[],
): Promise<void> {
  const rows = counts
    .filter((c) => c.shown > 0)
    .map((c) => ({ portal_id: c.portalId, day: c.day, revision: c.revision, shown: c.shown }));
  // Well under both databases' bound-parameter limits per statement.
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('banner_daily_views')
      .values(rows.slice(start, start + 500))
      .onConflict((oc) =>
        oc.columns(['portal_id', 'day', 'revision']).doUpdateSet((eb) => ({
          shown: eb('banner_daily_views.shown', '+', eb.ref('excluded.shown')),
        })),
      )
      .execute();
  }
}

/** A portal's counts between two UTC days, inclusive, by day then revision. */
export async function readBannerViews(
  db: Kysely<Database>,
  portalId: string,
  from: string,
  to: string,
): Promise<BannerViewCount[]> {
  const rows = await db
    .selectFrom('banner_daily_views')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return rows
    .map((r) => ({ portalId, day: r.day, revision: r.revision, shown: Number(r.shown) }))
    .sort((a, b) => compare(a.day, b.day) || compare(a.revision, b.revision));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
