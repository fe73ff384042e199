import type { z } from 'zod';
import { ValidationError, type FieldError } from '../errors.js';
import { fieldErrorsFromIssues, galetteErrorMap } from './zod-field-errors.js';

export type ShapeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Checks `input` against `shape` and returns the parsed value, or every problem as Galette field
 * errors (`declarations[2].category`, stable codes, fr/en texts). For forms that show their errors
 * beside the fields; `parseShape` throws instead.
 */
export function safeParseShape<S extends z.ZodType>(
  shape: S,
  input: unknown,
): ShapeResult<z.output<S>> {
  const result = shape.safeParse(input, { error: galetteErrorMap });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: fieldErrorsFromIssues(result.error.issues, shape) };
}

/**
 * `safeParseShape` that throws one `ValidationError` naming every bad field (the server answers
 * it with 400 and the fields in the request's language; the CLI prints them).
 */
export function parseShape<S extends z.ZodType>(
  shape: S,
  input: unknown,
  what = 'invalid input',
): z.output<S> {
  const result = safeParseShape(shape, input);
  if (!result.ok) throw new ValidationError(result.errors, what);
  return result.value;
}

/** A submitted form as `FormData`, `URLSearchParams` or Hono's `parseBody({ all: true })`. */
export type FormInput =
  { forEach(fn: (value: unknown, key: string) => void): void } | Readonly<Record<string, unknown>>;

/**
 * The values of a form post shaped for an object schema: a name the shape declares as an array
 * collects every value sent under it, a boolean is true when its checkbox was sent (`on`, `true`
 * or `1`) and false when absent, an empty text field counts as absent (so `.optional()` means
 * "may be left blank"), and other names keep their last value (unknown names are kept, so a
 * strict shape refuses them).
 */
export function formValues(shape: z.ZodObject, form: FormInput): Record<string, unknown> {
  const sent = new Map<string, unknown[]>();
  const add = (value: unknown, key: string) => {
    const list = sent.get(key) ?? [];
    list.push(...(Array.isArray(value) ? (value as unknown[]) : [value]));
    sent.set(key, list);
  };
  if (typeof (form as { forEach?: unknown }).forEach === 'function') {
    (form as { forEach(fn: (value: unknown, key: string) => void): void }).forEach(add);
  } else {
    for (const [key, value] of Object.entries(form)) add(value, key);
  }
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape.shape as Record<string, z.ZodType>)) {
    const kind = baseType(schema);
    const values = sent.get(key) ?? [];
    if (kind === 'boolean') out[key] = values.some((v) => v === 'on' || v === 'true' || v === '1');
    else if (kind === 'array') out[key] = values.filter((v) => v !== '');
    else {
      const last = values.at(-1);
      if (last !== undefined && last !== '') out[key] = last;
    }
  }
  for (const [key, values] of sent)
    // Own keys only: a field named like an Object method (`constructor`) is still unknown.
    if (!Object.hasOwn(out, key) && !Object.hasOwn(shape.shape, key)) out[key] = values.at(-1);
  return out;
}

/** `parseShape` for a form post (see `formValues`). */
export function parseForm<S extends z.ZodObject>(
  shape: S,
  form: FormInput,
  what = 'invalid form',
): z.output<S> {
  return parseShape(shape, formValues(shape, form), what);
}

/** `safeParseShape` for a form post, to show the errors beside the fields. */
export function safeParseForm<S extends z.ZodObject>(
  shape: S,
  form: FormInput,
): ShapeResult<z.output<S>> {
  return safeParseShape(shape, formValues(shape, form));
}

function baseType(schema: z.ZodType): string {
  let def = schema._zod.def as unknown as Record<string, unknown>;
  for (let i = 0; i < 10 && (def.innerType || def.type === 'pipe'); i++) {
    const inner = (def.innerType ?? def.in) as z.ZodType;
    def = inner._zod.def as unknown as Record<string, unknown>;
  }
  return def.type as string;
}
