import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { nodeSha256Hex } from '../node-sha256-hex.js';
import { BUSY_TIMEOUT_MS, configureSqliteConnection } from '../sqlite-database.js';
import { answerAppendRequests, type AppendTransaction } from './answer-append-requests.js';
import type { AppendRequest, AppendThreadData } from './sqlite-append-thread.js';
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
const { path, refuseUnknownPortals } = workerData as AppendThreadData;
const database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
configureSqliteConnection(database);
// Commits here do not wait for the disk: each is answered only after WalSyncer's fdatasync of the
// log, which covers it, and one such sync serves many commits.
database.pragma('synchronous = NORMAL');
const appender = new SqliteConsentAppender(database);
const syncer = new WalSyncer(path);
const transaction: AppendTransaction = (items, { now, consentLifetimeMonths }) =>
  appender.append(items, {
    forUpdate: false,
    now: new Date(now),
    consentLifetimeMonths,
    sha256Hex: nodeSha256Hex,
    refuseUnknownPortals,
  });
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
  void answerAppendRequests(requests, transaction, () => syncer.sync()).then((answers) => {
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
