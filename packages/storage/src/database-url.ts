import { isAbsolute, resolve } from 'node:path';
import { GaletteError } from '@galette/core';

/** Where a `GALETTE_DB` URL points. */
export type DatabaseLocation =
  | { readonly kind: 'sqlite'; /** Absolute file path, or `:memory:`. */ readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string };

export const SQLITE_MEMORY = ':memory:';

const ACCEPTED_FORMS =
  'sqlite:./data/galette.db (relative to the working directory), sqlite:/absolute/path.db, ' +
  'sqlite::memory:, postgres://user:password@host:5432/database or postgresql://…';

/**
 * Reads a `GALETTE_DB` URL. Relative SQLite paths resolve against `cwd`, so the same URL means
 * the same file for every command run from the same directory.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseLocation {
  const trimmed = url.trim();
  if (/^postgres(?:ql)?:\/\//i.test(trimmed)) {
    return { kind: 'postgres', connectionString: trimmed };
  }
  if (/^sqlite:/i.test(trimmed)) {
    const path = trimmed.slice('sqlite:'.length);
    if (path === SQLITE_MEMORY) return { kind: 'sqlite', path };
    // `sqlite://…` would read as a host name to most people; refuse it rather than guess.
    if (path !== '' && !path.startsWith('//')) {
      return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
    }
  }
  throw new GaletteError(
    'invalid_input',
    `GALETTE_DB: unsupported database URL "${redactPassword(trimmed)}"; expected ${ACCEPTED_FORMS}`,
  );
}

/** Whether `parseDatabaseUrl` reads this URL (for callers that say where a bad one came from). */
export function isDatabaseUrl(url: string): boolean {
  try {
    parseDatabaseUrl(url);
    return true;
  } catch {
    return false;
  }
}

/** The URL with any password replaced, fit for logs and error messages. */
export function redactPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*:)[^/@]*@/i, '$1***@');
}
