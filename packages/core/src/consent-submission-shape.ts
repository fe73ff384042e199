import { z } from 'zod';
import { EXEMPT_CATEGORY } from './categories.js';
import { CONSENT_ACTIONS, CONSENT_SOURCES, type ConsentAction } from './consent.js';
import { CUSTOM_CATEGORY_ID_PATTERN } from './portal-file-limits.js';
import type { FieldErrorCode } from './field-error.js';
import { firstProblem } from './shape/first-problem.js';
import { shapeError, shapeIssue } from './shape/zod-field-errors.js';

/** Random event id: a UUID or 16 to 64 URL-safe characters. */
export const CONSENT_EVENT_ID = /^[A-Za-z0-9_-]{16,64}$/;
/**
 * The consent id, as the widget makes it: the time in milliseconds, base 36 on 9 characters (so
 * ids sort by age and proofs append to their index), then 128 random bits in base64url, whose
 * 22nd character carries only 2 bits. It is the secret of the visitor's receipt URL.
 */
export const CONSENT_ID = /^[0-9a-z]{9}[A-Za-z0-9_-]{21}[AQgw]$/;
/**
 * Consent ids as earlier versions accepted them (22 to 64 URL-safe characters): receipts stored
 * under such an id can still be looked up.
 */
export const STORED_CONSENT_ID = /^[A-Za-z0-9_-]{22,64}$/;
export const REVISION_HASH = /^sha256:[0-9a-f]{64}$/;
/** A BCP 47 tag (`fr`, `en-GB`); only its primary subtag is kept. */
export const LANGUAGE_TAG = /^([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8}){0,3}$/;
/** More choices than any portal has categories is an attack or a bug, not a visitor. */
export const MAX_CONSENT_CHOICES = 64;

/** A consent id of the widget's shape: `time` in ms, then 16 random bytes. */
export function consentIdFrom(time: number, random: Uint8Array): string {
  if (random.length !== 16) throw new RangeError('a consent id needs 16 random bytes');
  const base64 = btoa(String.fromCharCode(...random))
    .slice(0, 22)
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return Math.floor(time).toString(36).padStart(9, '0') + base64;
}

/** A fresh consent id of the widget's shape (API clients and tests; the widget makes its own). */
export function newConsentId(now = Date.now()): string {
  return consentIdFrom(now, globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** Every category but `necessary` (checked on its own) and exempt measurement must be `value`. */
const coherentChoices = (value: boolean) => ({
  type: 'object',
  properties: { necessary: true, [EXEMPT_CATEGORY]: true },
  additionalProperties: { const: value },
});

/** What a value is, for the consent API's type errors (`expected_string`, got `number`). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/*
 * The consent API's error codes are its own (a widget or an API client branches on them since
 * its first version): `missing`, `expected_string` with the type that came, `expected_one_of`,
 * `no_pattern_match` with the pattern. Each member states them, so zod reports them as they were.
 */
const typeError = (expected: FieldErrorCode) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined
      ? shapeError('missing').error()
      : shapeError(expected, { got: kindOf(issue.input) }).error(),
});
const patterned = (
  pattern: RegExp,
  mismatch = shapeError('no_pattern_match', { pattern: pattern.source }),
) => z.string(typeError('expected_string')).regex(pattern, { ...mismatch, ...firstProblem });
const oneOf = <T extends string>(values: readonly T[]) =>
  z.enum(values as readonly [T, ...T[]], {
    error: (issue) =>
      issue.input === undefined
        ? shapeError('missing').error()
        : shapeError('expected_one_of', { allowed: values.join(', ') }).error(),
  });

/**
 * Body of `POST /api/v1/portals/{portalId}/consents`. Given the categories of the revision the
 * visitor was shown, choices must name only those; without them (the JSON Schema, the OpenAPI
 * document), any category id is allowed. The output is normalised: `necessary` always true when
 * the revision has it, the language reduced to its primary subtag. `parseConsentSubmission`
 * checks every consent with it (one shape kept per category list).
 */
