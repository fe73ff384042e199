import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CSRF_COOKIE } from '@galette/core';
import type { Context } from 'hono';
import { ownOrigin } from '../../consent/client-address.js';
import { cookieValue } from '../../request-language.js';
import { requestHeader } from '../../request-header.js';
import { setConsoleCookie, type CookiePolicy } from './console-cookies.js';
import type {} from '../console-request.js';

/** Form field and header that carry the token; the names the console's charter declares. */
export const CSRF_FIELD = 'csrftoken';
export const CSRF_HEADER = 'x-csrftoken';

const SECRET_BYTES = 32;
const SECRET = /^[\w-]{43}$/;
const MASKED = /^[\w-]{86}$/;

/** Methods that change nothing and so carry no token. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The synchronizer secret of this browser: read from the `csrftoken` cookie, or made and set
 * (a browser-session cookie, readable by the console's pages only through the forms it renders).
 */
export function csrfSecret(c: Context, policy: CookiePolicy): string {
  const made = c.get('galetteCsrfSecret');
  if (made !== undefined) return made;
  const known = cookieValue(requestHeader(c, 'cookie'), CSRF_COOKIE);
  if (known !== undefined && SECRET.test(known)) return known;
  return rotateCsrfSecret(c, policy);
}

/** A new secret, e.g. at sign-in so a token planted before it is worth nothing after. */
export function rotateCsrfSecret(c: Context, policy: CookiePolicy): string {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  setConsoleCookie(c, policy, { name: CSRF_COOKIE, value: secret, httpOnly: false });
  // Pages rendered later in this request read the new secret, not the old cookie.
  c.set('galetteCsrfSecret', secret);
  return secret;
}

/**
 * The token a form carries: the secret XORed with a fresh mask, so each page shows different
 * bytes and compression side channels (BREACH) learn nothing about the secret.
 */
export function maskedToken(secret: string): string {
  const raw = Buffer.from(secret, 'base64url');
  const mask = randomBytes(raw.length);
  const masked = Buffer.alloc(raw.length);
  for (let i = 0; i < raw.length; i++) masked[i] = raw[i]! ^ mask[i]!;
  return Buffer.concat([mask, masked]).toString('base64url');
}

/** Whether `token` (masked, or the bare secret as a script may send it) matches `secret`. */
export function tokenMatches(secret: string | undefined, token: string | undefined): boolean {
  if (secret === undefined || token === undefined || !SECRET.test(secret)) return false;
  const expected = Buffer.from(secret, 'base64url');
  let given: Buffer;
  if (MASKED.test(token)) {
    const bytes = Buffer.from(token, 'base64url');
    const mask = bytes.subarray(0, SECRET_BYTES);
    given = Buffer.alloc(SECRET_BYTES);
    for (let i = 0; i < SECRET_BYTES; i++) given[i] = bytes[SECRET_BYTES + i]! ^ mask[i]!;
  } else if (SECRET.test(token)) {
    given = Buffer.from(token, 'base64url');
  } else {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a state-changing request comes from the console itself: its `Origin` (when sent) is
 * this server's, `Sec-Fetch-Site` (when sent) says same-origin or a typed address, and the
 * token of the form field or `X-CSRFToken` header matches the `csrftoken` cookie.
 */
export function csrfPasses(
  c: Context,
  policy: CookiePolicy,
  formToken: string | undefined,
): boolean {
  const origin = requestHeader(c, 'origin');
  if (origin !== undefined) {
    const own = ownOrigin(c, policy.trustProxy);
    if (origin !== own && origin !== policy.publicOrigin) return false;
  }
  const site = requestHeader(c, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const secret = cookieValue(requestHeader(c, 'cookie'), CSRF_COOKIE);
  return tokenMatches(secret, requestHeader(c, CSRF_HEADER) ?? formToken);
}
