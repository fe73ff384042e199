import type { Party, TrackerStorage } from '../portal.js';

/**
 * The cookie charter of one published revision in one language: everything the four renderers
 * show, already translated and formatted, so they only lay it out. It is also the JSON format.
 */
export interface Charter {
  readonly portal: { readonly id: string; readonly name: string; readonly url: string };
  readonly revision: {
    readonly number: number;
    readonly hash: string;
    readonly publishedAt: string;
  };
  readonly lang: string;
  readonly title: string;
  /** Paragraphs shown under the title. */
  readonly intro: readonly string[];
  /** Which version of the charter this is, e.g. `Version 3 de cette charte, publiée le …`. */
  readonly versionNote: string;
  /** In document order; the categories' tables follow the section `CHARTER_USAGE_SECTION`. */
  readonly sections: readonly CharterSection[];
  /** Table columns, in order; `lifetime` only when some declaration states one. */
  readonly columns: readonly { readonly id: CharterColumn; readonly label: string }[];
  /** Only categories that have declarations, in category order. */
  readonly categories: readonly CharterCategory[];
}

export interface CharterSection {
  readonly id: string;
  /** 2 for a section, 3 for a sub-section (the title is level 1). */
  readonly level: 2 | 3;
  readonly heading: string;
  /** Plain text; a paragraph may hold line breaks. */
  readonly paragraphs: readonly string[];
}

export interface CharterCategory {
  readonly id: string;
  readonly heading: string;
  readonly description: readonly string[];
  readonly rows: readonly CharterRow[];
}

export interface CharterRow {
  readonly provider: string;
  readonly service: string;
  /** Exact name or pattern with `*`, as declared. */
  readonly name: string;
  readonly purpose: string;
  /** Formatted in the charter's language; null when not declared. */
  readonly lifetime: string | null;
  readonly party: Party;
  readonly domain: string | null;
  readonly storage: TrackerStorage;
  readonly consentExempt: boolean;
}

export type CharterColumn = 'provider' | 'service' | 'name' | 'purpose' | 'lifetime';

/** The section after which the per-category tables come. */
export const CHARTER_USAGE_SECTION = 'usage';

export const CHARTER_FORMATS = ['html', 'md', 'txt', 'json'] as const;
export type CharterFormat = (typeof CHARTER_FORMATS)[number];

export const CHARTER_CONTENT_TYPES: Readonly<Record<CharterFormat, string>> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function isCharterFormat(value: string): value is CharterFormat {
  return (CHARTER_FORMATS as readonly string[]).includes(value);
}
