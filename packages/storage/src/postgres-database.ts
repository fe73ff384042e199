import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { Database, DatabaseHandle, DialectCapabilities } from './database.js';

/** The part of a pg `Pool` Galette needs; any object with this shape will do. */
export interface PostgresDriverPool extends PostgresPool {
  readonly ended: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'connect', listener: (client: PostgresDriverClient) => void): unknown;
}

/** The part of a pg `Client` the handle touches: its error events. */
export interface PostgresDriverClient {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** How long Galette waits on PostgreSQL; every wait is bounded (see docs/configuration.md). */
export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one in the pool; default 2 000 ms. */
  readonly connectTimeoutMs?: number;
  /**
   * One statement: the server cancels it past this (`statement_timeout`), and the client gives
   * up one second later if no answer came at all (a silent network); default 5 000 ms.
   */
  readonly queryTimeoutMs?: number;
  /** Most connections per process; default 10. */
  readonly maxConnections?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
export const DEFAULT_QUERY_TIMEOUT_MS = 5000;
/** Margin of the client-side wait over `statement_timeout`, so the server's cancel comes first. */
const CLIENT_WAIT_MARGIN_MS = 1000;

/**
 * The pool behind each PostgreSQL handle, for the code paths that bypass the query builder (the
 * consent append's prepared statements). Kept off the handle so its public type stays driver-free.
 */
const pools = new WeakMap<DatabaseHandle, PostgresDriverPool>();

/** The pool of a handle made by `postgresDatabaseHandle`; undefined otherwise. */
export function postgresPoolOf(handle: DatabaseHandle): PostgresDriverPool | undefined {
  return pools.get(handle);
}

export const POSTGRES_CAPABILITIES: DialectCapabilities = {
  returning: true,
  forUpdate: true,
  readOnlySetting: true,
};

const INT8_OID = 20;

/** Wraps a connection pool; closing the handle ends the pool. */
export function postgresDatabaseHandle(pool: PostgresDriverPool): DatabaseHandle {
  // An idle client whose server went away makes the pool emit 'error', which would crash the
  // process if nobody listened. The pool has already dropped that client; the next query opens
  // a new one or fails where a caller can see it.
  pool.on('error', () => undefined);
  // A checked-out client has no listener of the pool's: a connection terminated between two
  // queries of a transaction (pg_terminate_backend, a failover) would emit an unhandled 'error'
  // and end the process. With this one, the query in progress or the next one fails instead
  // (an outage, 503), and the pool drops the client when it comes back unqueryable.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = async () => {
    await db.destroy();
    // Kysely only ends a pool it has used; an unused handle must end it too, so that later
    // queries fail instead of quietly connecting again.
    if (!pool.ended) await pool.end();
  };
  const handle: DatabaseHandle = {
    db,
    kind: 'postgres',
    capabilities: POSTGRES_CAPABILITIES,
    close,
  };
  pools.set(handle, pool);
  return handle;
}

/** Opens a pool on `connectionString`; connections are made lazily, on first query. */
export async function openPostgresDatabase(
  connectionString: string,
  timeouts: PostgresTimeouts = {},
): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const queryTimeout = timeouts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: timeouts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    max: timeouts.maxConnections ?? 10,
    statement_timeout: queryTimeout,
    query_timeout: queryTimeout + CLIENT_WAIT_MARGIN_MS,
    // A peer gone without a word (a partition, a crashed host) is noticed by the kernel.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Per pool rather than pg's global registry, so other pg users in the process are unaffected.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? parseInt8
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return postgresDatabaseHandle(pool);
}

/** `count(*)` and `bigint` columns arrive as int8 text: a number when exact, else a bigint. */
function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}
