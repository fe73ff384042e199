import type { PortalContent } from '@galette/core';
import type { MiddlewareHandler } from 'hono';
import { inlineStyleSources } from './html.js';

export interface SecurityHeadersOptions {
  /**
   * Content-Security-Policy of HTML answers that set none of their own; the hashes of Galette's
   * inline page styles are added to its `style-src`. Default `DEFAULT_PAGE_CSP`.
   */
  readonly pagePolicy?: string;
  /** `Referrer-Policy` of answers that set none; default `strict-origin-when-cross-origin`. */
  readonly referrerPolicy?: string;
}

/**
 * What a page of Galette's own may do by default: load its own files, run no inline script,
 * submit forms to itself only, and never be framed (clickjacking).
 */
export const DEFAULT_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The charter page's policy: `DEFAULT_PAGE_CSP`, except that a portal whose settings say
 * `charterInFrame` lets its own origins (its `url` and `origins`) show the page in an iframe.
 */
export function charterPagePolicy(
  content: Pick<PortalContent, 'url' | 'origins' | 'widget'>,
): string {
  if (content.widget?.charterInFrame !== true) return `${DEFAULT_PAGE_CSP}; style-src 'self'`;
  const origins = new Set<string>();
  for (const candidate of [content.url, ...content.origins]) {
    try {
      const { origin, protocol } = new URL(candidate);
      if (protocol === 'https:' || protocol === 'http:') origins.add(origin);
    } catch {
      // Not a URL: the portal file's checks already reported it.
    }
  }
  const ancestors = ["'self'", ...origins].join(' ');
  return `${DEFAULT_PAGE_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`)}; style-src 'self'`;
}

/**
 * The embeddable charter page's policy (`/p/{portalId}/charte-cookies/embed`): the charter
 * page's, framed by the portal's declared origins and nothing else (not even Galette's own pages).
 * A portal that declares no http(s) origin cannot frame it at all.
 */
export function charterEmbedPolicy(content: Pick<PortalContent, 'origins'>): string {
  const origins = new Set<string>();
  for (const candidate of content.origins) {
    try {
      const { origin, protocol } = new URL(candidate);
      if (protocol === 'https:' || protocol === 'http:') origins.add(origin);
    } catch {
      // Not a URL: the portal file's checks already reported it.
    }
  }
  const ancestors = origins.size > 0 ? [...origins].join(' ') : "'none'";
  return `${DEFAULT_PAGE_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`)}; style-src 'self'`;
}

/**
 * Hardening headers on every answer, whichever route or error made it, so that pages added
 * later (the back office) carry them without asking: `X-Content-Type-Options: nosniff` and a
 * `Referrer-Policy` everywhere, and a Content-Security-Policy on every HTML answer. A route that
 * knows better sets its own (the demo page's nonce, the charter framed where its portal allows
 * it, receipts' `no-referrer`), which is kept.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const pagePolicy = options.pagePolicy ?? DEFAULT_PAGE_CSP;
  const referrerPolicy = options.referrerPolicy ?? 'strict-origin-when-cross-origin';
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', referrerPolicy);
    if (
      headers.get('Content-Type')?.startsWith('text/html') &&
      !headers.has('Content-Security-Policy')
    ) {
      headers.set('Content-Security-Policy', withStyles(pagePolicy));
    }
  };
}

/** The policy with `style-src` allowing this origin and Galette's own inline page styles. */
function withStyles(policy: string): string {
  return `${policy}; style-src 'self' ${inlineStyleSources()}`.trimEnd();
}
