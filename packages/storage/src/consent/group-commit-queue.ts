/**
 * Gathers the calls that arrive while a flush is running and hands them to the next flush
 * together: one transaction, one disk sync for many callers. Nothing waits on a timer. A flush
 * starts at the first turn of the event loop that enqueued nothing new, or after `maxTurns`
 * turns: a call after a quiet period flushes on the next turn, while under load a batch keeps
 * growing as long as requests keep arriving (PostgreSQL's `commit_delay` makes the same trade
 * with a timer, when other transactions are active). With 50 clients waiting for their answers,
 * flushing on the first turn split them into two batches of about 25 that took turns, each
 * paying for its own commit and sync; waiting for a quiet turn joins them into one of about 46
 * (`bench/consent-api.mjs`).
 */
export class GroupCommitQueue<I, O> {
  readonly #flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  readonly #maxTurns: number;
  readonly #deadlineMs: number | undefined;
  readonly #late: (() => Error) | undefined;
  readonly #onBatch: ((size: number) => void) | undefined;
  #pending: Pending<I, O>[] = [];
  readonly #running = new Set<Promise<void>>();
  /** Flushes answered by their deadline but not finished yet; `drain` waits for them too. */
  readonly #overdue = new Set<Promise<unknown>>();
  #scheduled = false;

  /**
   * `flush` returns one result per item, in order: a value, or an `Error` for that item alone.
   * If it throws, every item of the batch fails with that error. `maxInFlight` flushes may run
   * at once (default 1): more only where the flush itself keeps their order, as a single writer
   * that takes them one after the other does. `maxTurns` (default 8) bounds how many turns of
   * the event loop a growing batch waits. With `deadlineMs`, no call waits longer than that from
   * its enqueueing: past it, it fails with `late()` whether its batch has started or not, and a
   * batch that overran frees its place for the next one (its flush runs on; what it commits
   * stays committed, and a caller retrying the same item meets it there).
   */
  constructor(
    flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>,
    options: {
      readonly maxBatch?: number;
      readonly maxInFlight?: number;
      readonly maxTurns?: number;
      readonly deadlineMs?: number;
      readonly late?: () => Error;
      /** Told the size of each batch handed to `flush` (for metrics). */
      readonly onBatch?: (size: number) => void;
    } = {},
  ) {
    this.#flush = flush;
    this.#deadlineMs = options.deadlineMs;
    this.#late = options.late;
    this.#onBatch = options.onBatch;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#maxInFlight = options.maxInFlight ?? 1;
    this.#maxTurns = options.maxTurns ?? 8;
  }

  enqueue(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#pending.push({
        item,
        resolve,
        reject,
        at: this.#deadlineMs === undefined ? 0 : Date.now(),
      });
      this.#schedule();
    });
  }

  /** Calls not yet handed to a flush. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Resolves once every call enqueued so far has settled. */
  async drain(): Promise<void> {
    while (
      this.#running.size > 0 ||
      this.#overdue.size > 0 ||
      this.#scheduled ||
      this.#pending.length > 0
    ) {
      const busy = [...this.#running, ...this.#overdue];
      await (busy.length > 0
        ? Promise.race(busy)
        : new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#running.size >= this.#maxInFlight) return;
    this.#scheduled = true;
    let seen = this.#pending.length;
    let turns = 0;
    const nextTurn = () => setImmediate(turn);
    const turn = () => {
      const grew = this.#pending.length > seen;
      seen = this.#pending.length;
      if (grew && ++turns < this.#maxTurns && seen < this.#maxBatch) {
        nextTurn();
        return;
      }
      this.#scheduled = false;
      while (this.#pending.length > 0 && this.#running.size < this.#maxInFlight) {
        const run: Promise<void> = this.#run().finally(() => {
          this.#running.delete(run);
          if (this.#pending.length > 0) this.#schedule();
        });
        this.#running.add(run);
      }
    };
    nextTurn();
  }

  async #run(): Promise<void> {
    let batch = this.#pending.splice(0, this.#maxBatch);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let overran: Promise<never> | undefined;
    if (this.#deadlineMs !== undefined) {
      // Calls already past their deadline fail now rather than start work nobody awaits.
      const due = Date.now() - this.#deadlineMs;
      const expired = batch.filter((b) => b.at <= due);
      if (expired.length > 0) {
        for (const b of expired) b.reject(this.#lateError());
        batch = batch.filter((b) => b.at > due);
        if (batch.length === 0) return;
      }
      const wait = batch[0]!.at + this.#deadlineMs - Date.now();
      overran = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(this.#lateError()), Math.max(0, wait));
      });
    }
    this.#onBatch?.(batch.length);
    try {
      const flushing = this.#flush(batch.map((b) => b.item));
      if (overran) {
        const settled = flushing.then(
          () => undefined,
          () => undefined,
        );
        this.#overdue.add(settled);
        void settled.then(() => this.#overdue.delete(settled));
      }
      const results = await (overran ? Promise.race([flushing, overran]) : flushing);
      batch.forEach((b, i) => {
        const result = results[i];
        if (result instanceof Error) b.reject(result);
        else if (i >= results.length) b.reject(new Error('group commit: no result for item'));
        else b.resolve(result as O);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    } finally {
      clearTimeout(timer);
    }
  }

  #lateError(): Error {
    return this.#late?.() ?? new Error(`group commit: deadline of ${this.#deadlineMs} ms passed`);
  }
}

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (o: O) => void;
  readonly reject: (e: unknown) => void;
  /** `Date.now()` at enqueueing, when there is a deadline. */
  readonly at: number;
}
