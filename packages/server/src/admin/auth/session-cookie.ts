import { SESSION_COOKIE } from '@galette/core';
import type { Context } from 'hono';
import type { StartedSession } from '../../accounts/index.js';
import { setConsoleCookie, type CookiePolicy } from './console-cookies.js';
import { rotateCsrfSecret } from './csrf.js';

/**
 * Hands a session just started to the browser (`sessionid`) and sends it where the user was
 * heading: the last step of every way of signing in.
 */
export function enterSession(
  c: Context,
  cookies: CookiePolicy,
  session: StartedSession,
  next: string | undefined,
): Response {
  setConsoleCookie(c, cookies, {
    name: SESSION_COOKIE,
    value: session.id,
    // The session's absolute lifetime, which is what the charter declares for `sessionid`.
    maxAge: Math.floor(
      (Date.parse(session.session.absoluteExpiresAt) - Date.parse(session.session.createdAt)) /
        1000,
    ),
    httpOnly: true,
  });
  // A token planted in the browser before sign-in is worth nothing after it.
  rotateCsrfSecret(c, cookies);
  return c.redirect(next ?? '/admin/', 303);
}
