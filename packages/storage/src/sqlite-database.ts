import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import type { Database, DatabaseHandle, DialectCapabilities } from './database.js';
import { SQLITE_MEMORY } from './database-url.js';

/** The part of a better-sqlite3 `Database` Galette needs; any object with this shape will do. */
export interface SqliteDriverDatabase extends SqliteDatabase {
  readonly open: boolean;
  /** The file it was opened on, as given; without it, appends stay on the calling thread. */
  readonly name?: string;
  /** True for a database in memory, which no other connection can open. */
  readonly memory?: boolean;
  pragma(source: string): unknown;
}

interface SqliteHandleState {
  readonly database: SqliteDriverDatabase;
  /** Run before the connection closes: helpers that hold connections of their own let go. */
  readonly beforeClose: Set<() => Promise<void>>;
}

/**
 * The driver object behind each SQLite handle, for the code paths that bypass the query builder
 * (the consent append). Kept off the handle so the public type stays driver-free.
 */
const handles = new WeakMap<DatabaseHandle, SqliteHandleState>();

/** The synchronous connection of a handle made by `sqliteDatabaseHandle`; undefined otherwise. */
export function sqliteConnectionOf(handle: DatabaseHandle): SqliteDriverDatabase | undefined {
  return handles.get(handle)?.database;
}

/**
 * Has `release` run when `handle` closes, before its own connection does: for code that opens
 * connections of its own to the same file (the consent append thread).
 */
export function beforeSqliteClose(handle: DatabaseHandle, release: () => Promise<void>): void {
  handles.get(handle)?.beforeClose.add(release);
}

export const SQLITE_CAPABILITIES: DialectCapabilities = {
  returning: true,
  forUpdate: false,
  readOnlySetting: false,
};

/** How long a writer waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Wraps an open SQLite database. Write-ahead logging lets readers run beside the writer;
 * `synchronous=FULL` makes every commit durable, which consent proofs require.
 */
export function sqliteDatabaseHandle(
  database: SqliteDriverDatabase,
  options: { readonly lockTimeoutMs?: number } = {},
): DatabaseHandle {
  configureSqliteConnection(database, options.lockTimeoutMs);
  const db = new Kysely<Database>({ dialect: new WriteLockingSqliteDialect({ database }) });
  const beforeClose = new Set<() => Promise<void>>();
  const close = async () => {
    await Promise.all([...beforeClose].map((release) => release()));
    beforeClose.clear();
    await db.destroy();
    // Kysely only closes a driver it has used; an unused handle must close the file too.
    if (database.open) database.close();
  };
  const handle: DatabaseHandle = { db, kind: 'sqlite', capabilities: SQLITE_CAPABILITIES, close };
  handles.set(handle, { database, beforeClose });
  return handle;
}

/** The settings every Galette connection to a SQLite file runs with, whichever thread owns it. */
export function configureSqliteConnection(
  database: Pick<SqliteDriverDatabase, 'pragma'>,
  lockTimeoutMs = BUSY_TIMEOUT_MS,
): void {
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(lockTimeoutMs))}`);
}

/** Opens or creates the SQLite file at `path` (its directory too), or `:memory:`. */
export async function openSqliteDatabase(
  path: string,
  options: { readonly lockTimeoutMs?: number } = {},
): Promise<DatabaseHandle> {
  if (path !== SQLITE_MEMORY) mkdirSync(dirname(path), { recursive: true });
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const timeout = options.lockTimeoutMs ?? BUSY_TIMEOUT_MS;
  return sqliteDatabaseHandle(new BetterSqlite3(path, { timeout }), { lockTimeoutMs: timeout });
}

/**
 * SQLite has no row locks. A plain `BEGIN` takes the write lock only at the first write, so two
 * processes that both read then write (publish reads the latest revision number first) would
 * fail with SQLITE_BUSY instead of queueing; `BEGIN IMMEDIATE` makes writers queue from the
 * start, under `busy_timeout`.
 */
class WriteLockingSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const begin = settings?.accessMode === 'read only' ? 'begin deferred' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }
}

class WriteLockingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new WriteLockingSqliteDriver(this.#config);
  }
}
