import { z } from 'zod';
import type { FieldErrorParams } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import type { FieldErrorCode } from '../field-error.js';
import { firstLengthProblem, firstProblem } from '../shape/first-problem.js';
import { shapeError, shapeIssue } from '../shape/zod-field-errors.js';

/**
 * Building blocks of the portal file's zod definition. The portal file reports one problem per
 * field, the first in the order an operator would fix them (type, blank, length, characters,
 * then meaning), so every check here aborts the ones after it.
 */

/**
 * A zod `error` option reporting `code`, its parameters read from the refused value. A missing
 * value falls through to Galette's error map, which says `required`.
 */
export function coded(code: FieldErrorCode, params?: (input: unknown) => FieldErrorParams) {
  return {
    ...firstProblem,
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? undefined : shapeError(code, params?.(issue.input)).error(),
  };
}

// Control characters are exactly what these patterns are for.
/* eslint-disable no-control-regex */
/** Not blank, and no control characters at all. */
const SINGLE_LINE = /^(?!\s*$)[^\u0000-\u001f\u007f]*$/;
/** Not blank; line feeds, carriage returns and tabs allowed. */
const MULTI_LINE = /^(?!\s*$)[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/* eslint-enable no-control-regex */
const blank = (text: string) => text.trim() === '';

/** Text an operator writes: not blank, at most `max` long, a single line unless `multiline`. */
export function textShape(max: number, multiline = false) {
  return (
    notBlank(max)
      // Blank text was refused above; what this pattern still refuses is a control character.
      .regex(
        multiline ? MULTI_LINE : SINGLE_LINE,
        coded(multiline ? 'control_characters' : 'not_single_line'),
      )
  );
}

/**
 * A single line of text for a field that states its own pattern (a host name, a lifetime…), so
 * the JSON Schema gives that pattern alone; the line check is still made first.
 */
export function lineText(max: number) {
  return notBlank(max).refine((text) => SINGLE_LINE.test(text), coded('not_single_line'));
}

function notBlank(max: number) {
  return z
    .string()
    .min(1, coded('empty'))
    .refine((text) => !blank(text), coded('empty'))
    .max(max, firstLengthProblem);
}

interface RawIssue {
  readonly code?: string;
  readonly path?: readonly PropertyKey[];
  readonly params?: Record<string, unknown>;
}

/**
 * The indexes of a list's items that an item-wide check should pass over: those with a problem
 * `counts` (by default any but an unknown member, which leaves the item readable).
 */
export function badItems(
  issues: readonly RawIssue[],
  counts: (issue: RawIssue, path: readonly PropertyKey[]) => boolean = () => true,
): Set<PropertyKey> {
  const bad = new Set<PropertyKey>();
  for (const issue of issues) {
    const path = issue.path ?? [];
    if (path.length === 0 || (path.length === 1 && issue.code === 'unrecognized_keys')) continue;
    if (path.length === 1 || counts(issue, path.slice(1))) bad.add(path[0]!);
  }
  return bad;
}

/** Runs a cross-field check on an object or array even when some of its members are bad. */
export function always(kind: 'object' | 'array') {
  return {
    when: (payload: { value: unknown }) =>
      kind === 'array'
        ? Array.isArray(payload.value)
        : payload.value !== null &&
          typeof payload.value === 'object' &&
          !Array.isArray(payload.value),
  };
}

/**
 * An array of at most `max` (and at least `min`) items. A longer one is refused before any item
 * is read, so a hostile file costs no more than its length check.
 */
export function boundedArray<T extends z.ZodType>(
  item: T,
  limits: { readonly min?: number; readonly max: number },
) {
  let array = z.array(item).max(limits.max, firstLengthProblem);
  if (limits.min) array = array.min(limits.min, firstLengthProblem);
  return z.preprocess((raw, ctx) => {
    if (Array.isArray(raw) && raw.length > limits.max) {
      ctx.addIssue({
        ...shapeIssue('too_many_items', { max: limits.max, length: raw.length }),
        continue: false,
      });
    }
    return raw;
  }, array);
}

/**
 * A list of distinct strings, each a line of text checked by `item`; an item equal to an earlier
 * good one is `listed_twice`.
 */
export function uniqueStrings(
  item: (text: ReturnType<typeof lineText>) => z.ZodType<string, string>,
  limits: { readonly min?: number; readonly max: number },
) {
  return boundedArray(item(lineText(2048)), limits)
    .meta({ uniqueItems: true })
    .superRefine((list, ctx) => {
      const bad = badItems(ctx.issues);
      const seen = new Set<string>();
      list.forEach((value, i) => {
        if (bad.has(i)) return;
        if (seen.has(value)) ctx.addIssue(shapeIssue('listed_twice', { value }, [i]));
        seen.add(value);
      });
    }, always('array'));
}

/**
 * An object whose keys are some of `ids` (charter sections, widget texts), each holding `value`;
 * another key is reported as `unknown` with the closest id.
 */
export function keyedRecord<V extends z.ZodType>(
  ids: readonly string[],
  value: V,
  unknown: FieldErrorCode,
) {
  const record = z
    .record(
      z.string().refine((key) => ids.includes(key)),
      value,
      {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? shapeError(unknown, didYouMean(String(issue.input), ids)).error()
            : undefined,
      },
    )
    .meta({ propertyNames: { enum: [...ids] } });
  return reportingProtoKey(record, unknown, didYouMean('__proto__', ids));
}

/**
 * `schema` for an object whose keys are data (texts per language, per section…), reporting an own
 * `__proto__` member, which `JSON.parse` makes and zod's records pass over in silence, as the
 * bad key it is.
 */
export function reportingProtoKey<S extends z.ZodType>(
  schema: S,
  code: FieldErrorCode,
  params?: FieldErrorParams,
) {
  return z.preprocess((raw, ctx) => {
    if (raw !== null && typeof raw === 'object' && Object.hasOwn(raw, '__proto__')) {
      // The rest is still read (and a union around it keeps this branch's problems).
      ctx.addIssue({ ...shapeIssue(code, params, ['__proto__']), continue: true });
    }
    return raw;
  }, schema);
}

export const valueParam = (input: unknown) => ({ value: input as string });
