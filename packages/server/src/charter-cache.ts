import { CHARTER_CONTENT_TYPES, type CharterFormat, type Revision } from '@galette/core';
import { renderCharterDocument } from './charter-document.js';
import { createRepresentation, type Representation } from './representation.js';

/** `Cache-Control` of public pages: short, so publications reach visitors within minutes. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=60';

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
  return {
    get(revision, lang, format) {
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
        headers: { 'content-language': lang },
      });
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, representation);
      return representation;
    },
  };
}
