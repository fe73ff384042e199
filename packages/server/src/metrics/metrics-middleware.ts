import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { GaletteMetrics } from './galette-metrics.js';

/**
 * Counts every answer by the route pattern that answered it (`/p/:portalId/widget.js`, never the
 * raw path: one series per route, whatever ids visitors send), its status and its latency.
 * Registered first, so error pages and 404s are counted too.
 */
export function metricsMiddleware(metrics: GaletteMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      // After next(), the route index is the last handler that ran: the route's own, or this
      // catch-all (`*`) when nothing matched.
      metrics.request(
        c.req.method,
        routePath(c),
        c.res.status,
        (performance.now() - started) / 1000,
      );
    }
  };
}
