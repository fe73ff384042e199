import { BUILTIN_CATEGORY_IDS, isBuiltinCategory } from './categories.js';
import { didYouMean, fieldPath, type FieldChecker, type StringRule } from './field-checker.js';
import { parseLifetime } from './lifetime.js';
import type {
  CustomCategory,
  Declaration,
  Lang,
  LocalizedText,
  Party,
  TrackerStorage,
} from './portal.js';
import {
  COOKIE_DOMAIN,
  COOKIE_NAME,
  CUSTOM_CATEGORY_ID,
  HOST_NAME,
  LANGUAGE,
  PORTAL_FILE_LIMITS,
  RESERVED_CATEGORY_IDS,
} from './portal-file-limits.js';

export const CATEGORY_FIELDS = ['id', 'label', 'description'] as const;
export const DECLARATION_FIELDS = [
  'provider',
  'service',
  'name',
  'purpose',
  'category',
  'lifetime',
  'party',
  'domain',
  'storage',
  'consentExempt',
  'hosts',
] as const;
export const PARTIES: readonly Party[] = ['first', 'third'];
export const STORAGES: readonly TrackerStorage[] = ['cookie', 'localStorage', 'sessionStorage'];

/** What a localized text is checked against; `undefined` when the portal's own field was bad. */
export interface LanguageContext {
  readonly languages: readonly Lang[] | undefined;
  readonly defaultLanguage: Lang | undefined;
}

export function readLocalized(
  c: FieldChecker,
  value: unknown,
  path: string,
  langs: LanguageContext,
  rule: StringRule,
): LocalizedText | undefined {
  const obj = c.object(value, path);
  if (!obj) return undefined;
  const out: Record<Lang, string> = {};
  let ok = true;
  for (const [lang, text] of Object.entries(obj)) {
    const p = fieldPath(path, lang);
    if (!LANGUAGE.test(lang)) {
      c.add(p, 'not_a_language_key');
      ok = false;
    } else if (langs.languages && !langs.languages.includes(lang)) {
      c.add(p, 'not_a_portal_language', {
        value: lang,
        languages: langs.languages.join(', '),
      });
      ok = false;
    } else {
      const s = c.string(text, p, rule);
      if (s === undefined) ok = false;
      else out[lang] = s;
    }
  }
  const def = langs.defaultLanguage;
  if (def !== undefined && obj[def] === undefined) {
    c.add(path, 'missing_default_text', { lang: def });
    ok = false;
  }
  return ok ? orderLocalized(out, langs.languages ?? []) : undefined;
}

