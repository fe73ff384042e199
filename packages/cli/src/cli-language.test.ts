import { describe, expect, it } from 'vitest';
import { cliLanguage } from './cli-language.js';

describe('cliLanguage', () => {
  it('reads GALETTE_LANG, then the locale variables in POSIX order, then defaults to French', () => {
    expect(cliLanguage({})).toBe('fr');
    expect(cliLanguage({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'en_US.UTF-8', LC_ALL: 'fr_FR.UTF-8' })).toBe('fr');
    expect(cliLanguage({ LANG: 'fr_FR', LC_MESSAGES: 'en_GB' })).toBe('en');
    expect(cliLanguage({ GALETTE_LANG: 'en', LC_ALL: 'fr_FR' })).toBe('en');
    expect(cliLanguage({ GALETTE_LANG: 'de', LANG: 'en_US' })).toBe('en');
  });

  it('stops at a set but unsupported locale', () => {
    expect(cliLanguage({ LC_ALL: 'C', LANG: 'en_US' })).toBe('fr');
    expect(cliLanguage({ LANG: 'de_DE.UTF-8' })).toBe('fr');
  });
});
