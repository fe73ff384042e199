// `@galette/core/cookie-database`: kept out of core's main entry, which the widget bundles.
export {
  parseCookieDatabase,
  MIN_WILDCARD_PREFIX_LENGTH,
  type CookieDatabase,
  type KnownCookie,
  type ParseCookieDatabaseOptions,
} from './cookie-database.js';
export { parseCsv } from './parse-csv.js';
export { GALETTE_COOKIE_ADDITIONS } from './galette-additions.js';
