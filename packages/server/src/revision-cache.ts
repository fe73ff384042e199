import { UnavailableError, type Revision } from '@galette/core';
import type { Store } from '@galette/storage';

/** Returned by `peek` when the cache cannot answer without asking the store. */
export const MISS: unique symbol = Symbol('miss');

/**
 * The latest published revision of each portal, kept in process for a short time so public pages
 * need no store query per request. Another node's publication shows up within `ttlMs`; a
 * publication on this node shows up at once through `onPublish`. While the database does not
 * answer, the last answer keeps being served (nothing can be published meanwhile), and the store
 * is asked again once per `ttlMs`: charters and the widget stay up through a database restart.
 */
export interface RevisionCache {
  /** The cached answer when fresh (`undefined`: the portal has no published revision), else MISS. */
  peek(portalId: string): Revision | undefined | typeof MISS;
  /** The latest revision, from the cache when fresh, else from the store (one query in flight). */
  get(portalId: string): Promise<Revision | undefined>;
  /** Forgets what is cached for this portal; call it after publishing or deleting it. */
  onPublish(portalId: string): void;
  /** Tells `listener` how each lookup was answered (for metrics); replaces the previous one. */
  observe?(listener: (outcome: 'hit' | 'miss' | 'stale') => void): void;
}

export interface RevisionCacheOptions {
  readonly store: Pick<Store, 'latestRevision'>;
  /** How long an answer stays fresh; default 5 s. */
  readonly ttlMs?: number;
  /** Most portals remembered at once (unknown ids are remembered too); default 10 000. */
  readonly maxEntries?: number;
  /**
   * How long a request waits for the store to refresh an expired answer before it is served the
   * last one (which then stays for another `ttlMs` unless the refresh lands): a database that is
   * silent (a partition) or slow never holds up public pages. Default 50 ms.
   */
  readonly staleWaitMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

interface Entry {
  readonly revision: Revision | undefined;
  readonly expiresAt: number;
}

export const DEFAULT_REVISION_TTL_MS = 5_000;

export function createRevisionCache(options: RevisionCacheOptions): RevisionCache {
  const { store } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_REVISION_TTL_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const staleWaitMs = options.staleWaitMs ?? 50;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Revision | undefined>>();
  // Bumped by onPublish so a query started before the publication cannot store a stale answer.
  const generations = new Map<string, number>();

  let observed: (outcome: 'hit' | 'miss' | 'stale') => void = () => undefined;

  const fresh = (portalId: string): Revision | undefined | typeof MISS => {
    const entry = entries.get(portalId);
    if (entry === undefined || entry.expiresAt <= now()) return MISS;
    return entry.revision;
  };

  const load = (portalId: string): Promise<Revision | undefined> => {
    const pending = inFlight.get(portalId);
    if (pending) return pending;
    const generation = generations.get(portalId) ?? 0;
    const current = () => (generations.get(portalId) ?? 0) === generation;
    const query = store
      .latestRevision(portalId)
      .then(
        (revision) => {
          if (current()) {
            entries.delete(portalId);
            if (entries.size >= maxEntries) {
              const oldest = entries.keys().next();
              if (!oldest.done) entries.delete(oldest.value);
            }
            entries.set(portalId, { revision, expiresAt: now() + ttlMs });
          }
          return revision;
        },
        (error: unknown) => {
          const last = entries.get(portalId);
          if (!last || !current() || !(error instanceof UnavailableError)) {
            throw error;
          }
          entries.set(portalId, { revision: last.revision, expiresAt: now() + ttlMs });
          return last.revision;
        },
      )
      .finally(() => {
        if (inFlight.get(portalId) === query) inFlight.delete(portalId);
      });
    inFlight.set(portalId, query);
    return query;
  };

  /**
   * The refresh, or the last answer if the refresh takes longer than `staleWaitMs` (with `true`:
   * served stale).
   */
  const refresh = (
    portalId: string,
    last: Entry,
  ): Promise<readonly [Revision | undefined, boolean]> => {
    const generation = generations.get(portalId) ?? 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loaded = load(portalId);
    const stale = new Promise<readonly [Revision | undefined, boolean]>((resolve) => {
      timer = setTimeout(() => {
        // The next refresh (a TTL later) asks again rather than joining a query that may hang
        // until its timeout.
        if (inFlight.get(portalId) === loaded) inFlight.delete(portalId);
        // Served for another TTL, unless the refresh lands first (it overwrites this entry).
        if ((generations.get(portalId) ?? 0) === generation && entries.get(portalId) === last) {
          entries.set(portalId, { revision: last.revision, expiresAt: now() + ttlMs });
        }
        resolve([last.revision, true]);
      }, staleWaitMs);
    });
    // The refresh's own failure is the next request's to see; this one was answered.
    loaded.catch(() => undefined);
    const answered = loaded.then((revision) => [revision, false] as const);
    return Promise.race([answered, stale]).finally(() => clearTimeout(timer));
  };

  return {
    // A MISS is not counted here: the caller then calls `get`, which counts what it did.
    peek(portalId) {
      const cached = fresh(portalId);
      if (cached !== MISS) observed('hit');
      return cached;
    },
    get(portalId) {
      const cached = fresh(portalId);
      if (cached !== MISS) {
        observed('hit');
        return Promise.resolve(cached);
      }
      const last = entries.get(portalId);
      if (last === undefined) {
        observed('miss');
        return load(portalId);
      }
      return refresh(portalId, last).then(([revision, stale]) => {
        observed(stale ? 'stale' : 'miss');
        return revision;
      });
    },
    observe(listener) {
      observed = listener;
    },
    onPublish(portalId) {
      entries.delete(portalId);
      inFlight.delete(portalId);
      generations.set(portalId, (generations.get(portalId) ?? 0) + 1);
    },
  };
}
