import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, consentApp, countRecords, post } from './consent-fixtures.js';

let setup: Awaited<ReturnType<typeof consentApp>>;
const logged: unknown[] = [];

beforeAll(async () => {
  setup = await consentApp({
    log: (error) => logged.push(error),
    consents: { maxBodyBytes: 4096 },
  });
});
afterAll(() => setup.store.close());

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\u202E\u2066evil',
    '\uFEFF',
    '\uD800',
    '\uDFFF\uD800',
    'ſtatistics',
    '__proto__',
    'constructor',
    'necessary\u200B',
    'e\u0301',
    'x'.repeat(5000),
  ),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.double(),
    fc.bigInt().map((n) => Number(n)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 6 }),
  ),
})).value;

const field = fc.constantFrom(
  'eventId',
  'consentId',
  'revision',
  'choices',
  'action',
  'source',
  'lang',
  'extra',
);

/** Request bodies: valid ones, almost-valid ones, then anything at all, as text. */
const payload: fc.Arbitrary<string> = fc.oneof(
  // Valid, some needing normalisation (language tag case and region, necessary added).
  fc
    .record({
      lang: fc.constantFrom('fr', 'FR', 'fr-FR', 'en-GB', 'EN'),
      choices: fc.dictionary(fc.constantFrom('statistics', 'necessary'), fc.constant(true)),
    })
    .map((overrides) => JSON.stringify(body(setup.revision, overrides))),
  // A valid body with one member replaced, removed, or one choice made hostile.
  fc.tuple(field, fc.option(json)).map(([key, value]) => {
    const b: Record<string, unknown> = body(setup.revision);
    if (value === null) delete b[key];
    else b[key] = value;
    return JSON.stringify(b);
  }),
  fc
    .tuple(hostileString, json)
    .map(([key, value]) => JSON.stringify(body(setup.revision, { choices: { [key]: value } }))),
  json.map((v) => JSON.stringify(v) ?? 'null'),
  // Not JSON, or too deep, or too big.
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 4097, max: 20_000 }).map((n) => `{"eventId":"${'a'.repeat(n)}"}`),
);

const contentType = fc.constantFrom(
  'application/json',
  'text/plain;charset=UTF-8',
  'application/json; charset=utf-16',
  'multipart/form-data',
  '',
);

describe('consent API under hostile input (fast-check)', () => {
  it('never answers 5xx, never crashes, never stores what it refused', async () => {
    await fc.assert(
      fc.asyncProperty(payload, contentType, async (text, type) => {
        const before = await countRecords(setup.store);
        const res = await post(setup.app, text, type ? { 'content-type': type } : {});
        const after = await countRecords(setup.store);
        expect(res.status).toBeLessThan(500);
        expect([200, 201, 400, 413, 415]).toContain(res.status);
        expect(after).toBe(before + (res.status === 201 ? 1 : 0));
        // Every refusal is a readable JSON error.
        const answer = (await res.json()) as { error?: { code: string } };
        if (res.status >= 400) expect(answer.error?.code).toBe('invalid_input');
      }),
      { numRuns: 250, interruptAfterTimeLimit: 15_000 },
    );
    expect(logged).toEqual([]);
  });
});
