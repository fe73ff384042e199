import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_ACTIONS, CONSENT_SOURCES } from './consent.js';
import { parseConsentSubmission } from './consent-submission.js';
import { CONSENT_ID, consentIdFrom, consentSubmissionShape } from './consent-submission-shape.js';
import { ValidationError, type FieldError } from './errors.js';

const CATEGORIES = ['necessary', 'statistics', 'preferences', 'marketing', 'video'];

const valid = {
  eventId: '3f1c1b7e-5d2a-4c55-9a57-1f7d2f7ad0c1',
  consentId: '0mit4g0ywZk3vN0q-8Hh2mW_pQ1xYtA',
  revision: `sha256:${'0123456789abcdef'.repeat(4)}`,
  choices: { statistics: true, marketing: false },
  action: 'custom',
  source: 'banner',
  lang: 'fr-FR',
};

function errorsOf(body: unknown): FieldError[] {
  try {
    parseConsentSubmission(body, CATEGORIES);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).errors];
  }
  throw new Error('expected a ValidationError');
}
const pathsOf = (body: unknown) => errorsOf(body).map((e) => e.path);

describe('parseConsentSubmission', () => {
  it('returns the normalised submission: necessary granted, primary language subtag', () => {
    expect(parseConsentSubmission(valid, CATEGORIES)).toEqual({
      ...valid,
      lang: 'fr',
      choices: { statistics: true, marketing: false, necessary: true },
    });
  });

  it('names every missing or mistyped field', () => {
    expect(pathsOf({})).toEqual([
      'eventId',
      'consentId',
      'revision',
      'action',
      'source',
      'lang',
      'choices',
    ]);
    expect(errorsOf({ ...valid, eventId: 12 })).toEqual([
      {
        path: 'eventId',
        code: 'expected_string',
        params: { got: 'number' },
        message: 'expected a string, got number',
      },
    ]);
    expect(pathsOf({ ...valid, choices: [] })).toEqual(['choices']);
    expect(pathsOf({ ...valid, choices: { statistics: 'yes' } })).toEqual(['choices.statistics']);
    expect(pathsOf({ ...valid, action: 'accept' })).toEqual(['action']);
    expect(pathsOf({ ...valid, source: null })).toEqual(['source']);
    expect(pathsOf({ ...valid, lang: 'français' })).toEqual(['lang']);
  });

  it('refuses the document when it is not an object', () => {
    for (const body of [null, [], 'x', 3, true, undefined]) expect(pathsOf(body)).toEqual(['']);
  });

  it('refuses unknown members and unknown categories instead of ignoring them', () => {
    expect(pathsOf({ ...valid, ip: '1.2.3.4' })).toEqual(['ip']);
    expect(pathsOf({ ...valid, choices: { marketting: true } })).toEqual(['choices.marketting']);
    expect(pathsOf({ ...valid, choices: JSON.parse('{"__proto__": true}') })).toEqual([
      'choices.__proto__',
    ]);
  });

  it('checks id formats: the consent id must be long enough to stay secret', () => {
    expect(pathsOf({ ...valid, consentId: 'short' })).toEqual(['consentId']);
    expect(pathsOf({ ...valid, eventId: 'a'.repeat(65) })).toEqual(['eventId']);
    expect(pathsOf({ ...valid, revision: `sha256:${'A'.repeat(64)}` })).toEqual(['revision']);
  });

  it('refuses consent ids the widget would not make, and names the field', () => {
    const widgetMade = consentIdFrom(
      Date.parse('2026-12-06T05:00:00Z'),
      new Uint8Array(16).fill(255),
    );
    expect(widgetMade).toMatch(CONSENT_ID);
    expect(parseConsentSubmission({ ...valid, consentId: widgetMade }, CATEGORIES).consentId).toBe(
      widgetMade,
    );
    for (const consentId of [
      '3f1c1b7e-5d2a-4c55-9a57-1f7d2f7ad0c1', // a UUID: no time prefix
      'Zk3vN0q-8Hh2mW_pQ1xYt4', // 128 bits without the time
      '0mit4g0ywZk3vN0q-8Hh2mW_pQ1xYt4', // 21 random characters
      '0mit4g0ywZk3vN0q-8Hh2mW_pQ1xYt4B', // a 22nd character carrying more than 2 bits
      '0MIT4G0YWZk3vN0q-8Hh2mW_pQ1xYtA', // time not in lowercase base 36
      `${widgetMade}x`,
    ]) {
      expect(errorsOf({ ...valid, consentId }), consentId).toEqual([
        expect.objectContaining({ path: 'consentId', code: 'not_a_consent_id' }),
      ]);
    }
  });

  it('refuses an empty choices object', () => {
    expect(errorsOf({ ...valid, choices: {} })).toEqual([
      expect.objectContaining({ path: 'choices', code: 'no_choices' }),
    ]);
  });

  it('keeps the choices coherent with the action', () => {
    expect(pathsOf({ ...valid, action: 'accept_all' })).toEqual(['choices.marketing']);
    expect(pathsOf({ ...valid, action: 'reject_all' })).toEqual(['choices.statistics']);
    expect(pathsOf({ ...valid, choices: { necessary: false } })).toEqual(['choices.necessary']);
    expect(
      parseConsentSubmission(
        { ...valid, action: 'withdraw', choices: { statistics: false } },
        CATEGORIES,
      ).choices,
    ).toEqual({ statistics: false, necessary: true });
  });

  it('records an objection to exempt measurement whatever the action', () => {
    const known = [...CATEGORIES, 'audience'];
    for (const action of ['accept_all', 'reject_all', 'withdraw', 'custom']) {
      for (const audience of [true, false]) {
        const choices = { statistics: action === 'accept_all', audience };
        expect(parseConsentSubmission({ ...valid, action, choices }, known).choices).toEqual({
          ...choices,
          necessary: true,
        });
      }
    }
    expect(pathsOf({ ...valid, choices: { audience: false } })).toEqual(['choices.audience']);
  });

  it('echoes hostile keys escaped and cut, never as they came', () => {
    const [error] = errorsOf({
      ...valid,
      choices: { ['\u202Eevil\uD800' + 'x'.repeat(100)]: true },
    });
    expect(error!.path).toBe(`choices["\\u202eevil\\ud800${'x'.repeat(24)}..."]`);
  });

  it('caps the number of choices and of reported errors', () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`c${i}`, true]));
    expect(errorsOf({ ...valid, choices: many })).toEqual([
      {
        path: 'choices',
        code: 'too_many_choices',
        params: { max: 64 },
        message: 'at most 64 categories',
      },
    ]);
    const junk = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
    expect(errorsOf({ ...valid, ...junk }).length).toBe(20);
  });
});

