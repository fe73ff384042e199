import { GaletteError, StorageError, UnavailableError } from '@galette/core';

/** Socket errors of a database server that is down, restarting or out of reach. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs of a server that cannot take the work now, by class: 08 connection
 * exceptions, 53 insufficient resources (too many connections, out of memory or disk), 57
 * operator intervention (admin or crash shutdown, starting up, a statement cancelled by
 * `statement_timeout`), 58 system errors (I/O). Single codes of other classes: a database
 * refusing connections (`ALTER DATABASE … ALLOW_CONNECTIONS false`, 55000), a lock wait past
 * `lock_timeout` (55P03), a write to a read-only server (25006: a demoted primary, a standby,
 * `default_transaction_read_only`).
 */
const POSTGRES_UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58']);
const POSTGRES_UNAVAILABLE = new Set(['55000', '55P03', '25006']);

/**
 * What node-postgres says, without a code, when a connection dies, the pool cannot open one in
 * time, or a query's answer does not come back within `query_timeout` (a silent network).
 */
const POSTGRES_CONNECTION_LOST =
  /^Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|^Query read timeout|Client was closed and is not queryable/;

/**
 * A driver failure as Galette reports it: `UnavailableError` when the database could not be
 * reached or stayed locked by another writer past the wait (the caller may retry), otherwise
 * `StorageError`. Galette's own errors pass through unchanged. `label` names the store and the
 * operation, e.g. `postgres consent log: append`.
 */
export function storageFailure(label: string, error: unknown): GaletteError {
  if (error instanceof GaletteError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const message = `${label} failed: ${reason}`;
  return isUnavailable(error)
    ? new UnavailableError(message, { cause: error })
    : new StorageError(message, { cause: error });
}

/** Whether a driver failure means the database could not be reached or stayed locked. */
export function isUnavailable(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (error === null || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (UNREACHABLE.has(code) || POSTGRES_UNAVAILABLE.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_UNAVAILABLE_CLASSES.has(code.slice(0, 2))) {
      return true;
    }
    // SQLite: another connection kept the write lock past busy_timeout (or a WAL recovery ran).
    if (code.startsWith('SQLITE_BUSY')) return true;
  }
  if (typeof message === 'string' && POSTGRES_CONNECTION_LOST.test(message)) {
    return true;
  }
  // Node reports a host name that resolves to several addresses, all refused, as one AggregateError.
  if (Array.isArray(errors) && errors.some((e) => unavailable(e, depth + 1))) return true;
  return unavailable(cause, depth + 1);
}
