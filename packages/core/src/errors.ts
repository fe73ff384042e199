import { formatFieldError, type FieldErrorCode } from './field-error.js';
import { translate } from './i18n/translate.js';

/**
 * Galette's error tree. `code` is stable: the server maps it to HTTP in one place and the CLI to
 * exit codes, so never reword a code, only add new ones.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  /** The resource existed and was retired on purpose (an archived portal's public pages). */
  'gone',
  /** Well-formed and valid, but refused by a rule (a publication blocked by its findings). */
  'unprocessable',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'storage',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Values filled into a field error's text; a list is quoted item by item in the reader's
 * language, `suggestion` adds "did you mean" and `count` picks the singular when it is 1.
 */
export type FieldErrorParams = Readonly<Record<string, string | number | readonly string[]>>;

/**
 * One problem with one field, e.g. `declarations[2].category: unknown category "marketting"`.
 * Build it with `fieldError()`; show it with `localizeFieldError()` or `formatFieldError()`.
 */
export interface FieldError {
  /** Path in the input, `declarations[2].category`; empty for the document itself. */
  readonly path: string;
  /** Absent only on errors written already localized for one request (server-side checks). */
  readonly code?: FieldErrorCode;
  readonly params?: FieldErrorParams;
  /** English text, as API clients have always received it. */
  readonly message: string;
}

export class GaletteError extends Error {
  readonly code: ErrorCode;
  /**
   * What a program needs to act on the error (the current version of a draft, the findings that
   * block a publication), answered as `error.details` by the JSON APIs. Never secret.
   */
  readonly details?: Readonly<Record<string, unknown>>;
  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options?.details !== undefined) this.details = options.details;
  }
}

/** Input rejected as a whole; `errors` names every bad field. */
export class ValidationError extends GaletteError {
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[], message = 'invalid input') {
    super(
      'invalid_input',
      `${message}:\n${errors.map((e) => `  ${formatFieldError(e)}`).join('\n')}`,
    );
    this.errors = errors;
  }
}

export class NotFoundError extends GaletteError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ConflictError extends GaletteError {
  constructor(message: string, options?: { details?: Readonly<Record<string, unknown>> }) {
    super('conflict', message, options);
  }
}

/**
 * A draft was saved with a version that is no longer the current one: someone saved it in
 * between. Nothing was written; `currentVersion` is what to reload.
 */
export class DraftConflictError extends ConflictError {
  readonly currentVersion: number;
  constructor(message: string, currentVersion: number) {
    super(message, { details: { currentVersion } });
    this.currentVersion = currentVersion;
  }
}

export class StorageError extends GaletteError {
  constructor(
    message: string,
    options?: { cause?: unknown },
    code: Extract<ErrorCode, 'storage' | 'unavailable'> = 'storage',
  ) {
    super(code, message, options);
  }
}

/**
 * A storage failure worth retrying in a moment: the database could not be reached, or another
 * writer held it past the wait (HTTP 503 with Retry-After).
 */
export class UnavailableError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options, 'unavailable');
  }
}

/**
 * An error whose text comes from the catalogs: `message` is English (for logs and API clients),
 * `localize(lang)` gives it in the reader's language.
 */
export class LocalizedError extends GaletteError {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  constructor(
    code: ErrorCode,
    key: string,
    params: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown; details?: Readonly<Record<string, unknown>> },
  ) {
    super(code, translate('en', key, params), options);
    this.key = key;
    this.params = params;
  }

  localize(lang: string): string {
    return translate(lang, this.key, this.params);
  }
}
