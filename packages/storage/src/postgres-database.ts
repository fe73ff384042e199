import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { Database, DatabaseHandle, DialectCapabilities } from './database.js';

/** The part of a pg `Pool` Galette needs; any object with this shape will do. */
export interface PostgresDriverPool extends PostgresPool {
  readonly ended: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The pool behind each PostgreSQL handle, for the code paths that bypass the query builder (the
 * consent append's prepared statements). Kept off the handle so its public type stays driver-free.
 */
const pools = new WeakMap<DatabaseHandle, PostgresDriverPool>();

/** The pool of a handle made by `postgresDatabaseHandle`; undefined otherwise. */
export function postgresPoolOf(handle: DatabaseHandle): PostgresDriverPool | undefined {
  return pools.get(handle);
}

export const POSTGRES_CAPABILITIES: DialectCapabilities = { returning: true, forUpdate: true };

const INT8_OID = 20;
const CONNECTION_TIMEOUT_MS = 10_000;

/** Wraps a connection pool; closing the handle ends the pool. */
export function postgresDatabaseHandle(pool: PostgresDriverPool): DatabaseHandle {
  // An idle client whose server went away makes the pool emit 'error', which would crash the
  // process if nobody listened. The pool has already dropped that client; the next query opens
  // a new one or fails where a caller can see it.
  pool.on('error', () => undefined);
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
export async function openPostgresDatabase(connectionString: string): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
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
