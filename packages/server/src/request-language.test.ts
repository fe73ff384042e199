import { describe, expect, it } from 'vitest';
import { cookieValue, queryParam } from './request-language.js';

describe('queryParam', () => {
  it('reads one decoded parameter', () => {
    expect(queryParam('http://h/p?lang=en', 'lang')).toBe('en');
    expect(queryParam('http://h/p?a=1&lang=fr&lang=en', 'lang')).toBe('fr');
    expect(queryParam('http://h/p?x=%C3%A9+b', 'x')).toBe('é b');
    expect(queryParam('http://h/p?language=en', 'lang')).toBeUndefined();
    expect(queryParam('http://h/p', 'lang')).toBeUndefined();
    expect(queryParam('http://h/p?lang=en#top', 'lang')).toBe('en');
    expect(queryParam('http://h/p?x=%E0', 'x')).toBe('%E0');
  });
});

describe('cookieValue', () => {
  it('finds one cookie among others', () => {
    expect(cookieValue('a=1; galette_lang=en; b=2', 'galette_lang')).toBe('en');
    expect(cookieValue('galette_lang="fr"', 'galette_lang')).toBe('fr');
    expect(cookieValue('xgalette_lang=en', 'galette_lang')).toBeUndefined();
    expect(cookieValue(undefined, 'galette_lang')).toBeUndefined();
  });
});
