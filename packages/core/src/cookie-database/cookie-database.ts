import type { BuiltinCategoryId } from '../categories.js';
import { ValidationError } from '../errors.js';
import { fieldError } from '../field-error.js';
import { sha256Hex } from '../sha256.js';
import { parseCsv } from './parse-csv.js';

/**
 * One row of the Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database,
 * Apache-2.0): what the wider web knows about a cookie or storage key of that name.
 */
export interface KnownCookie {
  /** The row's UUID in the OCD. */
  readonly id: string;
  /** The product that sets it, e.g. `Google Analytics`. */
  readonly platform: string;
  /**
   * The OCD category as a Galette category id; `undefined` for an OCD category Galette does not
   * know (a newer CSV may add some), so callers never guess.
   */
  readonly category: BuiltinCategoryId | undefined;
  /** The category exactly as the OCD writes it (`Functional`, `Analytics`, `Marketing`…). */
  readonly ocdCategory: string;
  /** The cookie name, or the name prefix when `wildcard` is set. */
  readonly name: string;
  /** As the OCD writes it, e.g. `doubleclick.net (3rd party)`; empty when the row names none. */
  readonly domain: string;
  readonly description: string;
  /** As the OCD writes it (`2 years`, `session`, `13 months by default, modifiable`). */
  readonly retention: string;
  readonly dataController: string;
  /** The data controller's privacy or GDPR rights page; empty when the row has none. */
  readonly privacyLink: string;
  /** The row's name is a prefix: `_pk_id.` stands for `_pk_id.1.abcd`. */
  readonly wildcard: boolean;
}

/**
 * The Open Cookie Database, ready for look-ups. It says what a cookie of a given name usually is
 * elsewhere on the web, nothing about a given portal: **a portal's own declarations always win
 * over it.** It lists `sessionid` as an Instagram marketing cookie, for instance, while the seed
 * portals' `sessionid` is their own authentication cookie, and it has no `csrftoken` at all.
 * Use it to classify what a portal did not declare, or to question a declaration (a known
 * analytics name declared `necessary`), never to overrule one.
 */
export interface CookieDatabase {
  /** Number of rows kept (rows without a name are dropped). */
  readonly size: number;
  /** The copy's identity: given by the loader, or `sha256:` and the start of the text's hash. */
  readonly version: string;
  /** Every row, in file order. */
  readonly cookies: readonly KnownCookie[];
  /**
   * The row for a cookie or storage key named `name`, as set on `host` when known. An exact row
   * wins over a prefix row and the longest prefix wins; among equals, a row whose domain matches
   * `host` wins. Prefix rows shorter than {@link MIN_WILDCARD_PREFIX_LENGTH} match only when
   * their domain matches `host`.
   */
  lookup(name: string, host?: string): KnownCookie | undefined;
  /**
   * Whether the row is about a cookie of its name set on `host`: rows naming no domain describe a
   * product's cookie wherever it runs (`_ga`), rows marked `(3rd party)` a tracker wherever its
   * script is embedded (`_fbp`); a row naming only other hosts describes someone else's cookie
   * of the same name (the OCD's `sessionid` is Instagram's, on instagram.com).
   */
  appliesTo(cookie: KnownCookie, host: string | undefined): boolean;
}

/**
 * Some OCD prefix rows are one or two characters (`P_`, `CT`, `SR`, `_s`, `tp`): on their own
 * they would claim half of any site's cookies (`P_` would make every `P_…` cookie an Adform
 * one). Below three characters a prefix row must also name the host the cookie comes from.
 */
export const MIN_WILDCARD_PREFIX_LENGTH = 3;

const COLUMNS = {
  id: 'ID',
  platform: 'Platform',
  category: 'Category',
  name: 'Cookie / Data Key name',
  domain: 'Domain',
  description: 'Description',
  retention: 'Retention period',
  dataController: 'Data Controller',
  privacyLink: 'User Privacy & GDPR Rights Portals',
  wildcard: 'Wildcard match',
} as const;

const CATEGORIES: Readonly<Record<string, BuiltinCategoryId>> = {
  necessary: 'necessary',
  security: 'necessary',
  functional: 'preferences',
  personalization: 'preferences',
  analytics: 'statistics',
  marketing: 'marketing',
};

export interface ParseCookieDatabaseOptions {
  /** Recorded as the database's `version` (the loader passes the copy's date and hash). */
  readonly version?: string;
  /** Rows appended after the CSV's (`GALETTE_COOKIE_ADDITIONS`); a CSV row of a name wins. */
  readonly additions?: readonly KnownCookie[];
}

/**
 * Reads the Open Cookie Database's CSV (columns found by their header, in any order). Throws a
 * `ValidationError` naming the missing columns when the text is not that CSV.
 */
