import type { DatabaseOptions } from './database.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import {
  openSqliteDatabase,
  sqliteDatabaseHandle,
  type SqliteDriverDatabase,
} from './sqlite-database.js';

/** The embedded store: one SQLite file (or memory), one connection, writers queue. */
export class SqliteStore extends KyselyStore {
  /** Opens or creates the file at `path` (an absolute path, or `:memory:`); does not migrate. */
  static async open(
    path: string,
    options?: KyselyStoreOptions & DatabaseOptions,
  ): Promise<SqliteStore> {
    return new SqliteStore(await openSqliteDatabase(path, options), options);
  }

  /** Wraps an already open database, e.g. `SqliteStore.fromDriver(new BetterSqlite3(file))`. */
  static fromDriver(database: SqliteDriverDatabase, options?: KyselyStoreOptions): SqliteStore {
    return new SqliteStore(sqliteDatabaseHandle(database), options);
  }
}
