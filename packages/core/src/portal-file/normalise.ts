import {
  CHARTER_SECTION_IDS,
  type CharterSectionId,
  type Declaration,
  type Lang,
  type LocalizedText,
  type PortalContent,
} from '../portal.js';

/**
 * Declaration with keys in their documented order, defaults filled in (first party, a cookie) and
 * empty optional values left out.
 */
export function normaliseDeclaration(
  d: Omit<Declaration, 'party' | 'storage'> & Partial<Pick<Declaration, 'party' | 'storage'>>,
  languages: readonly Lang[],
): Declaration {
  return {
    provider: d.provider,
    service: orderLocalized(d.service, languages),
    name: d.name,
    purpose: orderLocalized(d.purpose, languages),
    category: d.category,
    ...(d.lifetime !== undefined && { lifetime: d.lifetime }),
    party: d.party ?? 'first',
    ...(d.domain !== undefined && { domain: d.domain }),
    storage: d.storage ?? 'cookie',
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

/** Charter sections in their documented order, each text in the portal's language order. */
export function orderTexts(
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
