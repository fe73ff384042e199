import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { requestHeader } from '../request-header.js';
import { clientKey, type ProxyTrust } from './proxy-trust.js';

/**
 * Who a request comes from, used in memory only (rate limiting, the abuse-tracing pseudonym),
 * never stored: the client's IPv4 address or IPv6 /64 network, read behind trusted proxies from
 * the right end of `X-Forwarded-For` (see `createProxyTrust`).
 */
export function clientAddress(c: Context, trust: ProxyTrust): string {
  return clientKey(trust.client(peerAddress(c), requestHeader(c, 'x-forwarded-for')));
}

/** The address of the TCP peer (the client, or the last proxy); undefined under `app.request`. */
export function peerAddress(c: Context): string | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
}

/** The origin this server is reached at, as the browser sees it. */
export function ownOrigin(c: Context, trust: ProxyTrust): string {
  const url = new URL(c.req.url);
  const proto = trust.trusts(peerAddress(c))
    ? requestHeader(c, 'x-forwarded-proto')?.split(',')[0]?.trim()
    : '';
  return proto === 'https' || proto === 'http' ? `${proto}://${url.host}` : url.origin;
}
