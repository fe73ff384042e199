import type {
  ChainPoint,
  ChainVerification,
  ConsentAction,
  ConsentRecord,
  ConsentSubmission,
} from '@galette/core';

export interface ConsentAppend {
  readonly portalId: string;
  /** Already validated against the revision it names (`parseConsentSubmission`). */
  readonly submission: ConsentSubmission;
  /** Only when the operator enables abuse tracing: a keyed, rotating pseudonym of the client. */
  readonly clientPseudonym?: string;
}

export interface ConsentAppendResult {
  readonly record: ConsentRecord;
  /** True when this event (consent id and event id) was already recorded: `record` is the original. */
  readonly duplicate: boolean;
}

export interface ConsentChainState {
  readonly portalId: string;
  /** The latest record. */
  readonly head: ChainPoint;
  /** The last purged record, from which the remaining chain continues. */
  readonly checkpoint?: ChainPoint & { readonly purgedAt: string };
}

/** An inclusive range of record times, ISO 8601 instants; either end may be open. */
export interface ConsentTimeRange {
  readonly from?: string;
  readonly to?: string;
}

export interface ConsentPurgeResult {
  readonly portalId: string;
  readonly purged: number;
  /** The checkpoint the chain now continues from, when anything was ever purged. */
  readonly checkpoint?: ChainPoint;
}

export interface CategoryStats {
  /** Records that carried a choice for the category. */
  readonly chosen: number;
  readonly accepted: number;
}

/** One day (UTC) of one revision's consents. */
export interface ConsentDailyStats {
  readonly day: string;
  readonly revision: string;
  readonly total: number;
  readonly actions: Readonly<Record<ConsentAction, number>>;
  readonly categories: Readonly<Record<string, CategoryStats>>;
}

/** How long reads hold the database. */
export interface ConsentReadOptions {
  /**
   * `true`: no snapshot; each page is a query of its own, bounded by the head read first, so a
   * server's appends on the same SQLite connection go on between pages (a long export or
   * verification never holds them up). Records are append-only, so the pages still read one
   * consistent prefix of the chain; only a purge running meanwhile can show, as removed records
   * (verification then reads again once). Default `false`: one read-only snapshot, for the CLI.
   */
  readonly shareConnection?: boolean;
}

/** How many times the widget showed its banner, for one portal, UTC day and revision. */
export interface BannerViewCount {
  readonly portalId: string;
  readonly day: string;
  readonly revision: string;
  readonly shown: number;
}

/** Which portals and days a summary covers (UTC days, inclusive). */
export interface ConsentSummaryQuery {
  readonly portals: readonly string[] | 'all';
  readonly from: string;
  readonly to: string;
}

/** Daily counters summed over a set of portals: per day, per category, per (portal, revision). */
export interface ConsentSummary {
  /** Days with choices or banners shown, oldest first, summed over portals and revisions. */
  readonly days: readonly {
    readonly day: string;
    readonly total: number;
    readonly actions: Readonly<Record<ConsentAction, number>>;
    readonly shown: number;
  }[];
  /** Over the whole period, by category id. */
  readonly categories: Readonly<Record<string, CategoryStats>>;
  /** Per portal and revision, ordered by portal then first day. */
  readonly revisions: readonly {
    readonly portalId: string;
    readonly revision: string;
    /** First and last day with choices (absent when only banners were counted). */
    readonly first?: string;
    readonly last?: string;
    readonly total: number;
    readonly actions: Readonly<Record<ConsentAction, number>>;
    readonly shown: number;
  }[];
}

/**
 * The consent proofs of every portal: append-only records chained per portal. Every
 * implementation passes `test/consent-log-contract.ts`.
 */
export interface ConsentLog {
  /**
   * Records a choice. Resolves only once the transaction holding it has committed; appends that
   * arrive together share one transaction (group commit). A repeated event (same consent id and
   * event id: a retried beacon) resolves to the original record.
   */
  append(input: ConsentAppend): Promise<ConsentAppendResult>;
  /** A visitor's records, oldest first (at most `limit`, the newest kept). */
  history(portalId: string, consentId: string, limit?: number): Promise<ConsentRecord[]>;
  /** The record at a position of a portal's chain (e.g. the first one a verification refused). */
  recordAt(portalId: string, seq: number): Promise<ConsentRecord | undefined>;
  /** Portals that have a chain, ordered by id. */
  portals(): Promise<string[]>;
  chain(portalId: string): Promise<ConsentChainState | undefined>;
  /**
   * A portal's records in chain order, read page by page from one snapshot, so any volume streams
   * in constant memory. Stop iterating early to release the snapshot.
   */
  records(
    portalId: string,
    range?: ConsentTimeRange,
    options?: ConsentReadOptions,
  ): AsyncIterable<ConsentRecord>;
  /** Recomputes the portal's chain from its checkpoint to its head, from one snapshot. */
  verify(portalId: string, options?: ConsentReadOptions): Promise<ChainVerification>;
  /**
   * Deletes the records made before `before`, as a prefix of the chain, and moves the checkpoint
   * to the last one deleted so the rest still verifies. Statistics are kept. With `dryRun`,
   * only says what it would delete.
   */
  purge(
    portalId: string,
    before: Date,
    options?: { readonly dryRun?: boolean },
  ): Promise<ConsentPurgeResult>;
  /** Daily statistics between two UTC days (`YYYY-MM-DD`, inclusive), by day then revision. */
  dailyStats(portalId: string, from: string, to: string): Promise<ConsentDailyStats[]>;
  /** The daily counters of a set of portals over a period, summed for charts and rates. */
  summary(query: ConsentSummaryQuery): Promise<ConsentSummary>;
  /** Adds anonymous "banner shown" counts, already aggregated by the caller, in one write. */
  addBannerViews(counts: readonly BannerViewCount[]): Promise<void>;
  /** "Banner shown" counts between two UTC days (inclusive), by day then revision. */
  bannerViews(portalId: string, from: string, to: string): Promise<BannerViewCount[]>;
  /** Waits for every pending append to be committed or refused. */
  drain(): Promise<void>;
}
