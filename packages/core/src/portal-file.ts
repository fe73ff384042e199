import { ValidationError } from './errors.js';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from './i18n/supported-languages.js';
import { didYouMean, fieldPath, FieldChecker } from './field-checker.js';
import { fieldError } from './field-error.js';
import {
  CHARTER_SECTION_IDS,
  type CharterSectionId,
  type CustomCategory,
  type Declaration,
  type Lang,
  type LocalizedText,
  type Party,
  type PortalContent,
  type TrackerStorage,
} from './portal.js';
import {
  customCategoryIds,
  normaliseDeclaration,
  orderLocalized,
  readCategories,
  readDeclarations,
  readLocalized,
  type LanguageContext,
} from './portal-file-declarations.js';
import { HOST_NAME, LANGUAGE, PORTAL_FILE_LIMITS, HTTP_URL } from './portal-file-limits.js';
import { readWidgetSettings } from './widget-settings-file.js';
import type { WidgetSettings } from './widget-settings.js';

/** Value of the `format` key of every portal file this version reads and writes. */
export const PORTAL_FILE_FORMAT = 'galette.portal/1';

/** A declaration as written in a portal file: `party` and `storage` may be left to defaults. */
export type PortalFileDeclaration = Omit<Declaration, 'party' | 'storage'> & {
  readonly party?: Party;
  readonly storage?: TrackerStorage;
};

/**
 * The import/export form of one portal (`docs/portal-file.md`). Keys left out take their
 * defaults; `toPortalFile` writes every default out.
 */
export interface PortalFile {
  readonly format: typeof PORTAL_FILE_FORMAT;
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly origins?: readonly string[];
  readonly languages?: readonly Lang[];
  readonly defaultLanguage?: Lang;
  readonly categories?: readonly CustomCategory[];
  readonly declarations: readonly PortalFileDeclaration[];
  readonly texts?: PortalContent['texts'];
  readonly widget?: WidgetSettings;
}

const PORTAL_FIELDS = [
  'format',
  'id',
  'name',
  'url',
  'origins',
  'languages',
  'defaultLanguage',
  'categories',
  'declarations',
  'texts',
  'widget',
] as const;
const DEFAULT_LANGUAGES: readonly Lang[] = ['fr', 'en'];

/**
 * Validates a parsed portal file and returns its normalised content: defaults filled in, keys
 * and translations in a stable order, `consentExempt: false` and empty `hosts` dropped, so equal
 * portals give equal revision hashes. Throws one `ValidationError` naming every problem.
 */
export function parsePortalFile(input: unknown): PortalContent {
  const c = new FieldChecker();
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError([fieldError('', 'not_a_json_object')], 'invalid portal file');
  }
  const file = input as Record<string, unknown>;
  c.fields(file, '', PORTAL_FIELDS, ['format', 'id', 'name', 'url', 'declarations']);
  if (file.format !== undefined && file.format !== PORTAL_FILE_FORMAT) {
    c.add('format', 'wrong_format', { format: PORTAL_FILE_FORMAT });
  }

  const id = readId(c, file.id);
  const name = c.string(file.name, 'name', { max: PORTAL_FILE_LIMITS.name });
  const url = readUrl(c, file.url, id);
  const origins =
    file.origins === undefined
      ? url !== undefined
        ? [new URL(url).origin]
        : undefined
      : c.uniqueStrings(
          file.origins,
          'origins',
          { min: 1, max: PORTAL_FILE_LIMITS.origins },
          (s, p) => checkOrigin(c, s, p),
        );
  const languages =
    file.languages === undefined
      ? DEFAULT_LANGUAGES
      : c.uniqueStrings(
          file.languages,
          'languages',
          { min: 1, max: PORTAL_FILE_LIMITS.languages },
          (s, p) => {
            if (!LANGUAGE.test(s)) c.add(p, 'not_a_language_code', { value: s });
            // A language without catalogs would be published with French around its texts.
            else if (!isSupportedLanguage(s)) {
              c.add(p, 'no_catalog_language', {
                value: s,
                languages: SUPPORTED_LANGUAGES.join(', '),
              });
            } else return s;
            return undefined;
          },
        );
  const defaultLanguage = readDefaultLanguage(c, file.defaultLanguage, languages);
  const langs: LanguageContext = { languages, defaultLanguage };

  const categories = readCategories(c, file.categories, langs);
  const customIds = customCategoryIds(file.categories);
  const declarations = readDeclarations(c, file.declarations, langs, customIds);
  const texts = readTexts(c, file.texts, langs);
  const widget = readWidgetSettings(c, file.widget, langs, customIds);

  if (c.errors.length > 0) throw new ValidationError(c.errors, 'invalid portal file');
  // Every undefined below was reported as an error, so reaching here means all are set.
  return {
    id: id!,
    name: name!,
    url: url!,
    origins: origins!,
    languages: languages!,
    defaultLanguage: defaultLanguage!,
    categories: categories ?? [],
    declarations: declarations!,
    texts: texts ?? {},
    ...(widget && { widget }),
  };
}

