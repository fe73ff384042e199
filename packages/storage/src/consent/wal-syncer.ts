import { promises as fs } from 'node:fs';

/** The part of a `FileHandle` the syncer uses. */
export interface SyncableFile {
  datasync(): Promise<void>;
  close(): Promise<void>;
}

const openForSync = (path: string): Promise<SyncableFile> => fs.open(path, 'r+');

/**
 * Makes a SQLite write-ahead log durable without holding the event loop: `sync()` resolves once
 * an `fdatasync` of the log file, begun after the call, has completed. Calls that arrive while
 * one is running share the next: one disk sync for all of them, whatever their number.
 */
export class WalSyncer {
  readonly #path: string;
  readonly #open: (path: string) => Promise<SyncableFile>;
  #file: Promise<SyncableFile> | undefined;
  /** The sync under way, if any, and the one that the calls made since it began will share. */
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  /** `path`: the database file; its log is `<path>-wal`. */
  constructor(path: string, open: (path: string) => Promise<SyncableFile> = openForSync) {
    this.#path = `${path}-wal`;
    this.#open = open;
  }

  sync(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#datasync().finally(() => (this.#running = undefined));
      return this.#running;
    }
    // The sync under way may have begun before the caller's commit: wait for the next one.
    this.#next ??= this.#running.then(rest, rest).then(() => {
      this.#next = undefined;
      return this.sync();
    });
    return this.#next;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#running, this.#next]);
    const file = this.#file;
    this.#file = undefined;
    if (file) await (await file).close();
  }

  async #datasync(): Promise<void> {
    // Opened on first use: SQLite creates the log with the first write. It keeps the same file
    // while any connection is open (a checkpoint rewinds it, never replaces it).
    this.#file ??= this.#open(this.#path);
    const file = await this.#file.catch((error: unknown) => {
      this.#file = undefined;
      throw error;
    });
    await file.datasync();
  }
}

const rest = () => undefined;
