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
  #pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  readonly #running = new Set<Promise<void>>();
  #scheduled = false;

  /**
   * `flush` returns one result per item, in order: a value, or an `Error` for that item alone.
   * If it throws, every item of the batch fails with that error. `maxInFlight` flushes may run
   * at once (default 1): more only where the flush itself keeps their order, as a single writer
   * that takes them one after the other does. `maxTurns` (default 8) bounds how many turns of
   * the event loop a growing batch waits.
   */
  constructor(
    flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>,
    options: {
      readonly maxBatch?: number;
      readonly maxInFlight?: number;
      readonly maxTurns?: number;
    } = {},
  ) {
    this.#flush = flush;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#maxInFlight = options.maxInFlight ?? 1;
    this.#maxTurns = options.maxTurns ?? 8;
  }

  enqueue(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Calls not yet handed to a flush. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Resolves once every call enqueued so far has settled. */
  async drain(): Promise<void> {
    while (this.#running.size > 0 || this.#scheduled || this.#pending.length > 0) {
      await (this.#running.size > 0
        ? Promise.race(this.#running)
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
    const batch = this.#pending.splice(0, this.#maxBatch);
    try {
      const results = await this.#flush(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const result = results[i];
        if (result instanceof Error) b.reject(result);
        else if (i >= results.length) b.reject(new Error('group commit: no result for item'));
        else b.resolve(result as O);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
