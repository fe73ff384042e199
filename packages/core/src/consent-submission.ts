import type { z } from 'zod';
import { consentSubmissionShape, type ConsentSubmission } from './consent-submission-shape.js';
import { ValidationError, type FieldError } from './errors.js';
import { fieldError } from './field-error.js';
import { fieldErrorsFromIssues } from './shape/zod-field-errors.js';

/** Stop listing problems after this many: the answer to a hostile body stays small. */
const MAX_FIELD_ERRORS = 20;
const MAX_ECHOED_KEY = 40;

/**
 * A shape per category list: building one costs far more than checking a body with it, and a
 * portal's revisions keep their categories, so a node sees few lists. The least recent goes.
 */
const shapes = new Map<string, ReturnType<typeof consentSubmissionShape>>();
const KEPT_SHAPES = 64;

function shapeFor(knownCategories: readonly string[]) {
  const key = knownCategories.join('\u0000');
  let shape = shapes.get(key);
  if (shape) shapes.delete(key);
  else shape = consentSubmissionShape([...knownCategories]);
  shapes.set(key, shape);
  if (shapes.size > KEPT_SHAPES) shapes.delete(shapes.keys().next().value!);
  return shape;
}

/**
 * Validates the body of `POST /api/v1/portals/{portalId}/consents` against the categories of the
 * revision the visitor was shown, with `consentSubmissionShape`. Returns a normalised submission
 * (`necessary` always true, the language reduced to its primary subtag) or throws a
 * `ValidationError` naming every bad field, at most 20, each path safe to echo. Unknown members
 * are refused rather than ignored: a proof holds exactly what was validated.
 */
export function parseConsentSubmission(
  body: unknown,
  knownCategories: readonly string[],
): ConsentSubmission {
  if (!isPlainObject(body)) {
    throw new ValidationError([fieldError('', 'expected_json_object')], 'invalid consent');
  }
  const result = shapeFor(knownCategories).safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(consentErrors(result.error.issues), 'invalid consent');
}

/**
 * The issues as the consent API has always named them: unknown members first, then each member
 * in the body's order of fields, one problem per path, keys escaped (`memberPath`).
 */
function consentErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const unknown: FieldError[] = [];
  const others: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) unknown.push(fieldError(memberPath('', key), 'unknown_field'));
      continue;
    }
    const path = issue.path.reduce<string>((parent, key) => memberPath(parent, String(key)), '');
    if (seen.has(path)) continue;
    seen.add(path);
    const [error] = fieldErrorsFromIssues([{ ...issue, path: [] }]);
    others.push({ ...error!, path });
  }
  return [...unknown, ...others].slice(0, MAX_FIELD_ERRORS);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
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
