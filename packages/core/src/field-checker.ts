import { closestMatch } from './closest-match.js';
import type { FieldError, FieldErrorParams } from './errors.js';
import { fieldError, type FieldErrorCode } from './field-error.js';

/** A JSON object as read from untrusted input. */
export type JsonObject = Record<string, unknown>;

export interface StringRule {
  readonly max: number;
  /** Allows line breaks and tabs (purposes, descriptions, charter texts). */
  readonly multiline?: boolean;
}

// Control characters are exactly what these patterns are for.
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `declarations[2].category`: dotted keys, bracketed indexes, quoted odd keys. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}

/** `{ suggestion }` for a field error when a candidate is close to `input`, else nothing. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
): { suggestion: string } | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : { suggestion: match };
}

/**
 * Reads untrusted JSON while collecting every problem instead of stopping at the first, so an
 * operator fixes a file in one round trip. Readers return `undefined` for an absent value (the
 * caller decides whether that is allowed, see `fields`) and for a bad one (after recording it).
 */
export class FieldChecker {
  readonly errors: FieldError[] = [];

  add(path: string, code: FieldErrorCode, params?: FieldErrorParams): void {
    this.errors.push(fieldError(path, code, params));
  }

  object(value: unknown, path: string): JsonObject | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.add(path, 'not_an_object');
      return undefined;
    }
    return value as JsonObject;
  }

  /** Reports unknown keys (with a suggestion) and missing required ones. */
  fields(obj: JsonObject, path: string, allowed: readonly string[], required: readonly string[]) {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.add(fieldPath(path, key), 'unknown_field', didYouMean(key, allowed));
      }
    }
    for (const key of required) {
      if (obj[key] === undefined) this.add(fieldPath(path, key), 'required');
    }
  }

  string(value: unknown, path: string, rule: StringRule): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.add(path, 'not_a_string');
      return undefined;
    }
    if (value.trim() === '') {
      this.add(path, 'empty');
      return undefined;
    }
    if (value.length > rule.max) {
      this.add(path, 'too_long', { max: rule.max, length: value.length });
      return undefined;
    }
    if ((rule.multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value)) {
      this.add(path, rule.multiline ? 'control_characters' : 'not_single_line');
      return undefined;
    }
    return value;
  }

  array(
    value: unknown,
    path: string,
    limits: { min?: number; max: number },
  ): unknown[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.add(path, 'not_an_array');
      return undefined;
    }
    if (value.length > limits.max) {
      this.add(path, 'too_many_items', { max: limits.max, length: value.length });
      return undefined;
    }
    if (limits.min && value.length < limits.min) {
      this.add(path, 'too_few_items', { count: limits.min });
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.add(path, 'not_a_boolean');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
      return value as T;
    }
    if (typeof value !== 'string') {
      this.add(path, 'must_be_one_of', { allowed });
    } else {
      this.add(path, 'not_one_of', { value, allowed, ...didYouMean(value, allowed) });
    }
    return undefined;
  }

  /** Reads an array whose items must be distinct strings, each checked by `item`. */
  uniqueStrings(
    value: unknown,
    path: string,
    limits: { min?: number; max: number },
    item: (s: string, itemPath: string) => string | undefined,
  ): string[] | undefined {
    const list = this.array(value, path, limits);
    if (!list) return undefined;
    const out: string[] = [];
    let ok = true;
    list.forEach((v, i) => {
      const p = fieldPath(path, i);
      const s = this.string(v, p, { max: 2048 });
      const checked = s === undefined ? undefined : item(s, p);
      if (checked === undefined) ok = false;
      else if (out.includes(checked)) {
        this.add(p, 'listed_twice', { value: checked });
        ok = false;
      } else out.push(checked);
    });
    return ok ? out : undefined;
  }
}