export function parseCookieDatabase(
  csvText: string,
  options: ParseCookieDatabaseOptions = {},
): CookieDatabase {
  const [header = [], ...rows] = parseCsv(csvText);
  const names = header.map((h) => h.trim());
  const missing = Object.values(COLUMNS).filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((column) => fieldError(column, 'required')),
      'not an Open Cookie Database CSV',
    );
  }
  const at = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, column]) => [key, names.indexOf(column)]),
  ) as Record<keyof typeof COLUMNS, number>;

  const cookies: KnownCookie[] = [];
  for (const row of rows) {
    const cell = (key: keyof typeof COLUMNS) => (row[at[key]] ?? '').trim();
    const name = cell('name');
    if (name === '') continue;
    const ocdCategory = cell('category');
    cookies.push({
      id: cell('id'),
      platform: cell('platform'),
      category: CATEGORIES[ocdCategory.toLowerCase()],
      ocdCategory,
      name,
      domain: cell('domain'),
      description: cell('description'),
      retention: cell('retention'),
      dataController: cell('dataController'),
      privacyLink: cell('privacyLink'),
      wildcard: cell('wildcard') === '1',
    });
  }
  cookies.push(...(options.additions ?? []));
  return new IndexedCookieDatabase(
    cookies,
    options.version ?? `sha256:${sha256Hex(csvText).slice(0, 16)}`,
  );
}

interface Row {
  readonly cookie: KnownCookie;
  readonly domains: readonly RegExp[];
}

class IndexedCookieDatabase implements CookieDatabase {
  readonly size: number;
  private readonly exact = new Map<string, Row[]>();
  /** Longest prefix first, so the first eligible row is the longest. */
  private readonly prefixes: Row[];

  constructor(
    readonly cookies: readonly KnownCookie[],
    readonly version: string,
  ) {
    this.size = cookies.length;
    const prefixes: Row[] = [];
    for (const cookie of cookies) {
      const row = { cookie, domains: domainPatterns(cookie.domain) };
      if (cookie.wildcard) prefixes.push(row);
      else this.exact.set(cookie.name, [...(this.exact.get(cookie.name) ?? []), row]);
    }
    this.prefixes = prefixes.sort((a, b) => b.cookie.name.length - a.cookie.name.length);
  }

  lookup(name: string, host?: string): KnownCookie | undefined {
    const h = host === undefined ? undefined : normalizeHost(host);
    const onHost = (row: Row) => h !== undefined && row.domains.some((d) => d.test(h));
    const exact = this.exact.get(name);
    if (exact) {
      // Same name, several products: the one set on this host, else the first tied to no host
      // (CSV rows come before additions, so the OCD's wins).
      return (exact.find(onHost) ?? exact.find((r) => r.domains.length === 0) ?? exact[0]!).cookie;
    }
    let best: Row | undefined;
    for (const row of this.prefixes) {
      const prefix = row.cookie.name;
      if (best && prefix.length < best.cookie.name.length) break;
      if (!name.startsWith(prefix)) continue;
      const matchesHost = onHost(row);
      if (prefix.length < MIN_WILDCARD_PREFIX_LENGTH && !matchesHost) continue;
      if (matchesHost) return row.cookie;
      best ??= row;
    }
    return best?.cookie;
  }

  appliesTo(cookie: KnownCookie, host: string | undefined): boolean {
    return knownCookieAppliesTo(cookie, host);
  }
}

function knownCookieAppliesTo(cookie: KnownCookie, host: string | undefined): boolean {
  if (cookie.domain === '' || /\(3rd party\)/i.test(cookie.domain)) return true;
  const patterns = domainPatterns(cookie.domain);
  if (patterns.length === 0) return true;
  return host !== undefined && patterns.some((p) => p.test(normalizeHost(host)));
}

function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\./, '').replace(/:\d+$/, '');
}

/**
 * The OCD's Domain column is free text: `doubleclick.net (3rd party)`, `.bing.com (3rd party) or
 * .microsoft.com (3rd party)`, `ads-[account].adhese.com`. Each named domain matches itself and
 * its subdomains; a bracketed placeholder stands for one label.
 */
function domainPatterns(domain: string): RegExp[] {
  return domain
    .split(/\s+or\s+|,/i)
    .map((d) => normalizeHost(d.replace(/\(3rd party\)/i, '')))
    .filter((d) => /^[a-z0-9[\]._-]+\.[a-z0-9-]+$/.test(d))
    .map((d) => {
      const body = d
        .split(/\[[^\]]*\]/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^.]+');
      return new RegExp(`(^|\\.)${body}$`);
    });
}
