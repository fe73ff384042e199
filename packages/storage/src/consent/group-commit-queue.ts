/**
 * Gathers the calls that arrive while a flush is running and hands them to the next flush
 * together: one transaction, one disk sync for many callers. Nothing waits on a timer; the first
 * call after a quiet period flushes on the next turn of the event loop, after the requests
 * already read from the network have had their turn to enqueue.
 */
export class GroupCommitQueue<I, O> {
  readonly #flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  #pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  readonly #running = new Set<Promise<void>>();
  #scheduled = false;

  /**
   * `flush` returns one result per item, in order: a value, or an `Error` for that item alone.
   * If it throws, every item of the batch fails with that error. `maxInFlight` flushes may run
   * at once (default 1): more only where the flush itself keeps their order, as a single writer
   * that takes them one after the other does.
   */
  constructor(
    flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>,
    options: { readonly maxBatch?: number; readonly maxInFlight?: number } = {},
  ) {
    this.#flush = flush;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#maxInFlight = options.maxInFlight ?? 1;
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
    setImmediate(() => {
      this.#scheduled = false;
      while (this.#pending.length > 0 && this.#running.size < this.#maxInFlight) {
        const run: Promise<void> = this.#run().finally(() => {
          this.#running.delete(run);
          if (this.#pending.length > 0) this.#schedule();
        });
        this.#running.add(run);
      }
    });
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
