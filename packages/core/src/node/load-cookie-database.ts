import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseCookieDatabase, type CookieDatabase } from '../cookie-database/cookie-database.js';
import { GALETTE_COOKIE_ADDITIONS } from '../cookie-database/galette-additions.js';
import { LocalizedError, ValidationError } from '../errors.js';
import { fileErrorReason } from '../file-error-reason.js';
import { translate } from '../i18n/translate.js';

/** Environment variable naming a newer Open Cookie Database CSV than the shipped copy. */
export const COOKIE_DATABASE_SETTING = 'GALETTE_COOKIE_DATABASE';

/**
 * The copy of the Open Cookie Database shipped in `@galette/core` (see its NOTICE.md). From
 * `src/node/` under tests and `dist/node/` once built, the package root is two levels up.
 */
export const SHIPPED_COOKIE_DATABASE_PATH = fileURLToPath(
  new URL('../../vendor/open-cookie-database/open-cookie-database.csv', import.meta.url),
);

/** The shipped copy's date and the start of its SHA-256 (a test keeps this true). */
export const SHIPPED_COOKIE_DATABASE_VERSION = '2026-12-06 sha256:0a8d78901ae55d85';

export interface LoadCookieDatabaseOptions {
  /** A CSV path given on the command line (`--ocd <file>`); wins over the environment. */
  readonly path?: string | undefined;
  /** Name of that option in messages, `--ocd` by default. */
  readonly option?: string;
  /** Where `GALETTE_COOKIE_DATABASE` is read; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads the Open Cookie Database from `options.path`, else `GALETTE_COOKIE_DATABASE`, else the
 * copy shipped with Galette (no network, ever), followed by `GALETTE_COOKIE_ADDITIONS`. A newer CSV's version is its file's modification
 * date and hash. Throws a `LocalizedError` naming the file and the setting that pointed at it.
 */
export async function loadCookieDatabase(
  options: LoadCookieDatabaseOptions = {},
): Promise<CookieDatabase> {
  const env = options.env ?? process.env;
  const fromEnv = env[COOKIE_DATABASE_SETTING];
  const [file, source] = options.path
    ? [options.path, options.option ?? '--ocd']
    : fromEnv
      ? [fromEnv, COOKIE_DATABASE_SETTING]
      : [SHIPPED_COOKIE_DATABASE_PATH, undefined];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CookieDatabaseFileError(
      'not_found',
      'files.cookieDatabase.unreadable',
      file,
      source,
      {
        cause: error,
      },
    );
  }
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const version = source ? `${file} sha256:${hash}` : SHIPPED_COOKIE_DATABASE_VERSION;
  try {
    return parseCookieDatabase(text, { version, additions: GALETTE_COOKIE_ADDITIONS });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const columns = error.errors.map((e) => e.path).join(', ');
    throw new CookieDatabaseFileError(
      'invalid_input',
      'files.cookieDatabase.invalid',
      file,
      source,
      {
        cause: error,
        columns,
      },
    );
  }
}

/** The cookie database file could not be read or is not the OCD's CSV. */
export class CookieDatabaseFileError extends LocalizedError {
  constructor(
    code: 'not_found' | 'invalid_input',
    key: 'files.cookieDatabase.unreadable' | 'files.cookieDatabase.invalid',
    readonly file: string,
    /** The option or variable that named the file; undefined for the shipped copy. */
    readonly source: string | undefined,
    options: { cause: unknown; columns?: string },
  ) {
    super(code, key, { file, columns: options.columns ?? '' }, { cause: options.cause });
    this.message = this.localize('en');
  }

  override localize(lang: string): string {
    return translate(lang, this.key, {
      ...this.params,
      source: this.source ?? translate(lang, 'files.cookieDatabase.shipped'),
      reason: fileErrorReason(lang, this.cause),
    });
  }
}
