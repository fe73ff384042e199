import type { SupportedLanguage } from './supported-languages.js';

/** Flat messages of one language: `key → text`, text may hold `{param}` placeholders. */
export type Messages = Readonly<Record<string, string>>;

/**
 * One area's messages (`i18n/messages/<area>.ts`). Keys are prefixed with the area
 * (`charter.title`) so merged catalogs never collide; `fr` is the reference.
 */
export type MessageModule = Readonly<Record<SupportedLanguage, Messages>>;

/**
 * Declares an area's messages so that `en` must have exactly the keys of `fr` (checked by the
 * compiler; placeholders are checked by the catalog test).
 */
export function defineMessages<F extends Messages>(module: {
  readonly fr: F;
  readonly en: { readonly [K in keyof F]: string };
}): { readonly fr: F; readonly en: { readonly [K in keyof F]: string } } {
  return module;
}
