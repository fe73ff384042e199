import { REVISION_HASH } from '@galette/core';
import { servePublicRoute } from '../api-routes/api-route.js';
import { clientAddress } from '../consent/client-address.js';
import { PUBLIC_API } from '../consent/consent-api-routes.js';
import { checkConsentOrigin } from '../consent/consent-origin.js';
import { answerLanguage, languageHints } from '../request-language.js';
import { MISS } from '../revision-cache.js';
import type { RouteModule } from '../server-context.js';

/** A revision hash and a little slack; anything longer is not a beacon of the widget. */
const MAX_BEACON_BYTES = 128;

/**
 * `POST /api/v1/portals/{portalId}/banner-views`: the widget's anonymous "banner shown" beacon
 * (`navigator.sendBeacon`, body = the revision hash shown, as `text/plain` so no preflight).
 * Nothing identifies the visitor: no cookie is read, no address is stored (the rate limit keeps
 * its buckets in memory only), and the count joins its portal, day and revision at once. The
 * answer is 204 whether the beacon counted or not: the widget never reads it.
 */
export const bannerViewRoutes: RouteModule = (app, context) => {
  servePublicRoute(app, PUBLIC_API.bannerViews, async (c) => {
    const api = context.consents;
    c.header('Cache-Control', 'no-store');
    const portalId = c.req.param('portalId');
    const cached = context.revisions.peek(portalId);
    const latest = cached === MISS ? await context.revisions.get(portalId) : cached;
    if (!latest || !api.bannerViews) return c.body(null, 204);
    const lang = answerLanguage(languageHints(c), latest.content);
    if (!checkConsentOrigin(c, api, latest.content, lang, { refuse: false })) {
      return c.body(null, 204);
    }
    if ((api.bannerLimiter?.take(clientAddress(c, api.trustProxy)) ?? 0) > 0) {
      return c.body(null, 204);
    }
    const length = Number(c.req.header('content-length') ?? NaN);
    if (!(length <= MAX_BEACON_BYTES)) return c.body(null, 204);
    const hash = (await c.req.text()).trim();
    if (!REVISION_HASH.test(hash)) return c.body(null, 204);
    const revision =
      hash === latest.hash
        ? latest
        : await api.published.get(portalId, hash).catch(() => undefined);
    if (revision) api.bannerViews.count(portalId, revision.hash);
    return c.body(null, 204);
  });
};
