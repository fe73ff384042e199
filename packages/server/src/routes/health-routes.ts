import type { RouteModule } from '../server-context.js';

/**
 * `GET /healthz`: 200 when the store answers, 503 otherwise, so a load balancer takes a node out
 * of rotation when it has lost its database.
 */
export const healthRoutes: RouteModule = (app, { store, version }) => {
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await store.ping();
      return c.json({ status: 'ok', store: store.kind, version });
    } catch {
      return c.json({ status: 'unavailable', store: store.kind, version }, 503);
    }
  });
};
