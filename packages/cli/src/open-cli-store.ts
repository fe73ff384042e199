import { GaletteError, type Translator } from '@galette/core';
import { openStore, type Store } from '@galette/storage';

/**
 * Opens the store and brings its schema up to date, as `serve` does, so every command works on a
 * fresh database. A failed migration is a runtime error naming the step.
 */
export async function openMigratedStore(url: string, t: Translator): Promise<Store> {
  const store = await openStore(url);
  const result = await store.migrate().catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  if (result.error) {
    await store.close();
    throw new GaletteError('storage', t('server.cli.migrationFailed', result.error));
  }
  return store;
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
