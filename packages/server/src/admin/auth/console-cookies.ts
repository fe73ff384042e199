import type { Context } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { ownOrigin } from '../../consent/client-address.js';
import type { ProxyTrust } from '../../consent/proxy-trust.js';

export interface CookiePolicy {
  /** `GALETTE_PUBLIC_URL`'s origin, when set: https there makes every cookie Secure. */
  readonly publicOrigin: string | undefined;
  /** Whether `X-Forwarded-Proto` tells the scheme (behind a reverse proxy). */
  /** Which proxies' `X-Forwarded-Proto` counts (`createProxyTrust`). */
  readonly trustProxy: ProxyTrust;
}

export interface ConsoleCookie {
  readonly name: string;
  readonly value: string;
  /** Seconds; absent for a cookie that ends with the browser session. */
  readonly maxAge?: number;
  readonly httpOnly: boolean;
}

/**
 * Sets one of the console's cookies the way its charter declares them: Path=/, SameSite=Lax,
 * Secure whenever the request came over https or the public address is https.
 */
export function setConsoleCookie(c: Context, policy: CookiePolicy, cookie: ConsoleCookie): void {
  setCookie(c, cookie.name, cookie.value, {
    path: '/',
    sameSite: 'Lax',
    httpOnly: cookie.httpOnly,
    secure: isSecure(c, policy),
    ...(cookie.maxAge === undefined ? {} : { maxAge: cookie.maxAge }),
  });
}

export function clearConsoleCookie(c: Context, policy: CookiePolicy, name: string): void {
  deleteCookie(c, name, { path: '/', sameSite: 'Lax', secure: isSecure(c, policy) });
}

export function isSecure(c: Context, policy: CookiePolicy): boolean {
  return (
    policy.publicOrigin?.startsWith('https:') === true ||
    ownOrigin(c, policy.trustProxy).startsWith('https:')
  );
}
