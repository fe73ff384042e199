import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { requestHeader } from '../request-header.js';

/**
 * The address a request comes from, used in memory only (rate limiting, the abuse-tracing
 * pseudonym), never stored. Behind a reverse proxy (`trustProxy`), the first address of
 * `X-Forwarded-For`; trust it only when the proxy overwrites that header.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = requestHeader(c, 'x-forwarded-for');
    const first = forwarded?.split(',')[0]?.trim();
    if (first) return first;
  }
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The origin this server is reached at, as the browser sees it. */
export function ownOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const proto = trustProxy ? requestHeader(c, 'x-forwarded-proto')?.split(',')[0]?.trim() : '';
  return proto === 'https' || proto === 'http' ? `${proto}://${url.host}` : url.origin;
}
