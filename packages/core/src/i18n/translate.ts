import { catalogs, type MessageKey } from './catalog.js';
import { REFERENCE_LANGUAGE, isSupportedLanguage } from './supported-languages.js';

export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces `{param}` placeholders; unknown ones are kept so a missing value shows. */
export function interpolate(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The text of `key` in `lang`, falling back to French, then to the key itself. */
export function translate(
  lang: string,
  key: MessageKey | (string & {}),
  params?: MessageParams,
): string {
  const own = isSupportedLanguage(lang) ? lookup(lang, key) : undefined;
  const text = own ?? lookup(REFERENCE_LANGUAGE, key) ?? key;
  return interpolate(text, params);
}

function lookup(lang: keyof typeof catalogs, key: string): string | undefined {
  const catalog = catalogs[lang] as Readonly<Record<string, string>>;
  return Object.hasOwn(catalog, key) ? catalog[key] : undefined;
}

export type Translator = (key: MessageKey, params?: MessageParams) => string;

/** `translate` bound to one language, with keys checked by the compiler. */
export function translator(lang: string): Translator {
  return (key, params) => translate(lang, key, params);
}
