import { z } from 'zod';
import { EXEMPT_CATEGORY } from './categories.js';
import { CONSENT_ACTIONS, CONSENT_SOURCES, type ConsentAction } from './consent.js';
import { CUSTOM_CATEGORY_ID_PATTERN } from './portal-file-limits.js';
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

/**
 * Body of `POST /api/v1/portals/{portalId}/consents`. Given the categories of the revision the
 * visitor was shown, choices must name only those; without them (the JSON Schema, the OpenAPI
 * document), any category id is allowed. The output is normalised: `necessary` always true when
 * the revision has it, the language reduced to its primary subtag.
 *
 * `parseConsentSubmission` is the hot path's hand-written twin of this definition, with the same
 * verdict on every input (held by a property test) and errors capped for hostile bodies.
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
      eventId: z
        .string()
        .regex(CONSENT_EVENT_ID)
        .meta({ description: 'Random per event, so a retried beacon is stored once.' }),
      consentId: z.string().regex(CONSENT_ID, shapeError('not_a_consent_id')).meta({
        description:
          "The visitor's secret receipt key: the time in ms, base 36 on 9 characters, then 128 random bits in base64url.",
      }),
      revision: z
        .string()
        .regex(REVISION_HASH)
        .meta({ description: 'Hash of the published revision the visitor was shown.' }),
      action: z.enum(CONSENT_ACTIONS),
      source: z.enum(CONSENT_SOURCES),
      lang: z
        .string()
        .regex(LANGUAGE_TAG)
        .transform((tag) => tag.split('-')[0]!.toLowerCase())
        .meta({
          description: 'BCP 47 tag; one the revision publishes. Only the primary subtag is kept.',
        }),
      // zod passes over a `__proto__` member (JSON.parse makes it an own key); refuse it as
      // the unknown category it is.
      choices: z.preprocess(
        (raw, ctx) => {
          if (raw !== null && typeof raw === 'object' && Object.hasOwn(raw, '__proto__')) {
            ctx.addIssue(shapeIssue('unknown_choice', undefined, ['__proto__']));
          }
          return raw;
        },
        z
          .record(choiceKey, z.boolean())
          .refine((choices) => Object.keys(choices).length > 0, {
            params: { galette: 'no_choices' },
          })
          .refine((choices) => Object.keys(choices).length <= MAX_CONSENT_CHOICES, {
            params: { galette: 'too_many_choices', values: { max: MAX_CONSENT_CHOICES } },
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
    .superRefine((body, ctx) => {
      for (const [key, choice] of Object.entries(body.choices)) {
        if (key === 'necessary' && !choice) {
          ctx.addIssue(shapeIssue('necessary_refused', undefined, ['choices', key]));
        } else if (!coherent(body.action, key, choice)) {
          ctx.addIssue(shapeIssue('contradicts_action', { action: body.action }, ['choices', key]));
        }
      }
    })
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
