import { CSRF_FIELD } from '../auth/csrf.js';

/**
 * A posted form as the editor reads it: each name with its values in the order sent (checkbox
 * groups repeat a name), the CSRF token left out. Kept as sent, so a refused form is shown back
 * exactly as typed.
 */
export type FormInput = Readonly<Record<string, readonly string[]>>;

/** The body of `c.req.parseBody({ all: true })` as `FormInput` (files dropped). */
export function formInput(body: Readonly<Record<string, unknown>>): FormInput {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === CSRF_FIELD) continue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    if (values.length > 0) out[name] = values;
  }
  return out;
}

/** The first value sent under `name`, or `''`. */
export function text(input: FormInput, name: string): string {
  return input[name]?.[0] ?? '';
}

/** Every value sent under `name`. */
export function values(input: FormInput, name: string): readonly string[] {
  return input[name] ?? [];
}

/** One item per non-blank line (or comma/space-separated word), trimmed. */
export function lines(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A text as a form shows it: `''` for absent. */
export function shown(value: string | undefined): string {
  return value ?? '';
}

/** The draft version the form was shown with (`version` field), when it is one. */
export function sentVersion(input: FormInput): number | undefined {
  const version = Number(text(input, 'version'));
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

/** A trimmed text, or undefined when blank (the portal file then reports it as required). */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
