import type { Kysely } from 'kysely';
import type { AccountTables } from './accounts/account-tables.js';
import type { ConsentTables } from './consent/consent-tables.js';
import type { ScanTables } from './scans/scan-tables.js';
import { parseDatabaseUrl } from './database-url.js';
import { openPostgresDatabase, type PostgresTimeouts } from './postgres-database.js';
import { openSqliteDatabase } from './sqlite-database.js';

/*
 * Table types. Columns are portable: timestamps are ISO 8601 text, JSON is text, booleans are
 * integers 0/1. New tables (e.g. consent records) are added here together with the migration
 * that creates them in `migrations/`.
 */

/** A portal's draft identity; `draft_hash` is `revisionHash` of its whole draft. */
export interface PortalsTable {
  id: string;
  name: string;
  url: string;
  /** JSON array of strings. */
  origins: string;
  /** JSON array of language codes. */
  languages: string;
  default_language: string;
  /** JSON `WidgetSettings`; null when the portal keeps the defaults. */
  widget: string | null;
  draft_hash: string;
  created_at: string;
  updated_at: string;
  /** When archived; null while active. */
  archived_at: string | null;
  /** Bumped by every save of the draft (optimistic concurrency). */
  draft_version: number;
  /** Last save of the draft; null before migration 0005 (then `updated_at` stands for it). */
  draft_saved_at: string | null;
  /** Audit label of who saved it last. */
  draft_saved_by: string | null;
}

/** A portal's custom categories, in declared order. */
export interface PortalCategoriesTable {
  portal_id: string;
  position: number;
  category_id: string;
  /** JSON `LocalizedText`. */
  label: string;
  /** JSON `LocalizedText`. */
  description: string;
}

/** One `Declaration`; nullable columns are the optional fields (null = absent). */
export interface DeclarationsTable {
  portal_id: string;
  position: number;
  provider: string;
  /** JSON `LocalizedText`. */
  service: string;
  name: string;
  /** JSON `LocalizedText`. */
  purpose: string;
  category: string;
  lifetime: string | null;
  party: string;
  domain: string | null;
  storage: string;
  /** 0 or 1. */
  consent_exempt: number | null;
  /** JSON array of host names. */
  hosts: string | null;
}

/** Charter text overrides, one row per section and language; `position` keeps their order. */
export interface PortalTextsTable {
  portal_id: string;
  position: number;
  section: string;
  lang: string;
  body: string;
}

/** Published snapshots; `content` is the canonical JSON the hash was computed on. */
export interface RevisionsTable {
  portal_id: string;
  number: number;
  hash: string;
  content: string;
  published_at: string;
  published_by: string | null;
  /** Publication note. */
  note: string | null;
  declaration_count: number;
  category_count: number;
}

export interface Database extends ConsentTables, AccountTables, ScanTables {
  portals: PortalsTable;
  portal_categories: PortalCategoriesTable;
  declarations: DeclarationsTable;
  portal_texts: PortalTextsTable;
  revisions: RevisionsTable;
}

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * What the SQL dialect can do. Code asks these questions instead of testing which database it
 * talks to, so a third dialect only has to answer them.
 */
export interface DialectCapabilities {
  /** `INSERT/UPDATE/DELETE … RETURNING`. */
  readonly returning: boolean;
  /**
   * `SELECT … FOR UPDATE` row locks. Without them, every write transaction takes the database's
   * single write lock when it begins, which serializes writers just as well.
   */
  readonly forUpdate: boolean;
  /**
   * `current_setting('transaction_read_only')`: the server tells whether a new transaction could
   * write. Without it, a database that answers is taken as writable.
   */
  readonly readOnlySetting: boolean;
}

/** An open database: the query builder, what it can do, and how to let it go. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  readonly capabilities: DialectCapabilities;
  /** Closes every connection; later queries fail. */
  close(): Promise<void>;
  /**
   * Where the database can tell other processes about a change at commit (PostgreSQL
   * `LISTEN/NOTIFY`): calls `onPayload` with each payload sent on `channel` (see `notifySql`)
   * from a connection of its own, reconnecting after a loss. Resolves to a function that stops
   * listening. Absent where the database cannot (SQLite: one node only).
   */
  readonly listen?: (
    channel: string,
    onPayload: (payload: string) => void,
  ) => Promise<() => Promise<void>>;
}

/** How long the database may keep Galette waiting; each setting applies where it makes sense. */
export interface DatabaseOptions extends PostgresTimeouts {
  /**
   * SQLite: how long a statement of this connection waits for another connection's write lock
   * (`busy_timeout`), blocking its thread meanwhile; default 5 000 ms. A server sets it short.
   */
  readonly lockTimeoutMs?: number;
}

/**
 * Opens the database a `GALETTE_DB` URL names (see `parseDatabaseUrl`) without migrating it.
 * Drivers are loaded on demand, so a PostgreSQL deployment never loads the SQLite native module.
 */
export async function openDatabase(
  url: string,
  options: DatabaseOptions = {},
): Promise<DatabaseHandle> {
  const location = parseDatabaseUrl(url);
  switch (location.kind) {
    case 'sqlite':
      return openSqliteDatabase(location.path, options);
    case 'postgres':
      return openPostgresDatabase(location.connectionString, options);
  }
}
