import { describe, expect, it } from 'vitest';
import { MESSAGE_MODULES, catalogs } from './catalog.js';
import { SUPPORTED_LANGUAGES } from './supported-languages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  it('has every French key in every language and nothing more', () => {
    const reference = Object.keys(catalogs.fr).sort();
    for (const lang of SUPPORTED_LANGUAGES) {
      expect(Object.keys(catalogs[lang]).sort(), lang).toEqual(reference);
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const [key, text] of Object.entries(catalogs.fr)) {
      for (const lang of SUPPORTED_LANGUAGES) {
        const other = (catalogs[lang] as Record<string, string>)[key] ?? '';
        expect(placeholders(other), `${lang} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('has no empty message', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      for (const [key, text] of Object.entries(catalogs[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('prefixes keys with their area so modules never overwrite each other', () => {
    for (const [area, module] of Object.entries(MESSAGE_MODULES)) {
      for (const lang of SUPPORTED_LANGUAGES) {
        for (const key of Object.keys(module[lang])) {
          expect(key.startsWith(`${area}.`), `${area}: ${key}`).toBe(true);
        }
      }
    }
  });
});
