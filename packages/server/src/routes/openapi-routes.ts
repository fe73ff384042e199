import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_API } from '../consent/consent-api-routes.js';
import { PUBLIC_CACHE_CONTROL } from '../charter-cache.js';
import { openApiDocument } from '../openapi.js';
import { createRepresentation, respondWith } from '../representation.js';
import { requestHeader } from '../request-header.js';
import type { RouteModule } from '../server-context.js';

/**
 * `GET /api/openapi.json`: built and compressed once at start-up. Any origin may read it, so API
 * explorers hosted elsewhere can load it.
 */
export const openApiRoutes: RouteModule = (app, { version }) => {
  const representation = createRepresentation(JSON.stringify(openApiDocument(version), null, 2), {
    contentType: 'application/json; charset=utf-8',
    cacheControl: PUBLIC_CACHE_CONTROL,
    headers: { 'access-control-allow-origin': '*' },
  });
  servePublicRoute(app, PUBLIC_API.openApi, (c) =>
    respondWith(
      representation,
      requestHeader(c, 'accept-encoding'),
      requestHeader(c, 'if-none-match'),
    ),
  );
};
