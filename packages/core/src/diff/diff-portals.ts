import type { CustomCategory, Declaration, PortalContent } from '../portal.js';
import { visitorImpact, type VisitorImpact } from './visitor-impact.js';
import { wordDiff, type WordPart } from './word-diff.js';

/** One value that differs; `from` or `to` is absent when the value is not set on that side. */
export interface ValueChange {
  /** Where, as in validation errors: `purpose.fr`, `colours.accent`, `origins`. */
  readonly path: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** A declaration present on one side only, with its position there. */
export interface DeclarationPresence {
  readonly key: string;
  readonly index: number;
  readonly declaration: Declaration;
}

/** A declaration on both sides whose fields differ, field by field. */
export interface DeclarationChange {
  readonly key: string;
  readonly fromIndex: number;
  readonly toIndex: number;
  readonly name: string;
  readonly changes: readonly ValueChange[];
}

export interface CategoryChange {
  readonly id: string;
  readonly changes: readonly ValueChange[];
}

/** A charter section text of one language that was added, removed or reworded. */
export interface TextChange {
  readonly section: string;
  readonly lang: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly words: readonly WordPart[];
}

/**
 * What changed between two versions of a portal (a draft or revisions), for the console and the
 * admin API. `impact` comes first: what the change means for visitors.
 */
export interface PortalDiff {
  /** True when nothing at all differs (then every list below is empty). */
  readonly identical: boolean;
  readonly impact: VisitorImpact;
  /** Name, address, origins, languages, default language. */
  readonly settings: readonly ValueChange[];
  readonly declarations: {
    readonly added: readonly DeclarationPresence[];
    readonly removed: readonly DeclarationPresence[];
    readonly changed: readonly DeclarationChange[];
    /** The declarations on both sides are listed in another order (changes the charter's table). */
    readonly reordered: boolean;
  };
  readonly categories: {
    readonly added: readonly CustomCategory[];
    readonly removed: readonly CustomCategory[];
    readonly changed: readonly CategoryChange[];
  };
  readonly texts: readonly TextChange[];
  /** Widget settings, leaf by leaf (`theme`, `colours.accent`, `consentMode.statistics`…). */
  readonly widget: readonly ValueChange[];
}

/**
 * The stable key that matches a declaration across versions: what the tracker is in the browser,
 * i.e. its storage kind, its cookie domain (empty when it is the portal's) and its name or
 * pattern. Everything else (provider, purpose, category, lifetime…) is a change of that
 * declaration; renaming a cookie is a removal and an addition, which is what it is for a browser.
 * Two declarations with the same key (allowed, if odd) are matched in order: `#2` for the second.
 */
export function declarationKey(d: Pick<Declaration, 'storage' | 'domain' | 'name'>): string {
  return `${d.storage}|${d.domain ?? ''}|${d.name}`;
}

const SETTINGS = ['name', 'url', 'origins', 'languages', 'defaultLanguage'] as const;

/**
 * Diffs two versions of one portal. `from` undefined stands for "nothing published yet": every
 * declaration is then added. Pure: the same inputs give the same diff, down to its order.
 */
export function diffPortals(from: PortalContent | undefined, to: PortalContent): PortalDiff {
  const base: PortalContent = from ?? { ...to, categories: [], declarations: [], texts: {} };
  const settings: ValueChange[] = [];
  if (from !== undefined) {
    for (const key of SETTINGS) leafChanges(from[key], to[key], key, settings);
  }
  const declarations = diffDeclarations(base.declarations, to.declarations);
  const categories = diffCategories(base.categories, to.categories);
  const texts = diffTexts(base.texts, to.texts);
  const widget: ValueChange[] = [];
  leafChanges(base.widget ?? {}, to.widget ?? {}, '', widget);
  const identical =
    settings.length === 0 &&
    declarations.added.length === 0 &&
    declarations.removed.length === 0 &&
    declarations.changed.length === 0 &&
    !declarations.reordered &&
    categories.added.length + categories.removed.length + categories.changed.length === 0 &&
    texts.length === 0 &&
    widget.length === 0;
  return {
    identical,
    impact: visitorImpact(from, to),
    settings,
    declarations,
    categories,
    texts,
    widget,
  };
}

function keyed(list: readonly Declaration[]): Map<string, number> {
  const seen = new Map<string, number>();
  const out = new Map<string, number>();
  list.forEach((d, index) => {
    const base = declarationKey(d);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(n === 1 ? base : `${base}#${n}`, index);
  });
  return out;
}

function diffDeclarations(
  from: readonly Declaration[],
  to: readonly Declaration[],
): PortalDiff['declarations'] {
  const before = keyed(from);
  const after = keyed(to);
  const added: DeclarationPresence[] = [];
  const removed: DeclarationPresence[] = [];
  const changed: DeclarationChange[] = [];
  for (const [key, index] of before) {
    if (!after.has(key)) removed.push({ key, index, declaration: from[index]! });
  }
  const common: string[] = [];
  for (const [key, toIndex] of after) {
    const fromIndex = before.get(key);
    if (fromIndex === undefined) {
      added.push({ key, index: toIndex, declaration: to[toIndex]! });
      continue;
    }
    common.push(key);
    const changes: ValueChange[] = [];
    leafChanges(from[fromIndex], to[toIndex], '', changes);
    if (changes.length > 0) {
      changed.push({ key, fromIndex, toIndex, name: to[toIndex]!.name, changes });
    }
  }
  // Common declarations in the order of `from`, compared with their order in `to`.
  const fromOrder = [...before.keys()].filter((key) => after.has(key));
  const reordered = fromOrder.some((key, i) => common[i] !== key);
  return { added, removed, changed, reordered };
}

function diffCategories(
  from: readonly CustomCategory[],
  to: readonly CustomCategory[],
): PortalDiff['categories'] {
  const before = new Map(from.map((c) => [c.id, c]));
  const after = new Map(to.map((c) => [c.id, c]));
  const changed: CategoryChange[] = [];
  for (const [id, category] of after) {
    const old = before.get(id);
    if (old === undefined) continue;
    const changes: ValueChange[] = [];
    leafChanges(old, category, '', changes);
    if (changes.length > 0) changed.push({ id, changes });
  }
  return {
    added: to.filter((c) => !before.has(c.id)),
    removed: from.filter((c) => !after.has(c.id)),
    changed,
  };
}

function diffTexts(from: PortalContent['texts'], to: PortalContent['texts']): TextChange[] {
  const out: TextChange[] = [];
  const sections = union(Object.keys(from), Object.keys(to)) as (keyof PortalContent['texts'])[];
  for (const section of sections) {
    const a = from[section] ?? {};
    const b = to[section] ?? {};
    for (const lang of union(Object.keys(a), Object.keys(b))) {
      const old = a[lang];
      const now = b[lang];
      if (old === now) continue;
      const status = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
      out.push({ section, lang, status, words: wordDiff(old ?? '', now ?? '') });
    }
  }
  return out;
}

/** Keys of both, in the order of the first then the new ones of the second. */
function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Pushes every leaf that differs; arrays are leaves (their order is their meaning). */
function leafChanges(from: unknown, to: unknown, path: string, out: ValueChange[]): void {
  if (isRecord(from) && isRecord(to)) {
    for (const key of union(Object.keys(from), Object.keys(to))) {
      leafChanges(from[key], to[key], path === '' ? key : `${path}.${key}`, out);
    }
    return;
  }
  if (sameValue(from, to)) return;
  out.push({
    path,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
