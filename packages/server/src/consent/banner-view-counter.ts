import type { BannerViewCount, ConsentLog } from '@galette/storage';

export interface BannerViewCounterOptions {
  readonly log: Pick<ConsentLog, 'addBannerViews'>;
  /** How often counts are written; default every second. */
  readonly flushEveryMs?: number;
  /** Most distinct (portal, day, revision) keys held before an early write; default 10 000. */
  readonly maxKeys?: number;
  readonly now?: () => Date;
  /** Where a failed write is told (the counts of that second are lost, never retried twice). */
  readonly onError?: (error: unknown) => void;
}

/**
 * "Banner shown" beacons counted in memory and written once a second as one upsert per
 * (portal, day, revision): a banner costs an increment, not a transaction. What a crash loses is
 * at most the last second's counts of an anonymous statistic; consent proofs are not involved.
 */
export class BannerViewCounter {
  readonly #options: BannerViewCounterOptions;
  #counts = new Map<string, BannerViewCount>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(options: BannerViewCounterOptions) {
    this.#options = options;
  }

  /** One banner shown now, for this portal and published revision. */
  count(portalId: string, revision: string): void {
    const day = (this.#options.now?.() ?? new Date()).toISOString().slice(0, 10);
    const key = `${portalId}\n${day}\n${revision}`;
    const entry = this.#counts.get(key);
    if (entry) {
      (entry as { shown: number }).shown++;
    } else {
      this.#counts.set(key, { portalId, day, revision, shown: 1 });
    }
    if (this.#counts.size >= (this.#options.maxKeys ?? 10_000)) {
      void this.flush();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => void this.flush(), this.#options.flushEveryMs ?? 1000);
      // Counting never keeps a process alive on its own.
      this.#timer.unref?.();
    }
  }

  /** Writes what was counted so far; resolves once it is stored (or its failure reported). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const counts = [...this.#counts.values()];
    this.#counts = new Map();
    const write = async () => {
      if (counts.length === 0) return;
      try {
        await this.#options.log.addBannerViews(counts);
      } catch (error) {
        this.#options.onError?.(error);
      }
    };
    // One write at a time, in order.
    this.#writing = this.#writing.then(write);
    return this.#writing;
  }
}
