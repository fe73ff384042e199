import { LocalizedError } from '@galette/core';
import type { Store } from '@galette/storage';
import type { MiddlewareHandler } from 'hono';

/**
 * Which portals are archived, kept in process like the revision cache: public routes ask on
 * every request, so the answer comes from memory, refreshed in the background once `ttlMs` has
 * passed, and awaited (briefly) after this node archived or restored a portal itself. Another
 * node's change shows within `ttlMs`, or at once through `invalidate` fed by PostgreSQL
 * notifications. A database that does not answer keeps the last known set.
 */
export interface ArchivedPortals {
  isArchived(portalId: string): Promise<boolean>;
  /** Forget what is known: the next question reloads first (after an archive or a restore). */
  invalidate(): void;
}

export interface ArchivedPortalsOptions {
  readonly store: Pick<Store, 'listPortals'>;
  /** Default 5 s, as the revision cache. */
  readonly ttlMs?: number;
  /** Longest wait for a reload a question must see; past it, the last set answers. Default 50 ms. */
  readonly waitMs?: number;
  readonly now?: () => number;
}

export function createArchivedPortals(options: ArchivedPortalsOptions): ArchivedPortals {
  const ttlMs = options.ttlMs ?? 5_000;
  const waitMs = options.waitMs ?? 50;
  const now = options.now ?? Date.now;
  let ids = new Set<string>();
  let loadedAt = -Infinity;
  let generation = 0;
  let loadedGeneration = -1;
  let loading: Promise<void> | undefined;

  const load = (): Promise<void> => {
    if (loading) return loading;
    const started = generation;
    // Through a promise even if the call throws at once: a broken store is not an answer.
    loading = Promise.resolve()
      .then(() => options.store.listPortals({ archived: 'only' }))
      .then(
        (list) => {
          ids = new Set(list.map((p) => p.id));
          loadedGeneration = started;
        },
        () => undefined,
      )
      .finally(() => {
        loadedAt = now();
        loading = undefined;
      });
    return loading;
  };

  return {
    async isArchived(portalId) {
      if (loadedGeneration !== generation) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          load(),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
        ]);
        clearTimeout(timer);
      } else if (now() - loadedAt > ttlMs) {
        void load();
      }
      return ids.has(portalId);
    },
    invalidate() {
      generation += 1;
    },
  };
}

/**
 * 410 Gone (fr/en page, JSON on API paths) for the public routes of an archived portal: its
 * charter, widget files, demo page and consent and banner-view posts. Receipts stay: a visitor's
 * proofs remain readable and verifiable.
 */
export function archivedPortalGate(archived: ArchivedPortals): MiddlewareHandler {
  return async (c, next) => {
    const portalId = c.req.param('portalId');
    const receipt = c.req.method === 'GET' && /\/consents\/[^/]+$/.test(c.req.path);
    if (portalId && !receipt && (await archived.isArchived(portalId.toLowerCase()))) {
      throw new LocalizedError('gone', 'portals.error.gone', { portalId });
    }
    await next();
  };
}
