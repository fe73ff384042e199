import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { galetteCategory, type CookieKnowledge } from './cookie-knowledge.js';

/**
 * Prefix rows shorter than this (`_s`, `P_`, `tp`) would claim half a site's cookies: they match
 * only when the row's domain matches the host the cookie came from.
 */
export const MIN_PREFIX_LENGTH = 3;

/** RFC 4180 fields: quotes, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

interface Row {
  readonly name: string;
  readonly platform: string;
  readonly category: string;
  readonly domains: readonly string[];
  readonly wildcard: boolean;
}

const domainsOf = (cell: string) =>
  cell
    .split(/[,;\s]+/)
    .map((d) =>
      d
        .replace(/\(.*?\)/g, '')
        .replace(/^\*?\./, '')
        .trim()
        .toLowerCase(),
    )
    .filter((d) => d.includes('.'));

const hostMatches = (host: string | undefined, domains: readonly string[]) =>
  host !== undefined && domains.some((d) => host === d || host.endsWith(`.${d}`));

/**
 * The Open Cookie Database (Apache-2.0) from its CSV: exact names first, then the longest
 * prefix row (wildcard rows are name prefixes), a row on the cookie's own domain winning among
 * equals. Throws when the header lacks the columns it needs.
 */
export function parseOpenCookieDatabase(csv: string, version: string): CookieKnowledge {
  const [header = [], ...lines] = parseCsv(csv);
  const col = (name: string) => {
    const i = header.findIndex((h) => h.trim() === name);
    if (i === -1) throw new Error(`not an Open Cookie Database CSV: no "${name}" column`);
    return i;
  };
  const at = {
    platform: col('Platform'),
    category: col('Category'),
    name: col('Cookie / Data Key name'),
    domain: col('Domain'),
    wildcard: col('Wildcard match'),
  };
  const exact = new Map<string, Row[]>();
  const prefixes: Row[] = [];
  for (const line of lines) {
    const name = (line[at.name] ?? '').trim();
    if (!name) continue;
    const row: Row = {
      name,
      platform: (line[at.platform] ?? '').trim(),
      category: galetteCategory(line[at.category] ?? ''),
      domains: domainsOf(line[at.domain] ?? ''),
      wildcard: (line[at.wildcard] ?? '').trim() === '1',
    };
    if (row.wildcard) prefixes.push(row);
    else exact.set(name, [...(exact.get(name) ?? []), row]);
  }
  prefixes.sort((a, b) => b.name.length - a.name.length);
  // A row naming its domain (`sessionid` on instagram.com) says nothing of a cookie of the same
  // name on another site: it counts only there, or when the host is not known.
  const pick = (rows: readonly Row[], host?: string) =>
    rows.find((r) => hostMatches(host, r.domains)) ??
    rows.find((r) => r.domains.length === 0) ??
    (host === undefined ? rows[0] : undefined);
  return {
    name: 'Open Cookie Database',
    version,
    entries: lines.length,
    lookup(name, host) {
      const h = host?.replace(/^\./, '').toLowerCase();
      const row =
        pick(exact.get(name) ?? [], h) ??
        prefixes.find(
          (r) =>
            name.startsWith(r.name) &&
            (r.name.length >= MIN_PREFIX_LENGTH || hostMatches(h, r.domains)),
        );
      if (!row) return undefined;
      return {
        category: row.category,
        ...(row.platform ? { platform: row.platform } : {}),
        detail: row.wildcard ? `${row.name}*` : row.name,
      };
    },
  };
}

/** Reads an Open Cookie Database CSV file; its version is the start of its SHA-256. */
export async function loadOpenCookieDatabase(path: string): Promise<CookieKnowledge> {
  const text = await readFile(path, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return parseOpenCookieDatabase(text, `sha256:${hash}`);
}