export function customCategoryIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((cat: unknown) => {
    const id = cat !== null && typeof cat === 'object' ? (cat as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}

export function readCategories(
  c: FieldChecker,
  value: unknown,
  langs: LanguageContext,
): CustomCategory[] | undefined {
  const list = c.array(value, 'categories', { max: PORTAL_FILE_LIMITS.categories });
  if (!list) return undefined;
  const seen = new Set<string>();
  const out: CustomCategory[] = [];
  list.forEach((item, i) => {
    const path = fieldPath('categories', i);
    const obj = c.object(item, path);
    if (!obj) return;
    c.fields(obj, path, CATEGORY_FIELDS, CATEGORY_FIELDS);
    const idPath = fieldPath(path, 'id');
    let id = c.string(obj.id, idPath, { max: 32 });
    if (id !== undefined && isBuiltinCategory(id)) {
      c.add(idPath, 'builtin_category', { id });
      id = undefined;
    } else if (id !== undefined && RESERVED_CATEGORY_IDS.includes(id)) {
      c.add(idPath, 'reserved_category', { id });
      id = undefined;
    } else if (id !== undefined && !CUSTOM_CATEGORY_ID.test(id)) {
      c.add(idPath, 'bad_category_id', { id });
      id = undefined;
    } else if (id !== undefined && seen.has(id)) {
      c.add(idPath, 'duplicate_category', { id });
      id = undefined;
    }
    if (id !== undefined) seen.add(id);
    const label = readLocalized(c, obj.label, fieldPath(path, 'label'), langs, {
      max: PORTAL_FILE_LIMITS.categoryLabel,
    });
    const description = readLocalized(c, obj.description, fieldPath(path, 'description'), langs, {
      max: PORTAL_FILE_LIMITS.categoryDescription,
      multiline: true,
    });
    if (id !== undefined && label && description) out.push({ id, label, description });
  });
  return out;
}

export function readDeclarations(
  c: FieldChecker,
  value: unknown,
  langs: LanguageContext,
  customIds: readonly string[],
): Declaration[] | undefined {
  const list = c.array(value, 'declarations', { max: PORTAL_FILE_LIMITS.declarations });
  if (!list) return undefined;
  // Ids of bad custom categories still count as known, so one mistake is not reported twice,
  // but only well-formed ids are offered as suggestions.
  const known = [...BUILTIN_CATEGORY_IDS, ...customIds];
  const suggestions = new Set(known.filter((id) => CUSTOM_CATEGORY_ID.test(id)));
  const firstIndex = new Map<string, number>();
  const out: Declaration[] = [];
  list.forEach((item, i) => {
    const path = fieldPath('declarations', i);
    const d = readDeclaration(c, item, path, langs, known, suggestions);
    if (!d) return;
    const key = JSON.stringify([d.category, d.storage, d.name]);
    const first = firstIndex.get(key);
    if (first !== undefined) {
      c.add(fieldPath(path, 'name'), 'duplicate_declaration', { name: d.name, index: first });
      return;
    }
    firstIndex.set(key, i);
    out.push(d);
  });
  return out;
}

function readDeclaration(
  c: FieldChecker,
  item: unknown,
  path: string,
  langs: LanguageContext,
  knownCategories: readonly string[],
  suggestions: Iterable<string>,
): Declaration | undefined {
  const obj = c.object(item, path);
  if (!obj) return undefined;
  const at = (key: string) => fieldPath(path, key);
  c.fields(obj, path, DECLARATION_FIELDS, ['provider', 'service', 'name', 'purpose', 'category']);

  const provider = c.string(obj.provider, at('provider'), { max: PORTAL_FILE_LIMITS.provider });
  const service = readLocalized(c, obj.service, at('service'), langs, {
    max: PORTAL_FILE_LIMITS.service,
  });
  const purpose = readLocalized(c, obj.purpose, at('purpose'), langs, {
    max: PORTAL_FILE_LIMITS.purpose,
    multiline: true,
  });
  const storage =
    obj.storage === undefined ? 'cookie' : c.oneOf(obj.storage, at('storage'), STORAGES);
  const party = obj.party === undefined ? 'first' : c.oneOf(obj.party, at('party'), PARTIES);
  const name = readDeclarationName(c, obj.name, at('name'), storage);

  let category = c.string(obj.category, at('category'), { max: 32 });
  if (category !== undefined && !knownCategories.includes(category)) {
    c.add(at('category'), 'unknown_category', {
      value: category,
      ...didYouMean(category, suggestions),
    });
    category = undefined;
  }

  let lifetime = c.string(obj.lifetime, at('lifetime'), { max: 64 });
  if (lifetime !== undefined && !parseLifetime(lifetime)) {
    c.add(at('lifetime'), 'bad_lifetime', { value: lifetime });
    lifetime = undefined;
  }

  let domain = c.string(obj.domain, at('domain'), { max: PORTAL_FILE_LIMITS.domain });
  if (domain !== undefined && !COOKIE_DOMAIN.test(domain)) {
    c.add(at('domain'), 'not_a_domain', { value: domain });
    domain = undefined;
  }

  const consentExempt = c.boolean(obj.consentExempt, at('consentExempt'));
  if (consentExempt === true && category !== undefined && category !== 'statistics') {
    c.add(at('consentExempt'), 'not_exemptable', { category });
  }

  const hosts = c.uniqueStrings(
    obj.hosts,
    at('hosts'),
    { max: PORTAL_FILE_LIMITS.hosts },
    (s, p) => {
      if (HOST_NAME.test(s)) return s;
      c.add(p, 'not_a_host_name', { value: s });
      return undefined;
    },
  );
  if (obj.hosts !== undefined && hosts === undefined) return undefined;
  if (!provider || !service || !name || !purpose || !category || !party || !storage) {
    return undefined;
  }
  if (obj.lifetime !== undefined && lifetime === undefined) return undefined;
  if (obj.domain !== undefined && domain === undefined) return undefined;
  return normaliseDeclaration(
    {
      provider,
      service,
      name,
      purpose,
      category,
      lifetime,
      party,
      domain,
      storage,
      consentExempt,
      hosts,
    },
    langs.languages ?? [],
  );
}

function readDeclarationName(
  c: FieldChecker,
  value: unknown,
  path: string,
  storage: TrackerStorage | undefined,
): string | undefined {
  const name = c.string(value, path, { max: PORTAL_FILE_LIMITS.declarationName });
  if (name === undefined) return undefined;
  if (/^\*+$/.test(name)) {
    c.add(path, 'bare_wildcard');
    return undefined;
  }
  if (storage === 'cookie' && !COOKIE_NAME.test(name)) {
    c.add(path, 'bad_cookie_name', { value: name });
    return undefined;
  }
  return name;
}

/** Declaration with keys in their documented order and empty optional values left out. */
export function normaliseDeclaration(d: Declaration, languages: readonly Lang[]): Declaration {
  return {
    provider: d.provider,
    service: orderLocalized(d.service, languages),
    name: d.name,
    purpose: orderLocalized(d.purpose, languages),
    category: d.category,
    ...(d.lifetime !== undefined && { lifetime: d.lifetime }),
    party: d.party,
    ...(d.domain !== undefined && { domain: d.domain }),
    storage: d.storage,
    ...(d.consentExempt === true && { consentExempt: true }),
    ...(d.hosts !== undefined && d.hosts.length > 0 && { hosts: [...d.hosts] }),
  };
}

/** Translations in the portal's language order, then any others alphabetically. */
export function orderLocalized(text: LocalizedText, languages: readonly Lang[]): LocalizedText {
  const rank = (lang: Lang) => {
    const i = languages.indexOf(lang);
    return i === -1 ? languages.length : i;
  };
  const keys = Object.keys(text).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, text[k]!]));
}
