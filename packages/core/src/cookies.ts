/** Names of the cookies Galette itself sets; declared in the console portal's charter. */
export const CONSENT_COOKIE = 'cookies_preferences';
export const LANGUAGE_COOKIE = 'galette_lang';
export const SESSION_COOKIE = 'sessionid';
export const CSRF_COOKIE = 'csrftoken';

/** What Galette's own charter declares for `galette_lang` (the console portal's preset). */
export const LANGUAGE_COOKIE_LIFETIME = 'P1Y';
/**
 * `Max-Age` of `galette_lang`, wherever it is set (charters and the console): 365 days, the
 * shortest calendar year, so the cookie never outlives the `P1Y` its charter declares.
 */
export const LANGUAGE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;
