import type { ConsentAction } from '@galette/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { CategoryStats, ConsentSummary, ConsentSummaryQuery } from './consent-log.js';

type Actions = Record<ConsentAction, number>;

/**
 * Sums of the daily counters for a set of portals over a period, grouped in SQL: by day (across
 * portals and revisions), by category, and by (portal, revision). A year of one portal is a few
 * hundred index rows whatever the number of consents, and 500 portals cost no more queries.
 */
export async function readConsentSummary(
  db: Kysely<Database>,
  query: ConsentSummaryQuery,
): Promise<ConsentSummary> {
  const { portals, from, to } = query;
  if (portals !== 'all' && portals.length === 0) return { days: [], categories: {}, revisions: [] };
  let days = db
    .selectFrom('consent_daily_stats')
    .select((eb) => [
      'day',
      eb.fn.sum<number>('total').as('total'),
      eb.fn.sum<number>('accept_all').as('accept_all'),
      eb.fn.sum<number>('reject_all').as('reject_all'),
      eb.fn.sum<number>('custom').as('custom'),
      eb.fn.sum<number>('withdraw').as('withdraw'),
    ])
    .where('day', '>=', from)
    .where('day', '<=', to);
  let revisions = db
    .selectFrom('consent_daily_stats')
    .select((eb) => [
      'portal_id',
      'revision',
      eb.fn.min<string>('day').as('first'),
      eb.fn.max<string>('day').as('last'),
      eb.fn.sum<number>('total').as('total'),
      eb.fn.sum<number>('accept_all').as('accept_all'),
      eb.fn.sum<number>('reject_all').as('reject_all'),
      eb.fn.sum<number>('custom').as('custom'),
      eb.fn.sum<number>('withdraw').as('withdraw'),
    ])
    .where('day', '>=', from)
    .where('day', '<=', to);
  let categories = db
    .selectFrom('consent_daily_category_stats')
    .select((eb) => [
      'category',
      eb.fn.sum<number>('chosen').as('chosen'),
      eb.fn.sum<number>('accepted').as('accepted'),
    ])
    .where('day', '>=', from)
    .where('day', '<=', to);
  let shownByDay = db
    .selectFrom('banner_daily_views')
    .select((eb) => ['day', eb.fn.sum<number>('shown').as('shown')])
    .where('day', '>=', from)
    .where('day', '<=', to);
  let shownByRevision = db
    .selectFrom('banner_daily_views')
    .select((eb) => ['portal_id', 'revision', eb.fn.sum<number>('shown').as('shown')])
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (portals !== 'all') {
    const ids = [...portals];
    days = days.where('portal_id', 'in', ids);
    revisions = revisions.where('portal_id', 'in', ids);
    categories = categories.where('portal_id', 'in', ids);
    shownByDay = shownByDay.where('portal_id', 'in', ids);
    shownByRevision = shownByRevision.where('portal_id', 'in', ids);
  }
  const [dayRows, revisionRows, categoryRows, shownDayRows, shownRevisionRows] = await Promise.all([
    days.groupBy('day').execute(),
    revisions.groupBy(['portal_id', 'revision']).execute(),
    categories.groupBy('category').execute(),
    shownByDay.groupBy('day').execute(),
    shownByRevision.groupBy(['portal_id', 'revision']).execute(),
  ]);
  const actionsOf = (r: Record<ConsentAction, unknown>): Actions => ({
    accept_all: Number(r.accept_all),
    reject_all: Number(r.reject_all),
    custom: Number(r.custom),
    withdraw: Number(r.withdraw),
  });
  const byDay = new Map<string, ConsentSummary['days'][number]>();
  const zero: Actions = { accept_all: 0, reject_all: 0, custom: 0, withdraw: 0 };
  for (const r of dayRows) {
    byDay.set(r.day, { day: r.day, total: Number(r.total), actions: actionsOf(r), shown: 0 });
  }
  for (const r of shownDayRows) {
    const entry = byDay.get(r.day) ?? { day: r.day, total: 0, actions: { ...zero }, shown: 0 };
    byDay.set(r.day, { ...entry, shown: Number(r.shown) });
  }
  const key = (portalId: string, revision: string) => `${portalId}\n${revision}`;
  const byRevision = new Map<string, ConsentSummary['revisions'][number]>();
  for (const r of revisionRows) {
    byRevision.set(key(r.portal_id, r.revision), {
      portalId: r.portal_id,
      revision: r.revision,
      first: r.first,
      last: r.last,
      total: Number(r.total),
      actions: actionsOf(r),
      shown: 0,
    });
  }
  for (const r of shownRevisionRows) {
    const k = key(r.portal_id, r.revision);
    const entry = byRevision.get(k);
    byRevision.set(
      k,
      entry
        ? { ...entry, shown: Number(r.shown) }
        : {
            portalId: r.portal_id,
            revision: r.revision,
            total: 0,
            actions: { ...zero },
            shown: Number(r.shown),
          },
    );
  }
  const categoryStats: Record<string, CategoryStats> = {};
  for (const r of [...categoryRows].sort((a, b) => compare(a.category, b.category))) {
    categoryStats[r.category] = { chosen: Number(r.chosen), accepted: Number(r.accepted) };
  }
  return {
    // Ordered here rather than in SQL: collations differ between databases, code units do not.
    days: [...byDay.values()].sort((a, b) => compare(a.day, b.day)),
    categories: categoryStats,
    revisions: [...byRevision.values()].sort(
      (a, b) => compare(a.portalId, b.portalId) || compare(a.first ?? '', b.first ?? ''),
    ),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
