import { translate } from '@galette/core';
import type { Context } from 'hono';
import type { DatabaseHealth } from '../database-health.js';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import type { HealthBody, LivenessBody } from '../health-shapes.js';
import { answerLanguage, languageHints } from '../request-language.js';
import type { RouteModule } from '../server-context.js';

/**
 * `GET /healthz`: readiness. 200 while the database answers and takes writes, 503 with the
 * reason otherwise (unreachable, too slow, read-only), so a load balancer takes out a node that
 * cannot store consents. It answers within a second whatever the database does.
 * `GET /livez` (or `/healthz?live`): liveness, 200 as long as the process serves requests; an
 * orchestrator restarts a node on this one, not on `/healthz`, since a restart cures no outage.
 */
export const healthRoutes: RouteModule = (app, { store, version, health }) => {
  const live = (c: Context) => {
    c.header('Cache-Control', 'no-store');
    const body: LivenessBody = { status: 'ok', version };
    return c.json(body);
  };
  servePublicRoute(app, PUBLIC_PAGES.liveness, live);
  servePublicRoute(app, PUBLIC_PAGES.health, async (c) => {
    if (c.req.query('live') !== undefined) return live(c);
    c.header('Cache-Control', 'no-store');
    const database = await health.check();
    const ok = database.state === 'ok';
    const lang = answerLanguage(languageHints(c));
    const body: HealthBody = {
      status: ok ? 'ok' : 'unavailable',
      store: store.kind,
      version,
      database: database.state,
      ...(ok ? {} : { reason: reason(database, lang, health.timeoutMs) }),
    };
    return c.json(body, ok ? 200 : 503);
  });
};

function reason(database: DatabaseHealth, lang: string, timeout: number): string {
  switch (database.state) {
    case 'read_only':
      return translate(lang, 'operations.health.readOnly');
    case 'timeout':
      return translate(lang, 'operations.health.timeout', { timeout });
    default:
      // The driver's words (addresses, user names) stay out of a public answer.
      return translate(lang, 'operations.health.unreachable');
  }
}
