export interface RateLimitOptions {
  /** Requests a client may make at once. */
  readonly burst: number;
  /** Requests a client regains per second. */
  readonly perSecond: number;
  /** Most clients remembered; the least recently seen are forgotten first. Default 100 000. */
  readonly maxClients?: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

export interface RateLimiter {
  /** Takes one request from `client`'s allowance: 0 when allowed, else seconds to wait. */
  take(client: string): number;
  /** What `take` would answer, without taking anything: 0 when a request would be allowed. */
  wait(client: string): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client, in memory: each node limits on its own, which bounds what one client
 * can make a node write without any shared state. A forgotten client starts again with a full
 * bucket, which is what it would have regained anyway after a quiet while.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { burst, perSecond } = options;
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  return {
    wait(client) {
      const bucket = buckets.get(client);
      if (!bucket) return 0;
      const tokens = Math.min(burst, bucket.tokens + ((now() - bucket.at) / 1000) * perSecond);
      return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
    take(client) {
      const at = now();
      let bucket = buckets.get(client);
      if (bucket) {
        buckets.delete(client);
        bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
        bucket.at = at;
      } else {
        if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: burst, at };
      }
      buckets.set(client, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
  };
}
