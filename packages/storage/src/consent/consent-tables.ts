/*
 * Consent tables, merged into `Database`. Like the store's tables they are portable: timestamps
 * are ISO 8601 text (so the hashed `recordedAt` reads back byte for byte), JSON is text.
 */

/**
 * One consent record, append-only. Positions are unique per portal, and so are (consent id,
 * event id) pairs: a retried beacon is stored once. There is no foreign key to `portals`: proofs
 * outlive a deleted portal.
 */
export interface ConsentRecordsTable {
  portal_id: string;
  seq: number;
  event_id: string;
  consent_id: string;
  revision: string;
  /** Canonical JSON of `ConsentChoices`. */
  choices: string;
  action: string;
  source: string;
  lang: string;
  recorded_at: string;
  expires_at: string;
  client_pseudonym: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * One row per portal with records: the chain head (the row appends lock), and the checkpoint a
 * purge leaves so that what remains still verifies.
 */
export interface ConsentChainsTable {
  portal_id: string;
  head_seq: number;
  head_hash: string;
  checkpoint_seq: number | null;
  checkpoint_hash: string | null;
  checkpoint_at: string | null;
}

/** Daily counts per portal and revision, kept when the records themselves are purged. */
export interface ConsentDailyStatsTable {
  portal_id: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  revision: string;
  total: number;
  accept_all: number;
  reject_all: number;
  custom: number;
  withdraw: number;
}

/** Per category: how many records carried a choice for it, and how many accepted it. */
export interface ConsentDailyCategoryStatsTable {
  portal_id: string;
  day: string;
  revision: string;
  category: string;
  chosen: number;
  accepted: number;
}

/** Banners the widget showed, counted per portal, day and revision (no visitor identifier). */
export interface BannerDailyViewsTable {
  portal_id: string;
  day: string;
  revision: string;
  shown: number;
}

export interface ConsentTables {
  consent_records: ConsentRecordsTable;
  consent_chains: ConsentChainsTable;
  consent_daily_stats: ConsentDailyStatsTable;
  consent_daily_category_stats: ConsentDailyCategoryStatsTable;
  banner_daily_views: BannerDailyViewsTable;
}