export function consentSubmissionShape(knownCategories?: readonly string[]) {
  const choiceKey =
    knownCategories === undefined
      ? z.string().regex(new RegExp(CUSTOM_CATEGORY_ID_PATTERN))
      : z.string().refine((key) => knownCategories.includes(key), {
          params: { galette: 'unknown_choice' },
        });
  return z
    .strictObject({
      eventId: patterned(CONSENT_EVENT_ID).meta({
        description: 'Random per event, so a retried beacon is stored once.',
      }),
      consentId: patterned(CONSENT_ID, shapeError('not_a_consent_id')).meta({
        description:
          "The visitor's secret receipt key: the time in ms, base 36 on 9 characters, then 128 random bits in base64url.",
      }),
      revision: patterned(REVISION_HASH).meta({
        description: 'Hash of the published revision the visitor was shown.',
      }),
      action: oneOf(CONSENT_ACTIONS),
      source: oneOf(CONSENT_SOURCES),
      lang: patterned(LANGUAGE_TAG, shapeError('expected_language_tag'))
        .transform((tag) => tag.split('-')[0]!.toLowerCase())
        .meta({
          description: 'BCP 47 tag; one the revision publishes. Only the primary subtag is kept.',
        }),
      choices: z.preprocess(
        (raw, ctx) => {
          if (!isPlainObject(raw)) return raw;
          const count = Object.keys(raw).length;
          // Said alone: a body naming hundreds of categories gets one error, not hundreds.
          if (count > MAX_CONSENT_CHOICES) {
            ctx.addIssue(shapeIssue('too_many_choices', { max: MAX_CONSENT_CHOICES }));
          } else if (count === 0) {
            ctx.addIssue(shapeIssue('no_choices'));
          } else if (Object.hasOwn(raw, '__proto__')) {
            // zod passes over a `__proto__` member (JSON.parse makes it an own key); refuse it
            // as the unknown category it is.
            ctx.addIssue(shapeIssue('unknown_choice', undefined, ['__proto__']));
          }
          return raw;
        },
        z
          .record(choiceKey, z.boolean(typeError('expected_boolean')), {
            error: (issue) =>
              issue.code === 'invalid_key'
                ? shapeError('unknown_choice').error()
                : issue.input === undefined
                  ? shapeError('missing').error()
                  : shapeError('expected_object', { got: kindOf(issue.input) }).error(),
          })
          .meta({
            description:
              'Category id → accepted; at least one. Keys must be categories of the named revision; `necessary` can only be true and is added when missing.',
            minProperties: 1,
            maxProperties: MAX_CONSENT_CHOICES,
            properties: { necessary: { const: true } },
          }),
      ),
    })
    .superRefine(
      (parsed, ctx) => {
        // Runs even when other members have problems (`when`), as the hand validator before it:
        // a client is told everything at once. Only choices that are known booleans are weighed,
        // against the action when it is a valid one.
        if (!isPlainObject(parsed)) return;
        const body: Record<string, unknown> = parsed;
        const choices = body.choices;
        if (!isPlainObject(choices) || Object.keys(choices).length > MAX_CONSENT_CHOICES) return;
        const action = (CONSENT_ACTIONS as readonly string[]).includes(body.action as string)
          ? (body.action as ConsentAction)
          : undefined;
        for (const [key, choice] of Object.entries(choices)) {
          if (typeof choice !== 'boolean') continue;
          if (knownCategories !== undefined && !knownCategories.includes(key)) continue;
          if (key === 'necessary' && !choice) {
            ctx.addIssue(shapeIssue('necessary_refused', undefined, ['choices', key]));
          } else if (!coherent(action, key, choice)) {
            ctx.addIssue(
              shapeIssue('contradicts_action', { action: String(action) }, ['choices', key]),
            );
          }
        }
      },
      { when: () => true },
    )
    .transform((body) => ({
      ...body,
      choices: Object.fromEntries([
        ...Object.entries(body.choices).filter(([key]) => key !== 'necessary'),
        ...(knownCategories === undefined || knownCategories.includes('necessary')
          ? [['necessary', true] as const]
          : []),
      ]) as Readonly<Record<string, boolean>>,
    }))
    .meta({
      // A proof never says "accept all" next to a refused category, nor the reverse.
      allOf: [
        {
          if: { required: ['action'], properties: { action: { const: 'accept_all' } } },
          then: { properties: { choices: coherentChoices(true) } },
        },
        {
          if: {
            required: ['action'],
            properties: { action: { enum: ['reject_all', 'withdraw'] } },
          },
          then: { properties: { choices: coherentChoices(false) } },
        },
      ],
    });
}

/** The definition without a revision's categories: what the documents describe. */
export const consentSubmissionSchema = consentSubmissionShape();

/** Body of `POST /api/v1/portals/{portalId}/consents`, as validated and normalised. */
export type ConsentSubmission = Readonly<z.output<typeof consentSubmissionSchema>>;

/**
 * The proof must not say "accept all" next to a refused category, nor the reverse. Exempt
 * measurement is not consented to but objected to: refusing consent leaves it as it was.
 */
export function coherent(action: ConsentAction | undefined, category: string, choice: boolean) {
  if (category === 'necessary' || category === EXEMPT_CATEGORY) return true;
  if (action === 'accept_all') return choice;
  if (action === 'reject_all' || action === 'withdraw') return !choice;
  return true;
}
