import { addLifetime, parseLifetime, type Lifetime } from './lifetime.js';

type DurationLifetime = Extract<Lifetime, { kind: 'duration' }>;

/** Names of the cookies Galette itself sets; declared in the console portal's charter. */
export const CONSENT_COOKIE = 'cookies_preferences';
export const LANGUAGE_COOKIE = 'galette_lang';
export const SESSION_COOKIE = 'sessionid';
export const CSRF_COOKIE = 'csrftoken';

/** What Galette's own charter declares for `galette_lang` (the console portal's preset). */
export const LANGUAGE_COOKIE_LIFETIME = 'P1Y';
/**
 * `Max-Age` of `galette_lang` set at `now`, wherever it is set (charters and the console): until
 * the same day next year, the calendar year its charter's `P1Y` means (366 days across a 29
 * February), so the cookie lives exactly what is declared.
 */
export function languageCookieMaxAge(now: Date = new Date()): number {
  const until = addLifetime(now, parseLifetime(LANGUAGE_COOKIE_LIFETIME) as DurationLifetime);
  return Math.round((until.getTime() - now.getTime()) / 1000);
}