const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '\u0000',
    '\u202E',
    '\uFEFF',
    '\uD800',
    'ſ',
    'K',
    '１２３',
    '__proto__',
    'constructor',
  ),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('parseConsentSubmission, property-based', () => {
  it('gives the verdict of the documented definition (no revision) on bodies naming its categories', () => {
    // The JSON Schema and OpenAPI document come from the shape without a revision's categories;
    // a consent is checked with the revision's. Where a body names only known categories, both
    // must agree, so what the documents promise is what the API does.
    const shape = consentSubmissionShape();
    // Mostly valid members, so both sides often accept; any member may be odd, junk or missing.
    const member = <T>(good: T, odd: fc.Arbitrary<unknown>) =>
      fc.oneof(
        { arbitrary: fc.constant(good), weight: 16 },
        { arbitrary: odd, weight: 2 },
        { arbitrary: anyJson, weight: 1 },
      );
    const fields = {
      eventId: member(valid.eventId, fc.stringMatching(/^[\w-]{14,66}$/)),
      consentId: member(
        valid.consentId,
        fc.stringMatching(/^[0-9a-z]{9}[A-Za-z0-9_-]{21}[A-Za-z0-9_-]{1,2}$/),
      ),
      revision: member(valid.revision, fc.constantFrom('sha256:1', `sha256:${'F'.repeat(64)}`)),
      choices: member(
        valid.choices,
        fc.dictionary(
          fc.constantFrom(...CATEGORIES, 'unknown', '__proto__'),
          fc.oneof({ arbitrary: fc.boolean(), weight: 4 }, anyJson),
          { maxKeys: 4 },
        ),
      ),
      action: member(valid.action, fc.constantFrom(...CONSENT_ACTIONS, 'accept')),
      source: member(valid.source, fc.constantFrom(...CONSENT_SOURCES, 'popup')),
      lang: member(valid.lang, fc.constantFrom('fr', 'en-GB', 'zh-Hant-TW', 'fr_FR', 'f')),
    };
    const near = fc.oneof(
      { arbitrary: fc.record(fields), weight: 8 },
      fc.record({ ...fields, extra: anyJson }, { requiredKeys: [] }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(near, anyJson), (candidate) => {
        const body: unknown = JSON.parse(JSON.stringify(candidate) ?? 'null');
        const choices = (body as { choices?: unknown } | null)?.choices;
        if (
          choices !== null &&
          typeof choices === 'object' &&
          Object.keys(choices).some((key) => !CATEGORIES.includes(key))
        ) {
          return;
        }
        const zod = shape.safeParse(body);
        let hand: unknown;
        try {
          hand = parseConsentSubmission(body, CATEGORIES);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
        expect(zod.success, JSON.stringify(body)).toBe(hand !== undefined);
        if (zod.success) expect(hand).toEqual(zod.data);
        if (zod.success) accepted++;
      }),
      { numRuns: 1000 },
    );
    // Enough valid bodies that the verdicts compared are not all refusals.
    expect(accepted).toBeGreaterThan(50);
  });

  it('only ever returns a valid submission or throws a small ValidationError', () => {
    const fields = Object.keys(valid);
    const body = fc.oneof(
      anyJson,
      // Valid bodies with one member replaced, added or removed.
      fc.tuple(fc.constantFrom(...fields, 'extra'), fc.option(anyJson)).map(([key, value]) => {
        const copy: Record<string, unknown> = { ...valid };
        if (value === null) delete copy[key];
        else copy[key] = value;
        return copy;
      }),
    );
    fc.assert(
      fc.property(body, (b) => {
        try {
          const s = parseConsentSubmission(b, CATEGORIES);
          expect(s.choices.necessary).toBe(true);
          expect(s.consentId).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
          expect(s.lang).toMatch(/^[a-z]{2,3}$/);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          const errors = (e as ValidationError).errors;
          expect(errors.length).toBeGreaterThan(0);
          expect(errors.length).toBeLessThanOrEqual(20);
          for (const { path } of errors) expect(path).toMatch(/^[\x20-\x7e]{0,80}$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every well-formed submission', () => {
    const submission = fc.record({
      eventId: fc.uuid(),
      consentId: fc.stringMatching(CONSENT_ID),
      revision: fc.stringMatching(/^sha256:[0-9a-f]{64}$/),
      action: fc.constantFrom('custom' as const),
      source: fc.constantFrom(...CONSENT_SOURCES),
      lang: fc.constantFrom('fr', 'en', 'de'),
      choices: fc.dictionary(fc.constantFrom(...CATEGORIES.slice(1)), fc.boolean(), { minKeys: 1 }),
    });
    fc.assert(
      fc.property(submission, (s) => {
        const parsed = parseConsentSubmission(s, CATEGORIES);
        expect(parsed).toEqual({ ...s, choices: { ...s.choices, necessary: true } });
      }),
      { numRuns: 200 },
    );
    expect(CONSENT_ACTIONS).toContain('custom');
  });
});
