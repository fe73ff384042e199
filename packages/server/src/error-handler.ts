import {
  GaletteError,
  LocalizedError,
  ValidationError,
  localizeFieldError,
  translate,
  type ErrorCode,
  type FieldError,
  type FieldErrorCode,
} from '@galette/core';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { answersJson } from './answers-json.js';
import { errorPage } from './error-page.js';
import { answerLanguage, languageHints } from './request-language.js';

const STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  rate_limited: 429,
  storage: 500,
  unavailable: 503,
  internal: 500,
};

/** Seconds a client is asked to wait after a 503: long enough for a database restart to begin. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Error codes whose message is meant for the caller; the others are logged, never shown. */
const PUBLIC_CODES: ReadonlySet<ErrorCode> = new Set([
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'unprocessable',
  'rate_limited',
]);

const FALLBACK_MESSAGE: Readonly<Record<ErrorCode, string>> = {
  invalid_input: 'server.error.invalidInput',
  unauthorized: 'server.error.unauthorized',
  forbidden: 'server.error.forbidden',
  not_found: 'server.error.notFound',
  conflict: 'server.error.conflict',
  gone: 'portals.error.goneGeneric',
  unprocessable: 'portals.error.unprocessable',
  rate_limited: 'server.error.rateLimited',
  storage: 'server.error.internal',
  unavailable: 'server.error.unavailable',
  internal: 'server.error.internal',
};

/** Body of every error answer of the JSON APIs. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    /** For `invalid_input`: every bad field, `path` like `declarations[2].category`. */
    readonly fields?: readonly FieldErrorBody[];
    /** What a program needs to act on the error (`GaletteError.details`), for public codes. */
    readonly details?: Readonly<Record<string, unknown>>;
  };
}

/**
 * One bad field as answered: `message` in the request's language. `code` is `invalid` for the
 * few server-side checks that write their message directly in that language.
 */
export interface FieldErrorBody {
  readonly path: string;
  readonly code: FieldErrorCode | typeof UNCLASSIFIED_FIELD_ERROR;
  readonly message: string;
}

export const UNCLASSIFIED_FIELD_ERROR = 'invalid';

export interface ErrorHandlerOptions {
  /** Receives errors answered with 500; default `console.error`. */
  readonly log?: (error: unknown, context: Context) => void;
  /** Told the code of every error answered (for metrics). */
  readonly answered?: (code: ErrorCode) => void;
}

export function httpStatusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

/**
 * The one place where errors become HTTP answers: JSON for the APIs, a page for addresses that
 * visitors open in a browser (a receipt page that is rate-limited, say).
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorHandler {
  const log = options.log ?? ((error: unknown) => console.error(error));
  return (error, c) => {
    // Hono's own errors (malformed request bodies, for instance) already carry their answer.
    if (error instanceof HTTPException) return error.getResponse();
    const code: ErrorCode = error instanceof GaletteError ? error.code : 'internal';
    const status = STATUS[code];
    options.answered?.(code);
    if (status >= 500) log(error, c);
    const lang = answerLanguage(languageHints(c));
    const body: ErrorBody = {
      error: {
        code,
        message:
          PUBLIC_CODES.has(code) &&
          error instanceof GaletteError &&
          !(error instanceof ValidationError)
            ? error instanceof LocalizedError
              ? error.localize(lang)
              : error.message
            : translate(lang, FALLBACK_MESSAGE[code]),
        ...(error instanceof ValidationError
          ? { fields: error.errors.map((e) => fieldErrorBody(e, lang)) }
          : {}),
        ...(PUBLIC_CODES.has(code) && error instanceof GaletteError && error.details
          ? { details: error.details }
          : {}),
      },
    };
    c.header('Cache-Control', 'no-store');
    c.header('Content-Language', lang);
    if (code === 'unavailable') c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    if (answersJson(c.req.path)) return c.json(body, status);
    const page = errorPage({
      lang,
      status,
      message: body.error.message,
      ...(body.error.fields ? { fields: body.error.fields } : {}),
    });
    return c.html(page, status);
  };
}

function fieldErrorBody(error: FieldError, lang: string): FieldErrorBody {
  return {
    path: error.path,
    code: error.code ?? UNCLASSIFIED_FIELD_ERROR,
    message: localizeFieldError(error, lang),
  };
}
