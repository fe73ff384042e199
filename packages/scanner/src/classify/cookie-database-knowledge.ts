import type { CookieDatabase } from '@galette/core/cookie-database';
import type { CookieKnowledge } from './cookie-knowledge.js';

/**
 * Core's Open Cookie Database (the shipped copy, or a newer CSV) as the scanner asks it:
 * a category id (`unknown` for an OCD category Galette has no id for), the platform, and the
 * row that matched (a `*` marks a prefix row).
 */
export function cookieDatabaseKnowledge(database: CookieDatabase): CookieKnowledge {
  return {
    name: 'Open Cookie Database',
    version: database.version,
    entries: database.size,
    lookup(name, host) {
      const row = database.lookup(name, host);
      if (!row) return undefined;
      return {
        category: row.category ?? 'unknown',
        ...(row.platform ? { platform: row.platform } : {}),
        detail: row.wildcard ? `${row.name}*` : row.name,
      };
    },
  };
}
