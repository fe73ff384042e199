import { GaletteError, UnavailableError, type Translator } from '@galette/core';
import {
  openStore,
  redactPassword,
  type DatabaseOptions,
  type MigrationResult,
  type Store,
} from '@galette/storage';

/**
 * Opens the store and brings its schema up to date, as `serve` does, so every command works on a
 * fresh database. A failed migration is a runtime error naming the step; a database that does
 * not answer is named as such (password hidden).
 */
export async function openMigratedStore(
  url: string,
  t: Translator,
  options?: DatabaseOptions,
): Promise<Store> {
  const store = await openStore(url, options);
  const result = await store.migrate().catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  if (result.error) {
    await store.close();
    const message = migrationFailure(url, result.error, t);
    throw result.error.unavailable
      ? new UnavailableError(message)
      : new GaletteError('storage', message);
  }
  return store;
}

/** How a failed `migrate()` is told: the unreachable database, or the step that failed. */
export function migrationFailure(
  url: string,
  error: NonNullable<MigrationResult['error']>,
  t: Translator,
): string {
  return error.unavailable
    ? t('server.cli.databaseUnavailable', { database: redactPassword(url), message: error.message })
    : t('server.cli.migrationFailed', { migration: error.migration, message: error.message });
}

/** Runs `work` with a migrated store and always closes it. */
export async function withStore<T>(
  url: string,
  t: Translator,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openMigratedStore(url, t);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
