import type { Revision } from '@galette/core';
import type { Store } from '@galette/storage';

/** Published revisions by hash, so each consent POST needs no store query. */
export interface PublishedRevisions {
  /** The revision of `portalId` with this hash, or undefined if it was never published. */
  get(portalId: string, hash: string): Promise<Revision | undefined>;
}

export interface PublishedRevisionsOptions {
  readonly store: Pick<Store, 'getRevision'>;
  /**
   * How long a found revision is trusted. Revisions never change, but a deleted portal's do go;
   * default 60 s.
   */
  readonly foundTtlMs?: number;
  /** How long "never published" is trusted, until another node's publication shows; default 5 s. */
  readonly missingTtlMs?: number;
  /** Default 10 000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export function createPublishedRevisions(options: PublishedRevisionsOptions): PublishedRevisions {
  const { store } = options;
  const foundTtl = options.foundTtlMs ?? 60_000;
  const missingTtl = options.missingTtlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { revision: Revision | undefined; expiresAt: number }>();
  const inFlight = new Map<string, Promise<Revision | undefined>>();

  return {
    get(portalId, hash) {
      const key = `${portalId}\n${hash}`;
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return Promise.resolve(entry.revision);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const query = store
        .getRevision(portalId, hash)
        .then((revision) => {
          entries.delete(key);
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
          entries.set(key, { revision, expiresAt: now() + (revision ? foundTtl : missingTtl) });
          return revision;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, query);
      return query;
    },
  };
}
