import type { DatabaseOptions } from './database.js';
import { parseDatabaseUrl } from './database-url.js';
import type { KyselyStoreOptions } from './kysely-store.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the store a `GALETTE_DB` URL names (`sqlite:./data/galette.db`, `sqlite::memory:`,
 * `postgres://…`). It does not migrate: callers run `migrate()` and act on its result.
 */
export async function openStore(
  url: string,
  options?: KyselyStoreOptions & DatabaseOptions,
): Promise<Store> {
  const location = parseDatabaseUrl(url);
  switch (location.kind) {
    case 'sqlite':
      return SqliteStore.open(location.path, options);
    case 'postgres':
      return PostgresStore.open(location.connectionString, options);
  }
}
