import type { ConsentAction } from '@galette/core';
import type { ConsentLog, ConsentSummary, RevisionSummary, Store } from '@galette/storage';
import { bucketOf, bucketStarts, type StatisticsPeriod } from './statistics-period.js';

/** Choices of one kind, as every table and chart names them. */
export interface ChoiceCounts {
  readonly acceptAll: number;
  readonly rejectAll: number;
  readonly custom: number;
  readonly withdraw: number;
  /** Every choice recorded, withdrawals included. */
  readonly total: number;
  /** Banners the widget showed (anonymous beacon). */
  readonly shown: number;
}

/**
 * The rates the industry uses, each null when its denominator is zero:
 * consent rate = accept all ÷ (accept all + refuse all);
 * opt-in rate = accept all ÷ banners shown;
 * no-choice rate = (banners shown − first choices) ÷ banners shown, where first choices are
 * accept all, refuse all and custom (withdrawals change an earlier choice).
 */
export interface Rates {
  readonly consentRate: number | null;
  readonly optInRate: number | null;
  readonly noChoiceRate: number | null;
}

export interface StatisticsBucket extends ChoiceCounts, Rates {
  /** First day of the bucket (the day, or the month's first day). */
  readonly start: string;
}

export interface RevisionStatistics extends ChoiceCounts, Rates {
  readonly portalId: string;
  readonly revision: string;
  /** Known when one portal is reported on. */
  readonly number?: number;
  readonly publishedAt?: string;
}

/** A publication inside the period, marked on the time axis. */
export interface RevisionMarker {
  readonly portalId: string;
  readonly number: number;
  readonly revision: string;
  readonly publishedAt: string;
  /** The bucket it falls in. */
  readonly bucket: string;
}

export interface StatisticsReport {
  /** One portal's id, or the portals the reader may see. */
  readonly scope: { readonly kind: 'portal'; readonly portalId: string } | { readonly kind: 'all' };
  readonly period: StatisticsPeriod;
  readonly totals: ChoiceCounts & Rates;
  readonly buckets: readonly StatisticsBucket[];
  readonly categories: readonly {
    readonly id: string;
    readonly chosen: number;
    readonly accepted: number;
    /** accepted ÷ chosen, null when nobody chose. */
    readonly rate: number | null;
  }[];
  readonly revisions: readonly RevisionStatistics[];
  readonly markers: readonly RevisionMarker[];
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function ratesOf(c: ChoiceCounts): Rates {
  const first = c.acceptAll + c.rejectAll + c.custom;
  return {
    consentRate: ratio(c.acceptAll, c.acceptAll + c.rejectAll),
    optInRate: ratio(c.acceptAll, c.shown),
    noChoiceRate: ratio(Math.max(0, c.shown - first), c.shown),
  };
}

const counts = (
  actions: Readonly<Record<ConsentAction, number>>,
  total: number,
  shown: number,
) => ({
  acceptAll: actions.accept_all,
  rejectAll: actions.reject_all,
  custom: actions.custom,
  withdraw: actions.withdraw,
  total,
  shown,
});

const add = (a: ChoiceCounts, b: ChoiceCounts): ChoiceCounts => ({
  acceptAll: a.acceptAll + b.acceptAll,
  rejectAll: a.rejectAll + b.rejectAll,
  custom: a.custom + b.custom,
  withdraw: a.withdraw + b.withdraw,
  total: a.total + b.total,
  shown: a.shown + b.shown,
});

const NONE: ChoiceCounts = {
  acceptAll: 0,
  rejectAll: 0,
  custom: 0,
  withdraw: 0,
  total: 0,
  shown: 0,
};

/**
 * The statistics of one portal, or of the portals a reader may see, over a period: every bucket
 * of the period (zeros included, so charts and tables have no holes), acceptance per category,
 * per revision, the publications to mark on the time axis, and the rates.
 */
export async function statisticsReport(
  deps: { readonly log: ConsentLog | undefined; readonly store: Pick<Store, 'listRevisions'> },
  scope: StatisticsReport['scope'],
  visible: readonly string[] | 'all',
  period: StatisticsPeriod,
): Promise<StatisticsReport> {
  const portals = scope.kind === 'portal' ? [scope.portalId] : visible;
  const [summary, published] = await Promise.all([
    deps.log
      ? deps.log.summary({ portals, from: period.from, to: period.to })
      : Promise.resolve<ConsentSummary>({ days: [], categories: {}, revisions: [] }),
    scope.kind === 'portal'
      ? deps.store.listRevisions(scope.portalId)
      : Promise.resolve<RevisionSummary[]>([]),
  ]);
  const byBucket = new Map<string, ChoiceCounts>(bucketStarts(period).map((s) => [s, NONE]));
  let totals = NONE;
  for (const d of summary.days) {
    const day = counts(d.actions, d.total, d.shown);
    const bucket = bucketOf(period, d.day);
    byBucket.set(bucket, add(byBucket.get(bucket) ?? NONE, day));
    totals = add(totals, day);
  }
  const numbered = new Map(published.map((r) => [r.hash, r]));
  const markers: RevisionMarker[] = published
    .filter(
      (r) => r.publishedAt.slice(0, 10) >= period.from && r.publishedAt.slice(0, 10) <= period.to,
    )
    .map((r) => ({
      portalId: r.portalId,
      number: r.number,
      revision: r.hash,
      publishedAt: r.publishedAt,
      bucket: bucketOf(period, r.publishedAt.slice(0, 10)),
    }))
    .sort((a, b) => a.number - b.number);
  return {
    scope,
    period,
    totals: { ...totals, ...ratesOf(totals) },
    buckets: [...byBucket].map(([start, c]) => ({ start, ...c, ...ratesOf(c) })),
    categories: Object.entries(summary.categories).map(([id, c]) => ({
      id,
      chosen: c.chosen,
      accepted: c.accepted,
      rate: ratio(c.accepted, c.chosen),
    })),
    revisions: summary.revisions
      .map((r) => {
        const c = counts(r.actions, r.total, r.shown);
        const known = numbered.get(r.revision);
        return {
          portalId: r.portalId,
          revision: r.revision,
          ...(known ? { number: known.number, publishedAt: known.publishedAt } : {}),
          ...c,
          ...ratesOf(c),
        };
      })
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0)),
    markers,
  };
}
