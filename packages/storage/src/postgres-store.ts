import type { DatabaseOptions } from './database.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import {
  openPostgresDatabase,
  postgresDatabaseHandle,
  type PostgresDriverPool,
} from './postgres-database.js';

/** The shared store: a PostgreSQL pool that any number of stateless server nodes use at once. */
export class PostgresStore extends KyselyStore {
  /** Opens a pool on a `postgres://` connection string; does not connect or migrate yet. */
  static async open(
    connectionString: string,
    options?: KyselyStoreOptions & DatabaseOptions,
  ): Promise<PostgresStore> {
    return new PostgresStore(await openPostgresDatabase(connectionString, options), options);
  }

  /** Wraps an existing pool (`PostgresStore.fromDriver(new pg.Pool(config))`); closing ends it. */
  static fromDriver(pool: PostgresDriverPool, options?: KyselyStoreOptions): PostgresStore {
    return new PostgresStore(postgresDatabaseHandle(pool), options);
  }
}
