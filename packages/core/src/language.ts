import { isSupportedLanguage } from './i18n/supported-languages.js';
import type { PortalContent } from './portal.js';

export interface LanguageSources {
  /** Value of the `?lang=` query parameter. */
  readonly query?: string | null;
  /** Value of the `galette_lang` cookie. */
  readonly cookie?: string | null;
  /** Raw `Accept-Language` header. */
  readonly acceptLanguage?: string | null;
}

/**
 * Picks the language to answer in: `?lang=`, then the language cookie, then `Accept-Language`
 * (by q-value, `en-GB` counting as `en`), then the portal's default, then French. Only a language
 * the portal publishes and Galette has catalogs for is ever chosen.
 */
export function negotiateLanguage(
  portal: Pick<PortalContent, 'languages' | 'defaultLanguage'>,
  sources: LanguageSources,
): string {
  const usable = (lang: string | null | undefined): string | undefined => {
    const primary = lang ? primarySubtag(lang) : '';
    return primary && isSupportedLanguage(primary) && portal.languages.includes(primary)
      ? primary
      : undefined;
  };
  return (
    usable(sources.query) ??
    usable(sources.cookie) ??
    parseAcceptLanguage(sources.acceptLanguage ?? '')
      .map(usable)
      .find((l) => l !== undefined) ??
    usable(portal.defaultLanguage) ??
    'fr'
  );
}

function primarySubtag(tag: string): string {
  return tag.trim().split(/[-_]/)[0]!.toLowerCase();
}

/**
 * Language ranges of an `Accept-Language` header, best first; ranges with q=0 (explicitly
 * unwanted) and `*` are left out. Equal q-values keep header order.
 */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => /^q\s*=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.split('=')[1]);
      return { range, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range !== '' && r.range !== '*' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((r) => r.range);
}
