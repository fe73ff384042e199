import { z } from 'zod';
import type { FieldError, FieldErrorParams } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import { fieldPath } from '../field-path.js';
import { fieldError, type FieldErrorCode } from '../field-error.js';

/**
 * zod's own messages are English only and say nothing stable a client can branch on. Galette's
 * error map turns each issue, while zod still holds the offending value and the schema that
 * refused it, into a field error code and its parameters, carried in the issue's message until
 * `fieldErrorsFromIssues` reads them back. It is set as zod's fallback error map when this module
 * loads (so parses run by libraries, such as Hono's validators, get it too) and passed explicitly
 * by `parseShape`.
 */
export function galetteErrorMap(issue: z.core.$ZodRawIssue): string {
  const [code, params] = describe(issue);
  return CODED + JSON.stringify(params ? [code, params] : [code]);
}

z.config({ customError: galetteErrorMap });

/** Raise from a refinement to report a Galette code: `ctx.addIssue(shapeIssue(…))`. */
export function shapeIssue(
  code: FieldErrorCode,
  params?: FieldErrorParams,
  path?: readonly (string | number)[],
): z.core.$ZodRawIssue<z.core.$ZodIssueCustom> {
  return {
    code: 'custom',
    input: undefined,
    params: { galette: code, ...(params && { values: params }) },
    ...(path && { path: [...path] }),
  } as z.core.$ZodRawIssue<z.core.$ZodIssueCustom>;
}

const CODED = 'galette:';
type Coded = [FieldErrorCode, FieldErrorParams?];

function describe(issue: z.core.$ZodRawIssue): Coded {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return ['required'];
      return [TYPE_CODES[issue.expected] ?? 'invalid_value'];
    case 'too_big':
      if (issue.origin === 'string') {
        return ['too_long', { max: Number(issue.maximum), length: (input as string).length }];
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return ['too_many_items', { max: Number(issue.maximum), length: sizeOf(input) }];
      }
      return ['above_maximum', { max: Number(issue.maximum) }];
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? ['empty']
          : ['too_short', { min: Number(issue.minimum) }];
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return ['too_few_items', { count: Number(issue.minimum) }];
      }
      return ['below_minimum', { min: Number(issue.minimum) }];
    case 'invalid_value': {
      if (input === undefined) return ['required'];
      const allowed = issue.values.map(String);
      if (typeof input !== 'string') return ['must_be_one_of', { allowed }];
      return ['not_one_of', { value: input, allowed, ...didYouMean(input, allowed) }];
    }
    case 'invalid_format':
      return [issue.format === 'email' ? 'not_an_email' : 'invalid_format'];
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def
        ?.shape;
      return ['unknown_field', { keys: issue.keys, allowed: shape ? Object.keys(shape) : [] }];
    }
    case 'invalid_key':
      return ['unknown_field'];
    case 'custom': {
      const galette = issue.params?.galette as FieldErrorCode | undefined;
      if (galette) return [galette, issue.params?.values as FieldErrorParams | undefined];
      return ['invalid_value'];
    }
    default:
      return ['invalid_value'];
  }
}

const TYPE_CODES: Readonly<Record<string, FieldErrorCode>> = {
  object: 'not_an_object',
  record: 'not_an_object',
  array: 'not_an_array',
  tuple: 'not_an_array',
  string: 'not_a_string',
  boolean: 'not_a_boolean',
  number: 'not_a_number',
  int: 'not_a_number',
  bigint: 'not_a_number',
};

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value instanceof Set ? value.size : 0;
}

interface Placed {
  readonly path: readonly PropertyKey[];
  /** 0: an unknown member of the object at `path` minus its last key; 1: a missing one; 2: other. */
  readonly rank: 0 | 1 | 2;
  readonly error: FieldError;
}

