import { CHARTER_CONTENT_TYPES, type CharterFormat, type Revision } from '@galette/core';
import { renderCharterDocument } from './charter-document.js';
import { createRepresentation, type Representation } from './representation.js';
import { charterPagePolicy } from './security-headers.js';

/**
 * `Cache-Control` of public pages: short, so publications reach visitors within minutes; a cache
 * that holds a copy may keep serving it for a day while this server answers with errors.
 */
export const PUBLIC_CACHE_CONTROL =
  'public, max-age=300, stale-while-revalidate=60, stale-if-error=86400';

/** Request headers a charter answer depends on (language negotiation). */
export const CHARTER_VARY = ['Accept-Language', 'Cookie'] as const;

/** Rendered charters, precompressed, per (portal, revision hash, language, format). */
export interface CharterCache {
  get(revision: Revision, lang: string, format: CharterFormat): Representation;
}

export interface CharterCacheOptions {
  /** Most documents kept (each in three codings); least recently used go first. Default 2 000. */
  readonly maxEntries?: number;
}

export function createCharterCache(options: CharterCacheOptions = {}): CharterCache {
  const maxEntries = options.maxEntries ?? 2_000;
  const entries = new Map<string, Representation>();
  // Hot path: the revision cache hands out the same Revision object until its TTL ends, so a
  // lookup by object identity skips building the long key and reordering the LRU.
  const byRevision = new WeakMap<Revision, Map<string, Representation>>();

  const load = (revision: Revision, lang: string, format: CharterFormat): Representation => {
    const key = `${revision.portalId}\n${revision.hash}\n${lang}\n${format}`;
    const cached = entries.get(key);
    if (cached !== undefined) {
      // Re-inserting keeps Map order = recency, so eviction drops the least recently used.
      entries.delete(key);
      entries.set(key, cached);
      return cached;
    }
    const representation = createRepresentation(renderCharterDocument(revision, lang, format), {
      contentType: CHARTER_CONTENT_TYPES[format],
      cacheControl: PUBLIC_CACHE_CONTROL,
      vary: CHARTER_VARY,
      headers: {
        'content-language': lang,
        // Computed once per revision: the portal's framing setting is part of what it published.
        ...(format === 'html' && {
          'content-security-policy': charterPagePolicy(revision.content),
        }),
      },
    });
    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    entries.set(key, representation);
    return representation;
  };

  return {
    get(revision, lang, format) {
      let forRevision = byRevision.get(revision);
      if (forRevision === undefined) byRevision.set(revision, (forRevision = new Map()));
      const key = `${format}:${lang}`;
      let representation = forRevision.get(key);
      if (representation === undefined) {
        representation = load(revision, lang, format);
        forRevision.set(key, representation);
      }
      return representation;
    },
  };
}
