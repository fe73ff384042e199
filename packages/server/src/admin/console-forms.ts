import {
  LocalizedError,
  ValidationError,
  GaletteError,
  localizeFieldError,
  safeParseForm,
  type FieldError,
} from '@galette/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RequestMeta } from '../accounts/index.js';
import { clientAddress } from '../consent/client-address.js';
import { requestHeader } from '../request-header.js';
import { CSRF_FIELD } from './auth/csrf.js';
import type { FieldErrors } from './pages/form-parts.js';
import type { ProxyTrust } from '../consent/proxy-trust.js';

/**
 * A form read with its shape: the value, or its errors by field (and as the shape reported them,
 * for pages that sort them themselves); the text sent, to show again: `values` holds each
 * name's last value, `sent` every value of a repeated name (a checkbox group).
 */
export type ConsoleForm<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly values: Record<string, string>;
      readonly sent: Readonly<Record<string, readonly string[]>>;
    }
  | {
      readonly ok: false;
      readonly errors: FieldErrors;
      readonly problems: readonly FieldError[];
      readonly values: Record<string, string>;
      readonly sent: Readonly<Record<string, readonly string[]>>;
    };

/**
 * Reads a posted form with its zod form shape (`safeParseForm`: unknown fields refused, each
 * error named by field in the request's language; a name the shape declares as an array
 * collects every value sent under it). The CSRF token is left out: the console router checked
 * it before the handler ran.
 */
export async function readForm<S extends z.ZodObject>(
  c: Context,
  shape: S,
): Promise<ConsoleForm<z.output<S>>> {
  const body = await c.req.parseBody({ all: true });
  const form: Record<string, unknown> = {};
  // The text fields as sent, to show again (files aside).
  const values: Record<string, string> = {};
  const sent: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === CSRF_FIELD) continue;
    form[name] = value;
    const texts = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    if (texts.length === 0) continue;
    sent[name] = texts;
    values[name] = texts.at(-1)!;
  }
  const result = safeParseForm(shape, form);
  if (result.ok) return { ok: true, value: result.value, values, sent };
  const { lang } = c.get('galetteConsole');
  const errors = formErrors(new ValidationError(result.errors), lang).fields;
  return { ok: false, errors, problems: result.errors, values, sent };
}

/**
 * The form field a shape's error is about: its path's first key (`["service.fr"]` for a name
 * that is not an identifier, `hosts` for `hosts[2]`).
 */
export function fieldNameOf(path: string): string {
  const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(path);
  if (quoted) return JSON.parse(quoted[1]!) as string;
  return path.split(/[.[]/)[0] ?? path;
}

/** A refused form's problems as a list, each named by its field, in the request's language. */
export function problemList(
  problems: readonly FieldError[],
  lang: string,
): { path: string; message: string }[] {
  return problems.map((p) => ({ path: fieldNameOf(p.path), message: localizeFieldError(p, lang) }));
}

/**
 * A form that is one button (sign out, archive, restore): it sends no field but the CSRF token,
 * so any other is refused.
 */
export const buttonFormShape = z.strictObject({});

/** Where the request comes from, for sign-in throttling, sessions and the audit log. */
export function requestMeta(c: Context, trustProxy: ProxyTrust): RequestMeta {
  const userAgent = requestHeader(c, 'user-agent');
  return { clientAddress: clientAddress(c, trustProxy), ...(userAgent ? { userAgent } : {}) };
}

/**
 * What a service's refusal means for a form: field errors under each field (paths renamed to
 * the form's field names), or one message for the whole form. Other errors are not the user's
 * doing and go on to the error handler.
 */
export function formErrors(
  error: unknown,
  lang: string,
  rename: Readonly<Record<string, string>> = {},
): { fields: FieldErrors; message?: string } {
  if (error instanceof ValidationError) {
    const fields: Record<string, string> = {};
    for (const e of error.errors) {
      const name = rename[e.path] ?? fieldNameOf(e.path);
      fields[name] ??= localizeFieldError(e, lang);
    }
    return { fields };
  }
  if (error instanceof LocalizedError) return { fields: {}, message: error.localize(lang) };
  if (
    error instanceof GaletteError &&
    (error.code === 'conflict' || error.code === 'not_found' || error.code === 'forbidden')
  ) {
    return { fields: {}, message: error.message };
  }
  throw error;
}
