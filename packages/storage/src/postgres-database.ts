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
export function postgresDatabaseHandle(
  pool: PostgresDriverPool,
  listen?: DatabaseHandle['listen'],
): DatabaseHandle {
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
    ...(listen ? { listen } : {}),
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
  const listen: DatabaseHandle['listen'] = (channel, onPayload) =>
    listenOn(
      () =>
        new pg.Client({
          connectionString,
          connectionTimeoutMillis: timeouts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          keepAlive: true,
          keepAliveInitialDelayMillis: 10_000,
        }),
      channel,
      onPayload,
    );
  return postgresDatabaseHandle(pool, listen);
}

/** The part of `pg.Client` a listener uses. */
interface ListeningClient {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', fn: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', fn: () => void): void;
}

/** How long a lost listener waits before connecting again. */
const RELISTEN_DELAY_MS = 1_000;

/**
 * `LISTEN channel` on a connection of its own, kept open: when it is lost (a restart, a
 * failover), it connects again after a second, for as long as it is not stopped. Notifications
 * sent meanwhile are lost: callers keep a TTL as the fallback.
 */
async function listenOn(
  client: () => ListeningClient,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let stopped = false;
  let current: ListeningClient | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const retry = () => {
    current = undefined;
    if (!stopped) timer = setTimeout(() => void connect(), RELISTEN_DELAY_MS);
  };
  const connect = async (): Promise<void> => {
    const c = client();
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      void c.end().catch(() => undefined);
      retry();
    };
    c.on('error', onLost);
    c.on('end', onLost);
    c.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
      if (stopped) await c.end();
      else current = c;
    } catch {
      onLost();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current?.end().catch(() => undefined);
  };
}

/** `count(*)` and `bigint` columns arrive as int8 text: a number when exact, else a bigint. */
function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}
