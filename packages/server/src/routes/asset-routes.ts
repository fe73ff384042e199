import { CHARTER_STYLESHEET } from '@galette/core';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import { PUBLIC_CACHE_CONTROL } from '../charter-cache.js';
import { createRepresentation, respondWith } from '../representation.js';
import { requestHeader } from '../request-header.js';
import type { RouteModule } from '../server-context.js';

/** Static assets the public pages link to, compressed once at start-up. */
export const assetRoutes: RouteModule = (app) => {
  const stylesheet = createRepresentation(CHARTER_STYLESHEET, {
    contentType: 'text/css; charset=utf-8',
    cacheControl: PUBLIC_CACHE_CONTROL,
  });
  servePublicRoute(app, PUBLIC_PAGES.charterStylesheet, (c) =>
    respondWith(stylesheet, requestHeader(c, 'accept-encoding'), requestHeader(c, 'if-none-match')),
  );
};
