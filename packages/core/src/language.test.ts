import { describe, expect, it } from 'vitest';
import { negotiateLanguage, parseAcceptLanguage } from './language.js';

const both = { languages: ['fr', 'en'], defaultLanguage: 'fr' };
const enDefault = { languages: ['fr', 'en'], defaultLanguage: 'en' };
const frOnly = { languages: ['fr'], defaultLanguage: 'fr' };

describe('negotiateLanguage', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language', () => {
    const all = { query: 'en', cookie: 'fr', acceptLanguage: 'fr' };
    expect(negotiateLanguage(both, all)).toBe('en');
    expect(negotiateLanguage(both, { ...all, query: null })).toBe('fr');
    expect(negotiateLanguage(both, { cookie: 'en', acceptLanguage: 'fr' })).toBe('en');
    expect(negotiateLanguage(both, { acceptLanguage: 'en' })).toBe('en');
  });

  it('skips values the portal or Galette cannot serve', () => {
    expect(negotiateLanguage(frOnly, { query: 'en', acceptLanguage: 'en' })).toBe('fr');
    expect(negotiateLanguage(both, { query: 'de', cookie: 'xx', acceptLanguage: 'en' })).toBe('en');
    const withGerman = { languages: ['de', 'en'], defaultLanguage: 'de' };
    expect(negotiateLanguage(withGerman, { query: 'de' })).toBe('fr');
    expect(negotiateLanguage(withGerman, { acceptLanguage: 'de, en;q=0.5' })).toBe('en');
  });

  it('reduces regional tags to their language', () => {
    expect(negotiateLanguage(both, { acceptLanguage: 'en-GB,en;q=0.9' })).toBe('en');
    expect(negotiateLanguage(both, { query: 'EN-us' })).toBe('en');
  });

  it('follows q-values, not header order', () => {
    expect(negotiateLanguage(both, { acceptLanguage: 'fr;q=0.4, en-US;q=0.8, de' })).toBe('en');
    expect(negotiateLanguage(enDefault, { acceptLanguage: 'de, fr;q=0.1' })).toBe('fr');
  });

  it('ignores ranges marked q=0 and falls back to the portal default, then French', () => {
    expect(negotiateLanguage(enDefault, { acceptLanguage: 'fr;q=0' })).toBe('en');
    expect(negotiateLanguage(enDefault, {})).toBe('en');
    expect(negotiateLanguage({ languages: ['de'], defaultLanguage: 'de' }, {})).toBe('fr');
    expect(negotiateLanguage(both, { query: '', cookie: '', acceptLanguage: '' })).toBe('fr');
  });
});

describe('parseAcceptLanguage', () => {
  it('orders ranges by weight, keeping header order for ties', () => {
    expect(parseAcceptLanguage('da, en-gb;q=0.8, en;q=0.8, *;q=0.1')).toEqual([
      'da',
      'en-gb',
      'en',
    ]);
  });

  it('tolerates junk', () => {
    expect(parseAcceptLanguage(',;q=1, fr;q=abc, en ; Q=0.5')).toEqual(['en']);
  });
});
