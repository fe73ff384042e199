import type { Translator } from '@galette/core';
import type { DatabaseOptions } from '@galette/storage';
import { UsageError } from './command.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Shortest `GALETTE_SECRET` accepted: 32 bytes, a key as strong as the HMAC-SHA-256 it keys. */
export const MIN_SECRET_BYTES = 32;

/**
 * How long `galette serve` lets the database keep it waiting, from the environment (milliseconds):
 * - `GALETTE_DB_CONNECT_TIMEOUT` (2 000): PostgreSQL, opening a connection or waiting for a free one;
 * - `GALETTE_DB_QUERY_TIMEOUT` (5 000): PostgreSQL, one statement (`statement_timeout`);
 * - `GALETTE_DB_LOCK_TIMEOUT` (50): SQLite, how long a write on the server's own thread waits for
 *   another connection's write lock, holding the event loop meanwhile, before a 503. Consents are
 *   written from a thread of their own (which waits up to the consent deadline), so this only
 *   bounds back-office writes, or consents when `GALETTE_CONSENT_APPEND_THREAD=0`. Reads never
 *   wait on a writer (write-ahead log).
 */
export function databaseOptions(env: Env, t: Translator): DatabaseOptions {
  return {
    connectTimeoutMs: milliseconds(env, 'GALETTE_DB_CONNECT_TIMEOUT', 2000, 100, 600_000, t),
    queryTimeoutMs: milliseconds(env, 'GALETTE_DB_QUERY_TIMEOUT', 5000, 100, 3_600_000, t),
    lockTimeoutMs: milliseconds(env, 'GALETTE_DB_LOCK_TIMEOUT', 50, 0, 60_000, t),
  };
}

/** A duration setting in milliseconds, `fallback` when unset; names the variable when wrong. */
export function milliseconds(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  t: Translator,
): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    throw new UsageError(
      t('consent.cli.badSetting', { name, value, expected: `${min}–${max} ms` }),
    );
  }
  return n;
}

/**
 * `GALETTE_SECRET` as `galette serve` takes it: undefined when unset (the caller draws a random
 * one), refused when shorter than 32 bytes, which a guess or a dictionary could find.
 */
export function checkedSecret(env: Env, t: Translator): string | undefined {
  const secret = env.GALETTE_SECRET;
  if (!secret) return undefined;
  const length = Buffer.byteLength(secret, 'utf8');
  if (length < MIN_SECRET_BYTES) {
    throw new UsageError(t('operations.secret.tooShort', { length, min: MIN_SECRET_BYTES }));
  }
  return secret;
}