/**
 * Galette field errors from zod issues, in the order an operator reads the input: for each object,
 * its unknown members, then its missing ones, then its members' own problems in the order of the
 * shape's keys (given `shape`) and array items by index; a member's inner problems come before
 * the problems of the member as a whole. Issues zod explains in English only (a schema that set
 * its own `error`) keep their message and have no code.
 */
export function fieldErrorsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  shape?: z.ZodType,
): FieldError[] {
  const placed: Placed[] = [];
  for (const issue of issues) {
    const path = issue.path;
    const text = pathText(path);
    if (!issue.message.startsWith(CODED)) {
      placed.push({ path, rank: 2, error: { path: text, message: issue.message } });
      continue;
    }
    const [code, params] = JSON.parse(issue.message.slice(CODED.length)) as Coded;
    if (code === 'unknown_field' && params && Array.isArray(params.keys)) {
      const allowed = params.allowed as readonly string[];
      for (const key of params.keys as readonly string[]) {
        placed.push({
          path: [...path, key],
          rank: 0,
          error: fieldError(fieldPath(text, key), 'unknown_field', didYouMean(key, allowed)),
        });
      }
      continue;
    }
    placed.push({ path, rank: code === 'required' ? 1 : 2, error: fieldError(text, code, params) });
  }
  const keyOrder = (parent: readonly PropertyKey[]) => keysAt(shape, parent);
  return placed
    .map((p, index) => ({ ...p, index }))
    .sort((a, b) => compare(a, b, keyOrder) || a.index - b.index)
    .map((p) => p.error);
}

function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text = fieldPath(text, typeof key === 'number' ? key : String(key));
  return text;
}

function compare(
  a: Placed,
  b: Placed,
  keyOrder: (parent: readonly PropertyKey[]) => readonly string[],
): number {
  const depth = Math.min(a.path.length, b.path.length);
  let d = 0;
  while (d < depth && a.path[d] === b.path[d]) d++;
  // One path holds the other: the inner problem first.
  if (d === depth) return b.path.length - a.path.length;
  const rankOf = (p: Placed) => (p.path.length === d + 1 ? p.rank : 2);
  const byRank = rankOf(a) - rankOf(b);
  if (byRank !== 0) return byRank;
  const ka = a.path[d]!;
  const kb = b.path[d]!;
  if (typeof ka === 'number' && typeof kb === 'number') return ka - kb;
  const order = keyOrder(a.path.slice(0, d));
  const ia = order.indexOf(String(ka));
  const ib = order.indexOf(String(kb));
  return ia === -1 || ib === -1 ? 0 : ia - ib;
}

/** The keys of the object schema found at `path` inside `schema`, in their declared order. */
function keysAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): readonly string[] {
  let at = unwrap(schema);
  for (const key of path) {
    if (!at) return [];
    const def = at._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') at = unwrap((def.shape as Record<string, z.ZodType>)[String(key)]);
    else if (def.type === 'array') at = unwrap(def.element as z.ZodType);
    else if (def.type === 'record') at = unwrap(def.valueType as z.ZodType);
    else return [];
  }
  const def = at?._zod.def as unknown as { type: string; shape?: object } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Sees through optional, default, pipes and the like to the schema that holds the shape. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let at = schema;
  for (let i = 0; at && i < 10; i++) {
    const def = at._zod.def as unknown as Record<string, unknown>;
    // A preprocess is a pipe from a transform: the shape is on its way out.
    const pipeTo =
      (def.in as z.ZodType | undefined)?._zod.def.type === 'transform' ? def.out : def.in;
    const inner = (def.innerType ?? (def.type === 'pipe' ? pipeTo : undefined)) as
      z.ZodType | undefined;
    if (!inner) return at;
    at = inner;
  }
  return at;
}

/**
 * A zod `error` option that reports a Galette code, for a built-in check whose generic code would
 * say less: `z.string().regex(CONSENT_ID, shapeError('not_a_consent_id'))`.
 */
export function shapeError(code: FieldErrorCode, params?: FieldErrorParams) {
  return { error: () => CODED + JSON.stringify(params ? [code, params] : [code]) };
}
