import { LANGUAGE_COOKIE, languageCookieMaxAge } from '@galette/core';

/**
 * `Set-Cookie` for the language a visitor picked on a charter (`?lang=` links): one year,
 * SameSite=Lax, readable by scripts like the console's, Secure over HTTPS.
 */
export function languageCookie(lang: string, secure: boolean): string {
  return (
    `${LANGUAGE_COOKIE}=${lang}; Max-Age=${languageCookieMaxAge()}; Path=/; SameSite=Lax` +
    (secure ? '; Secure' : '')
  );
}

/**
 * The answer with the language cookie added. Such an answer is the visitor's own, so shared
 * caches must not keep it (the next page, without `?lang`, is public again).
 */
export function withLanguageCookie(response: Response, lang: string, secure: boolean): Response {
  const headers = new Headers(response.headers);
  headers.append('Set-Cookie', languageCookie(lang, secure));
  headers.set('Cache-Control', 'private, no-cache');
  return new Response(response.body, { status: response.status, headers });
}
