import type { PortalContent, Revision } from '@galette/core';
import type { AccountStore, NewAuditEntry } from './accounts/account-store.js';

/** A portal as listed: its draft's identity and where publication stands. */
export interface PortalSummary {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  /** Number of the latest published revision, absent if never published. */
  readonly publishedRevision?: number;
  readonly publishedHash?: string;
  /** When and by whom the latest revision was published (the portal list shows them). */
  readonly publishedAt?: string;
  readonly publishedBy?: string;
  /** True when the draft differs from the latest published revision (or nothing is published). */
  readonly hasUnpublishedChanges: boolean;
  /** ISO 8601 instant of the draft's last change. */
  readonly updatedAt: string;
  /** When the portal was archived; archived portals keep their proofs but serve nothing. */
  readonly archivedAt?: string;
}

export interface RevisionSummary {
  readonly portalId: string;
  readonly number: number;
  readonly hash: string;
  readonly publishedAt: string;
  readonly publishedBy?: string;
  /** The publication note, when one was given. */
  readonly note?: string;
  /** Declarations in the revision. */
  readonly declarations: number;
  /** Categories the revision defines or uses (built-in ones included when used). */
  readonly categories: number;
}

/**
 * A write that the audit log must record: given to a store call, it is appended in the same
 * transaction as the change, so the log never misses a change nor records one that failed.
 */
export interface AuditedWrite {
  readonly audit?: NewAuditEntry;
}

export interface PublishOptions extends AuditedWrite {
  readonly publishedBy?: string;
  /** Defaults to now; tests pin it. */
  readonly at?: Date;
  /** Publication note stored with the revision. */
  readonly note?: string;
  /**
   * Publish only if the draft is still at this version (what the publisher reviewed); otherwise
   * `DraftConflictError`.
   */
  readonly expectedVersion?: number;
}

/** A portal's draft with what optimistic concurrency and the editor need around it. */
export interface Draft {
  readonly content: PortalContent;
  /** 1 when created, bumped by every save (even of identical content). */
  readonly version: number;
  /** ISO 8601 instant of the last save. */
  readonly savedAt: string;
  /** Who saved it last (an audit label: email, token name, `cli`), when known. */
  readonly savedBy?: string;
  readonly archivedAt?: string;
}

export interface SaveDraftOptions extends AuditedWrite {
  /** Save only if the draft is at this version, else `DraftConflictError` and nothing written. */
  readonly expectedVersion?: number;
  readonly savedBy?: string;
}

export interface ListPortalsOptions {
  /** `exclude` (default of the console), `include` (default here, for the CLI), `only`. */
  readonly archived?: 'exclude' | 'include' | 'only';
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

  /**
   * Calls `listener` with the id of each portal another process published, archived, restored or
   * deleted, as soon as that commits (PostgreSQL `LISTEN/NOTIFY`). Resolves to a function that
   * stops; to undefined where the database cannot tell (SQLite serves one node). Stopped by
   * `close()` too.
   */
  watchPortals(listener: (portalId: string) => void): Promise<(() => Promise<void>) | undefined>;

  /** Portals ordered by id; archived ones included unless asked otherwise. */
  listPortals(options?: ListPortalsOptions): Promise<PortalSummary[]>;
  /** The draft content of a portal. */
  getPortal(id: string): Promise<PortalContent | undefined>;
  /**
   * Creates or replaces a portal's draft (declarations, categories and texts replaced whole).
   * The content must already be valid (`parsePortalFile`); stores do not re-validate it.
   */
  savePortal(content: PortalContent): Promise<void>;
  /** The draft with its version, who saved it and whether the portal is archived. */
  getDraft(id: string): Promise<Draft | undefined>;
  /**
   * Creates a portal with `content` as its draft (version 1). `ConflictError` when the id is
   * taken, archived portals included.
   */
  createPortal(content: PortalContent, options?: SaveDraftOptions): Promise<Draft>;
  /**
   * Replaces the draft of an existing portal (`NotFoundError` otherwise) and bumps its version;
   * `DraftConflictError` when `expectedVersion` is stale; `ConflictError` when it is archived.
   */
  saveDraft(content: PortalContent, options?: SaveDraftOptions): Promise<Draft>;
  /** Copies a published revision into the draft, as `saveDraft` would save it. */
  restoreRevision(portalId: string, number: number, options?: SaveDraftOptions): Promise<Draft>;
  /**
   * Archives (`archived: true`) or brings back a portal. Returns false when it did not exist or
   * was already in that state (nothing written then, the audit entry included).
   */
  setArchived(
    portalId: string,
    archived: boolean,
    options?: AuditedWrite & { readonly at?: Date },
  ): Promise<boolean>;
  /**
   * Removes a portal with its draft and revisions. Returns false when it did not exist; throws
   * `ConflictError` when the portal holds consent proofs (records, or the checkpoint of purged
   * ones), which refer to its revisions.
   */
  deletePortal(id: string, options?: AuditedWrite): Promise<boolean>;

  /**
   * Publishes the current draft as a new revision. When the draft's hash equals the latest
   * revision's, returns that revision unchanged (publishing twice is a no-op, audited or not).
   * Throws `NotFoundError` for an unknown portal, `ConflictError` for an archived one.
   */
  publish(portalId: string, options?: PublishOptions): Promise<Revision>;
  /** Saves the draft and publishes it in one transaction (import, demo preset). */
  saveAndPublish(content: PortalContent, options?: PublishOptions): Promise<Revision>;
  latestRevision(portalId: string): Promise<Revision | undefined>;
  /** A revision of this portal by number, or undefined. */
  getRevisionByNumber(portalId: string, number: number): Promise<Revision | undefined>;
  /** A revision of this portal by hash (the latest one carrying it), or undefined. */
  getRevision(portalId: string, hash: string): Promise<Revision | undefined>;
  /** Newest first. */
  listRevisions(portalId: string): Promise<RevisionSummary[]>;
}
