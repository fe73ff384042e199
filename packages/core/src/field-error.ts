import type { FieldError, FieldErrorParams } from './errors.js';
import { translate } from './i18n/translate.js';
import { validationMessages } from './i18n/messages/validation.js';

type CodeOf<K> = K extends `validation.${infer C}`
  ? C extends `${string}.${string}`
    ? never
    : C
  : never;

/**
 * Stable identifier of one kind of field problem (`unknown_category`, `too_long`…): what API
 * clients branch on, and the key of its text in the `validation` catalog.
 */
export type FieldErrorCode = CodeOf<keyof (typeof validationMessages)['fr']>;

/** Every field error code, for documentation (the OpenAPI error schema). */
export const FIELD_ERROR_CODES = Object.keys(validationMessages.fr)
  .map((key) => key.slice('validation.'.length))
  .filter((code) => !code.includes('.')) as FieldErrorCode[];

/** A field error whose English `message` is the catalog's, so the two cannot drift apart. */
export function fieldError(
  path: string,
  code: FieldErrorCode,
  params?: FieldErrorParams,
): FieldError {
  const error = { path, code, ...(params ? { params } : {}) };
  return { ...error, message: renderFieldError(code, params, 'en') };
}

/**
 * The error's message in `lang`. Errors without a code were written already localized (by a
 * server-side check answering one request) and keep their message.
 */
export function localizeFieldError(error: FieldError, lang: string): string {
  return error.code ? renderFieldError(error.code, error.params, lang) : error.message;
}

/** `path: message`, in English as the error was built, or in `lang` when given. */
export function formatFieldError(error: FieldError, lang?: string): string {
  const message = lang === undefined ? error.message : localizeFieldError(error, lang);
  if (!error.path) return message;
  return translate(lang ?? 'en', 'validation.format.field', { path: error.path, message });
}

function renderFieldError(
  code: FieldErrorCode,
  params: FieldErrorParams | undefined,
  lang: string,
) {
  const filled: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    filled[name] = typeof value === 'object' ? quotedList(value, lang) : value;
  }
  const key = `validation.${code}`;
  const one = `${key}.one`;
  const text = translate(lang, params?.count === 1 && hasKey(lang, one) ? one : key, filled);
  const suggestion = params?.suggestion;
  return suggestion === undefined
    ? text
    : text + translate(lang, 'validation.format.didYouMean', { suggestion: String(suggestion) });
}

function hasKey(lang: string, key: string): boolean {
  return translate(lang, key) !== key;
}

function quotedList(values: readonly string[], lang: string): string {
  return values.map((value) => translate(lang, 'validation.format.quoted', { value })).join(', ');
}
