import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { nodeSha256Hex } from '../node-sha256-hex.js';
import { BUSY_TIMEOUT_MS, configureSqliteConnection } from '../sqlite-database.js';
import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';
import type { AppendReply, AppendRequest, AppendThreadData } from './sqlite-append-thread.js';
import { SqliteConsentAppender } from './sqlite-consent-appender.js';
import { WalSyncer } from './wal-syncer.js';

/**
 * The consent append thread: its own connection to the database file, on which batches run as
 * transactions, so that neither their work nor an occasional WAL checkpoint holds the server's
 * event loop. Batches that queued up while one was running go into the next transaction
 * together. A batch is answered once the write-ahead log holding it is on disk (`WalSyncer`);
 * the thread commits the next ones meanwhile, and one disk sync serves all that committed
 * before it began.
 */
const port = parentPort!;
const { path } = workerData as AppendThreadData;
const database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
configureSqliteConnection(database);
// Commits here do not wait for the disk: each is answered only after WalSyncer's fdatasync of the
// log, which covers it, and one such sync serves many commits.
database.pragma('synchronous = NORMAL');
const appender = new SqliteConsentAppender(database);
const syncer = new WalSyncer(path);
/** Most items in one transaction when queued batches are joined. */
const MAX_JOINED_ITEMS = 2048;

port.on('message', (message: string) => {
  if (message === 'close') {
    void close();
    return;
  }
  const first = JSON.parse(message) as AppendRequest;
  const requests = [first];
  let items = first.items.length;
  let closing = false;
  while (items < MAX_JOINED_ITEMS) {
    const next = receiveMessageOnPort(port)?.message as string | undefined;
    if (next === undefined) break;
    if (next === 'close') {
      closing = true;
      break;
    }
    const request = JSON.parse(next) as AppendRequest;
    requests.push(request);
    items += request.items.length;
  }
  const replies = appendJoined(requests);
  const synced = replies.every((reply) => 'error' in reply) ? Promise.resolve() : syncer.sync();
  void synced
    .then(
      () => replies,
      // Committed but perhaps not on disk: not acknowledged. A retry finds the record and is
      // answered with it, as a duplicate.
      (error: unknown) => replies.map(({ id }) => failure(id, error)),
    )
    .then((answers) => {
      port.postMessage(JSON.stringify(answers));
      if (closing) void close();
    });
});

/** Lets the file go; the thread then ends, having nothing left to wait for. */
async function close(): Promise<void> {
  await syncer.close();
  database.close();
  port.close();
}

/** One transaction for all; if it fails, each request on its own, so one cannot sink another. */
function appendJoined(requests: readonly AppendRequest[]): AppendReply[] {
  if (requests.length > 1) {
    try {
      const results = append(
        requests.flatMap((r) => r.items),
        requests.at(-1)!,
      );
      let start = 0;
      return requests.map(({ id, items }) => ({
        id,
        results: results.slice(start, (start += items.length)),
      }));
    } catch {
      // retried one by one below
    }
  }
  return requests.map((request) => {
    try {
      return { id: request.id, results: append(request.items, request) };
    } catch (error) {
      return failure(request.id, error);
    }
  });
}

function failure(id: number, error: unknown): AppendReply {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return {
    id,
    error: {
      message: typeof message === 'string' ? message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    },
  };
}

/** Joined batches share the latest one's server time: each was read before it was sent. */
function append(
  items: readonly ConsentAppend[],
  { now, consentLifetimeMonths }: AppendRequest,
): ConsentAppendResult[] {
  return appender.append(items, {
    forUpdate: false,
    now: new Date(now),
    consentLifetimeMonths,
    sha256Hex: nodeSha256Hex,
  });
}
