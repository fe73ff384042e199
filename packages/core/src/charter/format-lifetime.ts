import { translate } from '../i18n/translate.js';
import { parseLifetime } from '../lifetime.js';

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
const UNIT_KEY = {
  years: 'year',
  months: 'month',
  weeks: 'week',
  days: 'day',
  hours: 'hour',
  minutes: 'minute',
  seconds: 'second',
} as const;

/**
 * A declared lifetime in words: `P1Y6M` → `1 an et 6 mois`, `session` → `Durée de la session`.
 * Text that is not a lifetime is shown as declared rather than hidden.
 */
export function formatLifetime(declared: string, lang: string): string {
  const lifetime = parseLifetime(declared);
  if (!lifetime) return declared;
  if (lifetime.kind === 'session') return translate(lang, 'charter.lifetime.session');
  const { plural, list, number } = intlFor(lang);
  const parts = UNITS.filter((unit) => lifetime[unit] > 0).map((unit) => {
    const count = lifetime[unit];
    const form = plural.select(count) === 'one' ? 'one' : 'other';
    // `1,5 jour`, `1.5 days`: the language's own decimal mark.
    return translate(lang, `charter.lifetime.${UNIT_KEY[unit]}.${form}`, {
      count: number.format(count),
    });
  });
  return list.format(parts);
}

// Intl objects are slow to create and charters are rendered often, in few languages.
const intlCache = new Map<
  string,
  { plural: Intl.PluralRules; list: Intl.ListFormat; number: Intl.NumberFormat }
>();

function intlFor(lang: string) {
  let intl = intlCache.get(lang);
  if (!intl) {
    intl = {
      plural: new Intl.PluralRules(lang),
      list: new Intl.ListFormat(lang, { type: 'conjunction' }),
      number: new Intl.NumberFormat(lang, { maximumFractionDigits: 6, useGrouping: false }),
    };
    intlCache.set(lang, intl);
  }
  return intl;
}
