import { CONSENT_ACTIONS, CONSENT_SOURCES, type ConsentAction } from './consent.js';
import {
  coherent,
  CONSENT_EVENT_ID,
  CONSENT_ID,
  LANGUAGE_TAG,
  MAX_CONSENT_CHOICES,
  REVISION_HASH,
  type ConsentSubmission,
} from './consent-submission-shape.js';
import { ValidationError, type FieldError, type FieldErrorParams } from './errors.js';
import { fieldError, type FieldErrorCode } from './field-error.js';

/** Stop listing problems after this many: the answer to a hostile body stays small. */
const MAX_FIELD_ERRORS = 20;
const MAX_ECHOED_KEY = 40;

const FIELDS = ['eventId', 'consentId', 'revision', 'choices', 'action', 'source', 'lang'] as const;

/**
 * Validates the body of `POST /api/v1/portals/{portalId}/consents` against the categories of the
 * revision the visitor was shown: `consentSubmissionShape(knownCategories)` written out by hand,
 * because this runs on every consent and its errors must stay small for hostile bodies (a
 * property test holds the two to the same verdict). Returns a normalised submission (`necessary` always true, the
 * language reduced to its primary subtag) or throws a `ValidationError` naming every bad field.
 * Unknown members are refused rather than ignored: a proof holds exactly what was validated.
 */
export function parseConsentSubmission(
  body: unknown,
  knownCategories: readonly string[],
): ConsentSubmission {
  const errors: FieldError[] = [];
  const fail: Fail = (path, code, params) => {
    if (errors.length < MAX_FIELD_ERRORS) errors.push(fieldError(path, code, params));
  };
  if (!isPlainObject(body)) {
    throw new ValidationError([fieldError('', 'expected_json_object')], 'invalid consent');
  }
  for (const key of Object.keys(body)) {
    if (!(FIELDS as readonly string[]).includes(key)) fail(memberPath('', key), 'unknown_field');
  }

  const eventId = idField(body, 'eventId', CONSENT_EVENT_ID, fail);
  const consentId = idField(body, 'consentId', CONSENT_ID, fail, 'not_a_consent_id');
  const revision = idField(body, 'revision', REVISION_HASH, fail);
  const action = enumField(body, 'action', CONSENT_ACTIONS, fail);
  const source = enumField(body, 'source', CONSENT_SOURCES, fail);
  const lang = langField(body.lang, fail);
  const choices = choicesField(body.choices, knownCategories, action, fail);

  if (
    errors.length > 0 ||
    eventId === undefined ||
    consentId === undefined ||
    revision === undefined ||
    action === undefined ||
    source === undefined ||
    lang === undefined ||
    choices === undefined
  ) {
    throw new ValidationError(errors, 'invalid consent');
  }
  return { eventId, consentId, revision, choices, action, source, lang };
}

type Fail = (path: string, code: FieldErrorCode, params?: FieldErrorParams) => void;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function idField(
  body: Record<string, unknown>,
  field: string,
  pattern: RegExp,
  fail: Fail,
  mismatch?: FieldErrorCode,
): string | undefined {
  const value = body[field];
  if (!Object.hasOwn(body, field)) return void fail(field, 'missing');
  if (typeof value !== 'string') return void fail(field, 'expected_string', { got: kind(value) });
  if (!pattern.test(value)) {
    return void (mismatch
      ? fail(field, mismatch)
      : fail(field, 'no_pattern_match', { pattern: pattern.source }));
  }
  return value;
}

function enumField<T extends string>(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  fail: Fail,
): T | undefined {
  const value = body[field];
  if (!Object.hasOwn(body, field)) return void fail(field, 'missing');
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    return void fail(field, 'expected_one_of', { allowed: allowed.join(', ') });
  }
  return value as T;
}

function langField(value: unknown, fail: Fail): string | undefined {
  if (value === undefined) return void fail('lang', 'missing');
  if (typeof value !== 'string') return void fail('lang', 'expected_string', { got: kind(value) });
  const m = LANGUAGE_TAG.exec(value);
  if (!m) return void fail('lang', 'expected_language_tag');
  return m[1]!.toLowerCase();
}

function choicesField(
  value: unknown,
  known: readonly string[],
  action: ConsentAction | undefined,
  fail: Fail,
): Readonly<Record<string, boolean>> | undefined {
  if (value === undefined) return void fail('choices', 'missing');
  if (!isPlainObject(value)) return void fail('choices', 'expected_object', { got: kind(value) });
  const keys = Object.keys(value);
  if (keys.length === 0) return void fail('choices', 'no_choices');
  if (keys.length > MAX_CONSENT_CHOICES) {
    return void fail('choices', 'too_many_choices', { max: MAX_CONSENT_CHOICES });
  }
  const entries: [string, boolean][] = [];
  let ok = true;
  for (const key of keys) {
    const path = memberPath('choices', key);
    const choice = value[key];
    if (!known.includes(key)) {
      ok = false;
      fail(path, 'unknown_choice');
    } else if (typeof choice !== 'boolean') {
      ok = false;
      fail(path, 'expected_boolean', { got: kind(choice) });
    } else if (key === 'necessary' && !choice) {
      ok = false;
      fail(path, 'necessary_refused');
    } else if (!coherent(action, key, choice)) {
      ok = false;
      fail(path, 'contradicts_action', { action: String(action) });
    } else {
      entries.push([key, choice]);
    }
  }
  if (!ok) return undefined;
  if (known.includes('necessary')) entries.push(['necessary', true]);
  return Object.fromEntries(entries);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A path to an object member, safe to echo: identifiers as `a.b`, anything else quoted with
 * non-ASCII and control characters escaped and long keys cut, so a hostile key (bidi overrides,
 * lone surrogates, megabytes) never reaches a log or a response as is.
 */
function memberPath(parent: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]{0,39}$/.test(key)) return parent ? `${parent}.${key}` : key;
  let escaped = '';
  let i = 0;
  for (; i < key.length && escaped.length < MAX_ECHOED_KEY; i++) {
    const code = key.charCodeAt(i);
    const plain = code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c;
    escaped += plain ? key[i] : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${parent}["${escaped}${i < key.length ? '...' : ''}"]`;
}
