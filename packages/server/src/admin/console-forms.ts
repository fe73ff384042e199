import {
  LocalizedError,
  ValidationError,
  GaletteError,
  localizeFieldError,
  safeParseForm,
} from '@galette/core';
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RequestMeta } from '../accounts/index.js';
import { clientAddress } from '../consent/client-address.js';
import { requestHeader } from '../request-header.js';
import { CSRF_FIELD } from './auth/csrf.js';
import type { FieldErrors } from './pages/form-parts.js';
import type { ProxyTrust } from '../consent/proxy-trust.js';

/** A form read with its shape: the value, or its errors by field; the text sent, to show again. */
export type ConsoleForm<T> =
  | { readonly ok: true; readonly value: T; readonly values: Record<string, string> }
  | { readonly ok: false; readonly errors: FieldErrors; readonly values: Record<string, string> };

/**
 * Reads a posted form with its zod form shape (`safeParseForm`: unknown fields refused, each
 * error named by field in the request's language). The CSRF token is left out: the console
 * router checked it before the handler ran.
 */
export async function readForm<S extends z.ZodObject>(
  c: Context,
  shape: S,
): Promise<ConsoleForm<z.output<S>>> {
  // The text fields as sent, to show again (files and repeated names aside).
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(await c.req.parseBody())) {
    if (name !== CSRF_FIELD && typeof value === 'string') values[name] = value;
  }
  const result = safeParseForm(shape, values);
  if (result.ok) return { ok: true, value: result.value, values };
  const { lang } = c.get('galetteConsole');
  return { ok: false, errors: formErrors(new ValidationError(result.errors), lang).fields, values };
}

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
      const name = rename[e.path] ?? e.path.split(/[.[]/)[0] ?? e.path;
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
