import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_ACTIONS, CONSENT_SOURCES } from './consent.js';
import {
  formatConsentCookie,
  parseConsentCookie,
  shortRevision,
  type StoredConsent,
} from './consent-cookie.js';

const example: StoredConsent = {
  id: 'Zk3QpL0s9vXh1mN4bC7dEw',
  revision: '9f86d081884c7d65',
  time: 1_767_225_600_000,
  choices: { statistics: 'a1b2c3', marketing: false, preferences: false },
};

describe('consent cookie', () => {
  it('writes a compact value with accepted fingerprints and bare refusals', () => {
    expect(formatConsentCookie(example)).toBe(
      '1.Zk3QpL0s9vXh1mN4bC7dEw.9f86d081884c7d65.mjuohs00.statistics:a1b2c3!marketing!preferences',
    );
    expect(
      formatConsentCookie({ ...example, pending: { action: 'custom', source: 'gpc' } }),
    ).toMatch(/\.p22$/);
  });

  it('keeps only RFC 6265 cookie-octets that URL-decoding servers leave alone', () => {
    expect(formatConsentCookie(example)).toMatch(/^[A-Za-z0-9_.!:-]+$/);
  });

  it('reads back what it writes, pending flag included', () => {
    const category = fc.stringMatching(/^[a-z][a-z0-9_-]{0,31}$/);
    const consent = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      revision: fc.stringMatching(/^[0-9a-f]{16}$/),
      time: fc.integer({ min: 1, max: 2 ** 40 }),
      choices: fc.dictionary(
        category,
        fc.oneof(fc.constant(false as const), fc.stringMatching(/^[0-9a-f]{6}$/)),
      ),
    });
    const pending = fc.option(
      fc.record({
        action: fc.constantFrom(...CONSENT_ACTIONS),
        source: fc.constantFrom(...CONSENT_SOURCES),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(consent, pending, (c, p) => {
        const value: StoredConsent = p ? { ...c, pending: p } : c;
        expect(parseConsentCookie(formatConsentCookie(value))).toEqual(value);
      }),
    );
  });

  it('ignores values of another version or shape instead of guessing', () => {
    const good = formatConsentCookie(example);
    for (const bad of [
      undefined,
      '',
      `2${good.slice(1)}`,
      good.replace('statistics:a1b2c3', 'statistics:'),
      good.replace('statistics', 'Statistics'),
      good.replace('9f86d081884c7d65', 'sha256'),
      good.replace('Zk3QpL0s9vXh1mN4bC7dEw', 'short'),
      `${good}.p9`,
      `${good}.x00`,
      `${good}.p00.extra`,
      'true',
    ]) {
      expect(parseConsentCookie(bad), String(bad)).toBeUndefined();
    }
  });

  it('accepts a choice list with nothing in it', () => {
    expect(parseConsentCookie(formatConsentCookie({ ...example, choices: {} }))?.choices).toEqual(
      {},
    );
  });

  it('shortens a revision hash to its first 16 hex digits', () => {
    expect(shortRevision(`sha256:${'0123456789abcdef'.repeat(4)}`)).toBe('0123456789abcdef');
  });
});
