import { STORED_CONSENT_ID, GaletteError, translate } from '@galette/core';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import { receiptPage } from '../consent/receipt-page.js';
import { clientAddress } from '../consent/client-address.js';
import { notFoundResponse } from '../not-found-response.js';
import { answerLanguage, languageHints } from '../request-language.js';
import type { RouteModule } from '../server-context.js';

/**
 * `GET /p/{portalId}/consents/{consentId}`: the visitor's receipt as a page, linked from the
 * preferences centre. The consent id is the only key; an unknown one gets the plain 404 page, the
 * same as for any other address, so the page reveals nothing about ids that do not exist.
 */
export const receiptRoutes: RouteModule = (app, { consents, revisions, store }) => {
  servePublicRoute(app, PUBLIC_PAGES.receiptPage, async (c) => {
    const portalId = c.req.param('portalId');
    const consentId = c.req.param('consentId');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    const wait = consents.limiter?.take(clientAddress(c, consents.trustProxy)) ?? 0;
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      const lang = answerLanguage(languageHints(c));
      throw new GaletteError('rate_limited', translate(lang, 'server.error.rateLimited'));
    }
    const revision = await revisions.get(portalId);
    const records =
      revision && consents.log && STORED_CONSENT_ID.test(consentId)
        ? await consents.log.history(portalId, consentId)
        : [];
    if (!revision || records.length === 0) return notFoundResponse(c);
    const summaries = await store.listRevisions(portalId);
    const lang = answerLanguage(languageHints(c), revision.content);
    c.header('Content-Language', lang);
    c.header('Vary', 'Accept-Language, Cookie');
    return c.html(
      receiptPage({
        lang,
        portal: revision.content,
        consentId,
        records,
        revisions: new Map(summaries.map((s) => [s.hash, s])),
      }),
    );
  });
};
