import { createHash, timingSafeEqual } from 'node:crypto';
import { GaletteError, translate } from '@galette/core';
import type { Context } from 'hono';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import { peerAddress } from '../consent/client-address.js';
import { requestHeader } from '../request-header.js';
import { answerLanguage, languageHints } from '../request-language.js';
import type { RouteModule } from '../server-context.js';

/**
 * `GET /metrics`: Prometheus metrics (text exposition format). They tell how busy each route and
 * portal is, which is not for the public: with `GALETTE_METRICS_TOKEN` set, only a request with
 * `Authorization: Bearer <token>` is answered; unset, only one from a loopback address that no
 * proxy forwarded (a scraper on the same host, or an internal port published only to it).
 * Anyone else gets 403.
 */
export const metricsRoutes: RouteModule = (app, { metrics, metricsToken }) => {
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  servePublicRoute(app, PUBLIC_PAGES.metrics, async (c) => {
    if (!allowed(c, expected)) {
      const lang = answerLanguage(languageHints(c));
      throw new GaletteError('forbidden', translate(lang, 'operations.metrics.forbidden'));
    }
    const text = await metrics.scrape();
    c.header('Cache-Control', 'no-store');
    return c.body(text, 200, { 'Content-Type': metrics.registry.contentType });
  });
};

function allowed(c: Context, expected: Buffer | undefined): boolean {
  if (expected !== undefined) {
    const bearer = /^Bearer +(\S+)$/i.exec(requestHeader(c, 'authorization') ?? '')?.[1];
    // Compared as digests: equal lengths, and the time taken says nothing about the token.
    return bearer !== undefined && timingSafeEqual(digest(bearer), expected);
  }
  const forwarded =
    requestHeader(c, 'x-forwarded-for') !== undefined ||
    requestHeader(c, 'forwarded') !== undefined;
  return !forwarded && isLoopback(peerAddress(c));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
