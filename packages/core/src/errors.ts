/**
 * Galette's error tree. `code` is stable: the server maps it to HTTP in one place and the CLI to
 * exit codes, so never reword a code, only add new ones.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'storage'
  | 'internal';

/** One problem with one field, e.g. `declarations[2].category: unknown category "marketting"`. */
export interface FieldError {
  /** Path in the input, `declarations[2].category`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

export function formatFieldError(e: FieldError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

export class GaletteError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
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
  constructor(message: string) {
    super('conflict', message);
  }
}

export class StorageError extends GaletteError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('storage', message, options);
  }
}
