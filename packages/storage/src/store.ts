import type { PortalContent, Revision } from '@galette/core';
import type { AccountStore } from './accounts/account-store.js';

/** A portal as listed: its draft's identity and where publication stands. */
export interface PortalSummary {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  /** Number of the latest published revision, absent if never published. */
  readonly publishedRevision?: number;
  readonly publishedHash?: string;
  /** True when the draft differs from the latest published revision (or nothing is published). */
  readonly hasUnpublishedChanges: boolean;
  /** ISO 8601 instant of the draft's last change. */
  readonly updatedAt: string;
}

export interface RevisionSummary {
  readonly portalId: string;
  readonly number: number;
  readonly hash: string;
  readonly publishedAt: string;
  readonly publishedBy?: string;
}

export interface PublishOptions {
  readonly publishedBy?: string;
  /** Defaults to now; tests pin it. */
  readonly at?: Date;
}

/** What `migrate()` did, step by step; a failed step stops the run and is reported, not thrown. */
export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
  readonly error?: {
    readonly migration: string;
    readonly message: string;
    /** The database could not be reached (or stayed locked): no step was the cause. */
    readonly unavailable?: boolean;
  };
}

/**
 * Galette's persistence. Every implementation passes the one contract suite
 * (`test/store-contract.ts`). All writes are atomic: a call that fails leaves the store as it was.
 */
export interface Store {
  /** Which backend this is, for logs and `/healthz`: `sqlite` or `postgres`. */
  readonly kind: string;
  /** Users, roles, sessions, password links, API tokens, audit log, sign-in throttling. */
  readonly accounts: AccountStore;

  migrate(): Promise<MigrationResult>;
  close(): Promise<void>;
  /** Cheap liveness probe. */
  ping(): Promise<void>;
  /**
   * Cheap probe for `/healthz`: whether the database answers and would take a write now. Rejects
   * when it does not answer; `writable: false` when it answers read-only (a standby, a demoted
   * primary, `default_transaction_read_only`).
   */
  probe(): Promise<{ readonly writable: boolean }>;

  /** Portals ordered by id. */
  listPortals(): Promise<PortalSummary[]>;
  /** The draft content of a portal. */
  getPortal(id: string): Promise<PortalContent | undefined>;
  /**
   * Creates or replaces a portal's draft (declarations, categories and texts replaced whole).
   * The content must already be valid (`parsePortalFile`); stores do not re-validate it.
   */
  savePortal(content: PortalContent): Promise<void>;
  /**
   * Removes a portal with its draft and revisions. Returns false when it did not exist; throws
   * `ConflictError` when the portal holds consent proofs (records, or the checkpoint of purged
   * ones), which refer to its revisions.
   */
  deletePortal(id: string): Promise<boolean>;

  /**
   * Publishes the current draft as a new revision. When the draft's hash equals the latest
   * revision's, returns that revision unchanged (publishing twice is a no-op).
   * Throws `NotFoundError` for an unknown portal.
   */
  publish(portalId: string, options?: PublishOptions): Promise<Revision>;
  /** Saves the draft and publishes it in one transaction (import, demo preset). */
  saveAndPublish(content: PortalContent, options?: PublishOptions): Promise<Revision>;
  latestRevision(portalId: string): Promise<Revision | undefined>;
  /** A revision of this portal by hash (the latest one carrying it), or undefined. */
  getRevision(portalId: string, hash: string): Promise<Revision | undefined>;
  /** Newest first. */
  listRevisions(portalId: string): Promise<RevisionSummary[]>;
}
