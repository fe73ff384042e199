import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';

/** What the append thread is started with. */
export interface AppendThreadData {
  /** The database file; the thread opens its own connection to it. */
  readonly path: string;
  /** See `AppendBatchContext.refuseUnknownPortals`. */
  readonly refuseUnknownPortals: boolean;
}

/** Sent to the thread as JSON text. */
export interface AppendRequest {
  readonly id: number;
  readonly items: readonly ConsentAppend[];
  /** The batch's server time (ms since the epoch), read on the calling thread's clock. */
  readonly now: number;
  readonly consentLifetimeMonths: number;
}

/** The thread answers with a JSON array of these, one per request it took. */
export type AppendReply =
  | { readonly id: number; readonly results: ConsentAppendResult[] }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

/** An append the thread failed, with SQLite's code (`SQLITE_BUSY`, …) when it gave one. */
export class AppendThreadError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'AppendThreadError';
    this.code = code;
  }
}

/** How long a closing thread may take to let its file go before it is stopped. */
const CLOSE_TIMEOUT_MS = 5000;

interface Call {
  readonly resolve: (results: ConsentAppendResult[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Runs the SQLite consent append on a worker thread with its own connection to the same file.
 * better-sqlite3 is synchronous: on the server's thread every group commit would hold the event
 * loop for its disk sync (and, now and then, a WAL checkpoint), however few rows it writes.
 * SQLite's file lock orders the thread's transactions with those of the main connection and of
 * other processes, as it did before. The thread starts on the first append, keeps the process
 * alive only while an append is in flight, and is restarted if it dies.
 */
export class SqliteAppendThread {
  readonly #path: string;
  #worker: Worker | undefined;
  readonly #calls = new Map<number, Call>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #nextId = 0;
  #closed = false;

  readonly #refuseUnknownPortals: boolean;

  constructor(path: string, options: { readonly refuseUnknownPortals?: boolean } = {}) {
    this.#path = path;
    this.#refuseUnknownPortals = options.refuseUnknownPortals === true;
  }

  append(
    items: readonly ConsentAppend[],
    now: Date,
    consentLifetimeMonths: number,
  ): Promise<ConsentAppendResult[]> {
    if (this.#closed) return Promise.reject(new AppendThreadError('the consent log is closed'));
    const worker = this.#start();
    const id = this.#nextId++;
    const answer = new Promise<ConsentAppendResult[]>((resolve, reject) => {
      this.#calls.set(id, { resolve, reject });
      if (this.#calls.size === 1) worker.ref();
      const request: AppendRequest = { id, items, now: now.getTime(), consentLifetimeMonths };
      // As JSON text: cloning a string is a copy, cheaper than cloning the objects it holds.
      worker.postMessage(JSON.stringify(request));
    });
    const settled: Promise<unknown> = answer.then(
      () => this.#inFlight.delete(settled),
      () => this.#inFlight.delete(settled),
    );
    this.#inFlight.add(settled);
    return answer;
  }

  /** Stops the thread once the appends it was given have answered and it let the file go. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#inFlight);
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(workerUrl(), {
      workerData: {
        path: this.#path,
        refuseUnknownPortals: this.#refuseUnknownPortals,
      } satisfies AppendThreadData,
    });
    worker.unref();
    worker.on('message', (text: string) => {
      for (const reply of JSON.parse(text) as AppendReply[]) {
        const call = this.#calls.get(reply.id);
        if (!call) continue;
        this.#calls.delete(reply.id);
        if ('results' in reply) call.resolve(reply.results);
        else call.reject(new AppendThreadError(reply.error.message, reply.error.code));
      }
      if (this.#calls.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      const calls = [...this.#calls.values()];
      this.#calls.clear();
      for (const call of calls) call.reject(error);
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) =>
      fail(new AppendThreadError(`the consent append thread stopped (exit code ${code})`)),
    );
    this.#worker = worker;
    return worker;
  }
}

/**
 * The compiled worker script: beside this module once built. Run from its TypeScript source (the
 * tests) or bundled into another file, this module has no such neighbour; the package's own build
 * then serves (`npm test` builds before it runs).
 */
function workerUrl(): URL {
  const sibling = new URL('./sqlite-append-worker.js', import.meta.url);
  if (sibling.protocol === 'file:' && existsSync(fileURLToPath(sibling))) return sibling;
  const entry = createRequire(import.meta.url).resolve('@galette/storage');
  return pathToFileURL(join(dirname(entry), 'consent', 'sqlite-append-worker.js'));
}