/** The export form of `content`, format key first and defaults written out. */
export function toPortalFile(content: PortalContent): PortalFile {
  return {
    format: PORTAL_FILE_FORMAT,
    id: content.id,
    name: content.name,
    url: content.url,
    origins: [...content.origins],
    languages: [...content.languages],
    defaultLanguage: content.defaultLanguage,
    categories: content.categories.map((cat) => ({
      id: cat.id,
      label: orderLocalized(cat.label, content.languages),
      description: orderLocalized(cat.description, content.languages),
    })),
    declarations: content.declarations.map((d) => normaliseDeclaration(d, content.languages)),
    texts: orderTexts(content.texts, content.languages),
    ...(content.widget && { widget: content.widget }),
  };
}

function readId(c: FieldChecker, value: unknown): string | undefined {
  const id = c.string(value, 'id', { max: 253 });
  if (id === undefined || HOST_NAME.test(id)) return id;
  c.add('id', 'not_a_portal_id');
  return undefined;
}

function readUrl(c: FieldChecker, value: unknown, id: string | undefined): string | undefined {
  const text = c.string(value, 'url', { max: PORTAL_FILE_LIMITS.url });
  if (text === undefined) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url && (url.username || url.password)) {
    c.add('url', 'url_has_credentials');
    return undefined;
  }
  // The pattern refuses what the URL parser would quietly repair (`HTTPS:`, `https:host`, spaces).
  if (!url || !HTTP_URL.test(text)) {
    c.add('url', 'not_a_portal_url');
    return undefined;
  }
  if (id !== undefined && url.hostname !== id) {
    c.add('url', 'url_host_mismatch', { host: url.hostname, id });
    return undefined;
  }
  return text;
}

function checkOrigin(c: FieldChecker, text: string, path: string): string | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text) {
    return text;
  }
  c.add(path, 'not_an_origin', { value: text });
  return undefined;
}

function readDefaultLanguage(
  c: FieldChecker,
  value: unknown,
  languages: readonly Lang[] | undefined,
): Lang | undefined {
  if (value === undefined) {
    if (!languages) return undefined;
    return languages.includes('fr') ? 'fr' : languages[0];
  }
  const lang = c.string(value, 'defaultLanguage', { max: 2 });
  if (lang === undefined || !languages) return undefined;
  if (languages.includes(lang)) return lang;
  c.add('defaultLanguage', 'not_a_portal_language', {
    value: lang,
    languages: languages.join(', '),
  });
  return undefined;
}

function readTexts(
  c: FieldChecker,
  value: unknown,
  langs: LanguageContext,
): PortalContent['texts'] | undefined {
  const obj = c.object(value, 'texts');
  if (!obj) return undefined;
  const out: Partial<Record<CharterSectionId, LocalizedText>> = {};
  for (const [key, text] of Object.entries(obj)) {
    const path = fieldPath('texts', key);
    if (!(CHARTER_SECTION_IDS as readonly string[]).includes(key)) {
      c.add(path, 'unknown_charter_section', didYouMean(key, CHARTER_SECTION_IDS));
      continue;
    }
    const localized = readLocalized(c, text, path, langs, {
      max: PORTAL_FILE_LIMITS.text,
      multiline: true,
    });
    if (localized) out[key as CharterSectionId] = localized;
  }
  return orderTexts(out, langs.languages ?? []);
}

function orderTexts(
  texts: PortalContent['texts'],
  languages: readonly Lang[],
): PortalContent['texts'] {
  const out: Partial<Record<CharterSectionId, LocalizedText>> = {};
  for (const id of CHARTER_SECTION_IDS) {
    const text = texts[id];
    if (text) out[id] = orderLocalized(text, languages);
  }
  return out;
}

export { PORTAL_FILE_LIMITS } from './portal-file-limits.js';
