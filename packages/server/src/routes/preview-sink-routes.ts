import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_API } from '../consent/consent-api-routes.js';
import type { RouteModule } from '../server-context.js';

/** Where the console's preview of a draft points its widget instead of the consent API. */
export const PREVIEW_SINK = '/api/v1/preview';

/**
 * `POST /api/v1/preview/consents` and `POST /api/v1/preview/banner-views`: the console's preview
 * runs the real widget with a draft's configuration, whose choices and "banner shown" beacons
 * must never become proofs or statistics. Its configuration sends them here (and its page's
 * policy lets it connect nowhere else), where nothing is read, stored or counted: the answer is
 * 204, so the widget takes its choice as delivered and does not retry. Outside `/admin/` because
 * the widget posts without credentials, and it holds nothing a session would have to protect.
 */
export const previewSinkRoutes: RouteModule = (app) => {
  for (const sink of [PUBLIC_API.previewConsents, PUBLIC_API.previewBannerViews]) {
    servePublicRoute(app, sink, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.body(null, 204);
    });
  }
};
