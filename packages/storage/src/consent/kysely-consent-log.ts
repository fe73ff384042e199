import { resolve } from 'node:path';
import {
  LocalizedError,
  ChainVerifier,
  GaletteError,
  UnavailableError,
  type ChainPoint,
  type ChainVerification,
  type ConsentRecord,
} from '@galette/core';
import type { Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '../database.js';
import { nodeSha256Hex } from '../node-sha256-hex.js';
import { appendBatch } from './append-batch.js';
import type {
  BannerViewCount,
  ConsentAppend,
  ConsentAppendResult,
  ConsentChainState,
  ConsentDailyStats,
  ConsentLog,
  ConsentPurgeResult,
  ConsentReadOptions,
  ConsentSummary,
  ConsentSummaryQuery,
  ConsentTimeRange,
} from './consent-log.js';
import { recordFromRow } from './consent-rows.js';
import { readDailyStats } from './consent-stats.js';
import { addBannerViews, readBannerViews } from './banner-views.js';
import { readConsentSummary } from './consent-summary.js';
import { SummaryCache } from './summary-cache.js';
import { GroupCommitQueue } from './group-commit-queue.js';
import { isPortalGone, type AppendBatchContext } from './link-batch.js';
import { PostgresConsentAppender, type PostgresRawPool } from './postgres-consent-appender.js';
import { SqliteAppendThread } from './sqlite-append-thread.js';
import { SqliteConsentAppender } from './sqlite-consent-appender.js';
import { postgresPoolOf } from '../postgres-database.js';
import { isUnavailable, storageFailure } from '../storage-failure.js';
import { beforeSqliteClose, sqliteConnectionOf } from '../sqlite-database.js';

export interface ConsentLogOptions {
  /** Server clock for `recordedAt`; tests pin it. */
  readonly now?: () => Date;
  /** How long a choice holds before the visitor is asked again; 6 months by default (CNIL). */
  readonly consentLifetimeMonths?: number;
  /** Most appends in one transaction. */
  readonly maxBatch?: number;
  /** Rows read per query when streaming records. */
  readonly pageSize?: number;
  /** Most records one purge transaction deletes (10,000 by default). */
  readonly purgeBatch?: number;
  /**
   * On a SQLite file, `true` runs appends on a worker thread with a connection of its own, so
   * that neither their transactions nor the disk syncs after them hold the event loop. It costs
   * 12–60 µs more CPU per consent (messages both ways, a second connection) and a fifth of the
   * throughput on a fast disk (`bench/consent-api.mjs`); it pays where the disk syncs slowly.
   * Default `false`: appends run on the calling thread, one transaction per group commit.
   */
  readonly appendThread?: boolean;
  /**
   * Longest wait of an append, from its call to its answer: past it, the append fails with
   * `UnavailableError` (a 503 for the consent API) even if the database never answers. Its batch
   * may still commit later; a retry of the same event then gets the stored record. Default: none
   * (the server sets one, see `ConsentApiOptions.batchDeadlineMs`).
   */
  readonly batchDeadlineMs?: number;
  /** Told the number of appends each group commit writes together (for metrics). */
  readonly onBatch?: (size: number) => void;
  /**
   * Refuse (`gone`) appends for portals the store does not know, as well as for archived ones
   * (always refused), checked under the portal's lock. The server sets it; tests of the log
   * alone, which have no portals, leave it off.
   */
  readonly refuseUnknownPortals?: boolean;
}

const DEFAULT_HISTORY_LIMIT = 500;
const APPEND_THREAD_IN_FLIGHT = 2;

/**
 * The consent log over the store's own database handle. Appends are group-committed: the
 * promises of every append in a batch resolve after that batch's COMMIT, which on SQLite
 * (`synchronous=FULL`) has synced the write-ahead log, or with the append thread once its own
 * sync of the log has (see `SqliteAppendThread`): an acknowledged record is on disk.
 */
export class KyselyConsentLog implements ConsentLog {
  readonly #database: DatabaseHandle;
  readonly #now: () => Date;
  readonly #lifetimeMonths: number;
  readonly #refuseUnknownPortals: boolean;
  readonly #pageSize: number;
  readonly #purgeBatch: number;
  readonly #queue: GroupCommitQueue<ConsentAppend, ConsentAppendResult>;
  /** On SQLite, the append skips the query builder (see `SqliteConsentAppender`). */
  readonly #sqlite: SqliteConsentAppender | undefined;
  /** On a SQLite file, the same append on a thread of its own (see `SqliteAppendThread`). */
  readonly #thread: SqliteAppendThread | undefined;
  /** On PostgreSQL, prepared statements on a pool connection (see `PostgresConsentAppender`). */
  readonly #postgres: PostgresConsentAppender | undefined;
  readonly #summaries: SummaryCache;

  constructor(database: DatabaseHandle, options: ConsentLogOptions = {}) {
    this.#database = database;
    this.#now = options.now ?? (() => new Date());
    this.#lifetimeMonths = options.consentLifetimeMonths ?? 6;
    this.#refuseUnknownPortals = options.refuseUnknownPortals === true;
    this.#pageSize = options.pageSize ?? 1000;
    this.#purgeBatch = options.purgeBatch ?? 10_000;
    this.#summaries = new SummaryCache((query) => readConsentSummary(this.#db, query), this.#now);
    const connection = sqliteConnectionOf(database);
    const file = connection?.memory === false ? connection.name : undefined;
    if (file !== undefined && options.appendThread === true) {
      const thread = new SqliteAppendThread(resolve(file), {
        refuseUnknownPortals: options.refuseUnknownPortals === true,
      });
      this.#thread = thread;
      beforeSqliteClose(database, async () => {
        await this.drain();
        await thread.close();
      });
    } else {
      this.#sqlite = connection && new SqliteConsentAppender(connection);
    }
    const pool = postgresPoolOf(database);
    // pg's pool client takes the query objects the appender sends; Kysely's type only knows text.
    this.#postgres = pool && new PostgresConsentAppender(pool as unknown as PostgresRawPool);
    this.#queue = new GroupCommitQueue((items) => this.#flush(items), {
      maxBatch: options.maxBatch ?? 512,
      // The append thread takes batches one after the other; handing it the next while one
      // commits keeps it from waiting on this thread in between.
      maxInFlight: this.#thread ? APPEND_THREAD_IN_FLIGHT : 1,
      ...deadline(options.batchDeadlineMs ?? 0),
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    });
  }

  get #db(): Kysely<Database> {
    return this.#database.db;
  }

  async append(input: ConsentAppend): Promise<ConsentAppendResult> {
    const result = await this.#queue.enqueue(input);
    if (isPortalGone(result)) {
      throw new LocalizedError('gone', 'portals.error.gone', { portalId: input.portalId });
    }
    return result;
  }

  drain(): Promise<void> {
    return this.#queue.drain();
  }

  history(portalId: string, consentId: string, limit = DEFAULT_HISTORY_LIMIT) {
    return this.#run('history', async () => {
      const rows = await this.#db
        .selectFrom('consent_records')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('consent_id', '=', consentId)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map(recordFromRow);
    });
  }

  recordAt(portalId: string, seq: number): Promise<ConsentRecord | undefined> {
    return this.#run('recordAt', async () => {
      const row = await this.#db
        .selectFrom('consent_records')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row && recordFromRow(row);
    });
  }

  portals(): Promise<string[]> {
    return this.#run('portals', async () => {
      const rows = await this.#db.selectFrom('consent_chains').select('portal_id').execute();
      return rows.map((r) => r.portal_id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    });
  }

  chain(portalId: string): Promise<ConsentChainState | undefined> {
    return this.#run('chain', () => readChain(this.#db, portalId));
  }

  async *records(
    portalId: string,
    range: ConsentTimeRange = {},
    options: ConsentReadOptions = {},
  ): AsyncIterable<ConsentRecord> {
    if (options.shareConnection) {
      const chain = await this.chain(portalId);
      if (chain) yield* this.#pages(this.#db, portalId, range, chain.head.seq);
      return;
    }
    const trx = await this.#snapshot();
    try {
      yield* this.#pages(trx, portalId, range);
      await trx.commit().execute();
    } finally {
      if (!trx.isCommitted) await trx.rollback().execute();
    }
  }

  verify(portalId: string, options: ConsentReadOptions = {}): Promise<ChainVerification> {
    if (options.shareConnection) {
      return this.#run('verify', async () => {
        const first = await this.#verifyInPages(portalId);
        if (first.verification.ok) return first.verification;
        // A purge that ran meanwhile looks like removed records: read again from its checkpoint.
        const chain = await readChain(this.#db, portalId);
        if (chain?.checkpoint?.seq === first.checkpointSeq) return first.verification;
        return (await this.#verifyInPages(portalId)).verification;
      });
    }
    return this.#run('verify', async () => {
      const trx = await this.#snapshot();
      try {
        const chain = await readChain(trx, portalId);
        const verifier = new ChainVerifier({
          sha256Hex: nodeSha256Hex,
          ...(chain ? { head: chain.head } : {}),
          ...(chain?.checkpoint ? { checkpoint: chain.checkpoint } : {}),
        });
        for await (const record of this.#pages(trx, portalId, {})) {
          if (verifier.push(record)) break;
        }
        return verifier.finish();
      } finally {
        await trx.rollback().execute();
      }
    });
  }

  async #verifyInPages(portalId: string) {
    const chain = await readChain(this.#db, portalId);
    const verifier = new ChainVerifier({
      sha256Hex: nodeSha256Hex,
      ...(chain ? { head: chain.head } : {}),
      ...(chain?.checkpoint ? { checkpoint: chain.checkpoint } : {}),
    });
    if (chain) {
      for await (const record of this.#pages(this.#db, portalId, {}, chain.head.seq)) {
        if (verifier.push(record)) break;
      }
    }
    return { verification: verifier.finish(), checkpointSeq: chain?.checkpoint?.seq };
  }

  /**
   * Deletes the chain's prefix recorded before `before`, at most `purgeBatch` records per
   * transaction: each moves the checkpoint forward, so the chain verifies after every one, and no
   * transaction holds the write lock for long (on SQLite, appends of the server wait for it).
   */
  async purge(
    portalId: string,
    before: Date,
    options: { readonly dryRun?: boolean } = {},
  ): Promise<ConsentPurgeResult> {
    let purged = 0;
    for (;;) {
      const step = await this.#run('purge', () =>
        this.#db
          .transaction()
          .execute((trx) => this.#purgeStep(trx, portalId, before, options.dryRun ?? false)),
      );
      purged += step.purged;
      if (!step.more) {
        return { portalId, purged, ...(step.checkpoint ? { checkpoint: step.checkpoint } : {}) };
      }
    }
  }

  async #purgeStep(
    trx: Kysely<Database>,
    portalId: string,
    before: Date,
    dryRun: boolean,
  ): Promise<{ purged: number; checkpoint?: ChainPoint; more: boolean }> {
    let lock = trx.selectFrom('consent_chains').selectAll().where('portal_id', '=', portalId);
    if (this.#database.capabilities.forUpdate) lock = lock.forUpdate();
    const chain = await lock.executeTakeFirst();
    if (!chain) return { purged: 0, more: false };
    const kept = await trx
      .selectFrom('consent_records')
      .select('seq')
      .where('portal_id', '=', portalId)
      .where('recorded_at', '>=', before.toISOString())
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    // Only a prefix of the chain goes, so what remains continues from one checkpoint.
    const end = kept ? Number(kept.seq) - 1 : Number(chain.head_seq);
    const previous =
      chain.checkpoint_seq === null || chain.checkpoint_hash === null
        ? undefined
        : { seq: Number(chain.checkpoint_seq), hash: chain.checkpoint_hash };
    const from = previous?.seq ?? 0;
    if (end <= from)
      return { purged: 0, more: false, ...(previous ? { checkpoint: previous } : {}) };
    const upTo = dryRun ? end : Math.min(end, from + this.#purgeBatch);
    const last = await trx
      .selectFrom('consent_records')
      .select(['seq', 'hash'])
      .where('portal_id', '=', portalId)
      .where('seq', '<=', upTo)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const checkpoint = { seq: Number(last.seq), hash: last.hash };
    if (dryRun) {
      const { count } = await trx
        .selectFrom('consent_records')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('portal_id', '=', portalId)
        .where('seq', '<=', upTo)
        .executeTakeFirstOrThrow();
      return { purged: Number(count), checkpoint, more: false };
    }
    const deleted = await trx
      .deleteFrom('consent_records')
      .where('portal_id', '=', portalId)
      .where('seq', '<=', upTo)
      .executeTakeFirst();
    await trx
      .updateTable('consent_chains')
      .set({
        checkpoint_seq: checkpoint.seq,
        checkpoint_hash: checkpoint.hash,
        checkpoint_at: this.#now().toISOString(),
      })
      .where('portal_id', '=', portalId)
      .execute();
    return { purged: Number(deleted.numDeletedRows), checkpoint, more: upTo < end };
  }

  dailyStats(portalId: string, from: string, to: string): Promise<ConsentDailyStats[]> {
    return this.#run('dailyStats', () => readDailyStats(this.#db, portalId, from, to));
  }

  summary(query: ConsentSummaryQuery): Promise<ConsentSummary> {
    return this.#run('summary', () => this.#summaries.summary(query));
  }

  addBannerViews(counts: readonly BannerViewCount[]): Promise<void> {
    if (counts.length === 0) return Promise.resolve();
    for (const c of counts) this.#summaries.wrote(c.day);
    return this.#run('addBannerViews', () => addBannerViews(this.#db, counts));
  }

  bannerViews(portalId: string, from: string, to: string): Promise<BannerViewCount[]> {
    return this.#run('bannerViews', () => readBannerViews(this.#db, portalId, from, to));
  }

  async #flush(items: readonly ConsentAppend[]): Promise<(ConsentAppendResult | Error)[]> {
    try {
      return await this.#appendInTransaction(items);
    } catch (error) {
      // An outage fails every append alike: retrying them one by one would only wait longer.
      if (items.length === 1 || isUnavailable(error)) {
        const failure = this.#storageError('append', error);
        return items.map(() => failure);
      }
      // One bad append must not sink the others: retry them one by one.
      const results: (ConsentAppendResult | Error)[] = [];
      for (const item of items) {
        try {
          results.push(...(await this.#appendInTransaction([item])));
        } catch (itemError) {
          results.push(this.#storageError('append', itemError));
        }
      }
      return results;
    }
  }

  #appendInTransaction(items: readonly ConsentAppend[]): Promise<ConsentAppendResult[]> {
    const context: AppendBatchContext = {
      forUpdate: this.#database.capabilities.forUpdate,
      now: this.#now(),
      consentLifetimeMonths: this.#lifetimeMonths,
      sha256Hex: nodeSha256Hex,
      refuseUnknownPortals: this.#refuseUnknownPortals,
    };
    this.#summaries.wrote(context.now.toISOString().slice(0, 10));
    if (this.#thread) {
      return this.#thread.append(items, context.now, context.consentLifetimeMonths);
    }
    const sqlite = this.#sqlite;
    if (sqlite) {
      // Holding Kysely's connection keeps its own transactions (publish, purge) off it meanwhile.
      return this.#db.connection().execute(async () => sqlite.append(items, context));
    }
    if (this.#postgres) return this.#postgres.append(items, context);
    return this.#db.transaction().execute((trx) => appendBatch(trx, items, context));
  }

  /**
   * A read-only snapshot: the head, the checkpoint and every page agree even while appends and
   * purges go on. On SQLite it holds the connection, so use it from a process of its own (the
   * CLI), not beside appends in the same process.
   */
  #snapshot() {
    return this.#db
      .startTransaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute();
  }

  async *#pages(
    db: Kysely<Database>,
    portalId: string,
    range: ConsentTimeRange,
    upTo?: number,
  ): AsyncGenerator<ConsentRecord> {
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      let query = db
        .selectFrom('consent_records')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('seq', '>', after);
      if (upTo !== undefined) query = query.where('seq', '<=', upTo);
      if (range.from !== undefined) query = query.where('recorded_at', '>=', range.from);
      if (range.to !== undefined) query = query.where('recorded_at', '<=', range.to);
      const rows = await query.orderBy('seq').limit(this.#pageSize).execute();
      for (const row of rows) yield recordFromRow(row);
      if (rows.length < this.#pageSize) return;
      after = Number(rows.at(-1)!.seq);
    }
  }

  async #run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.#storageError(operation, error);
    }
  }

  #storageError(operation: string, error: unknown): GaletteError {
    return storageFailure(`${this.#database.kind} consent log: ${operation}`, error);
  }
}

async function readChain(
  db: Kysely<Database>,
  portalId: string,
): Promise<ConsentChainState | undefined> {
  const row = await db
    .selectFrom('consent_chains')
    .selectAll()
    .where('portal_id', '=', portalId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    portalId,
    head: { seq: Number(row.head_seq), hash: row.head_hash },
    ...(row.checkpoint_seq !== null && row.checkpoint_hash !== null
      ? {
          checkpoint: {
            seq: Number(row.checkpoint_seq),
            hash: row.checkpoint_hash,
            purgedAt: row.checkpoint_at ?? '',
          },
        }
      : {}),
  };
}

/** The consent log of an open database (e.g. `KyselyStore.database`), migrated by the store. */
function deadline(ms: number) {
  if (!(ms > 0)) return {};
  return {
    deadlineMs: ms,
    late: () => new UnavailableError(`consent log: append did not finish within ${ms} ms`),
  };
}

export function openConsentLog(
  database: DatabaseHandle,
  options?: ConsentLogOptions,
): KyselyConsentLog {
  return new KyselyConsentLog(database, options);
}
