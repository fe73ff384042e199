import { describe, expect, it } from 'vitest';
import { interpolate, translate, translator } from './translate.js';

describe('translate', () => {
  it('returns the text of the requested language', () => {
    expect(translate('fr', 'charter.section.title')).toBe('Charte cookies');
    expect(translate('en', 'charter.section.title')).toBe('Cookie policy');
  });

  it('falls back to French for an unsupported language, then to the key', () => {
    expect(translate('de', 'charter.section.title')).toBe('Charte cookies');
    expect(translate('en', 'nowhere.to.be.found')).toBe('nowhere.to.be.found');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(interpolate('{a} et {b}', { a: 1 })).toBe('1 et {b}');
    expect(interpolate('{a}{a}', { a: 'x' })).toBe('xx');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('binds a language with translator()', () => {
    expect(translator('en')('charter.section.title')).toBe('Cookie policy');
  });
});
