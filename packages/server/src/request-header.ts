import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * One request header. Under Node, reads the IncomingMessage's own header object: building the
 * Fetch `Headers` of a request costs more than the rest of a cached page's answer. Elsewhere
 * (`app.request()` in tests, other runtimes) reads the Fetch request.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (incoming !== undefined) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.raw.headers.get(name) ?? undefined;
}
