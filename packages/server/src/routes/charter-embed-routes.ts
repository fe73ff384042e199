import { buildCharter, renderCharter, type Revision } from '@galette/core';
import type { Context } from 'hono';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import { CHARTER_VARY, PUBLIC_CACHE_CONTROL } from '../charter-cache.js';
import { renderCharterDocument } from '../charter-document.js';
import { notFoundResponse } from '../not-found-response.js';
import { createRepresentation, respondWith, type Representation } from '../representation.js';
import { answerLanguage, languageHints } from '../request-language.js';
import { requestHeader } from '../request-header.js';
import { charterEmbedPolicy } from '../security-headers.js';
import type { RouteModule } from '../server-context.js';

/** Paths of a portal's embeddable charter, for snippets (the console shows them). */
export function charterEmbedPaths(portalId: string): { fragment: string; embed: string } {
  const base = `/p/${encodeURIComponent(portalId)}/charte-cookies`;
  return { fragment: `${base}.fragment.html`, embed: `${base}/embed` };
}

const MAX_ENTRIES = 1_000;

/**
 * The published charter for a portal's own page, so that it always shows the current table:
 * - `GET /p/{portalId}/charte-cookies.fragment.html`: the charter's content only (a `<section>`
 *   without document, scripts or styles), readable from any origin, for server-side includes or
 *   a `fetch` from the portal's page;
 * - `GET /p/{portalId}/charte-cookies/embed`: the charter page for an `<iframe>`, which only the
 *   portal's declared origins may frame (CSP `frame-ancestors`), whatever `charterInFrame` says
 *   for the main charter page.
 * Both come from the latest published revision, with the charter's language negotiation, ETags
 * and compression; an archived portal answers 410 (the archive gate).
 */
export const charterEmbedRoutes: RouteModule = (app, context) => {
  const entries = new Map<string, Representation>();
  const cached = (revision: Revision, lang: string, mode: 'fragment' | 'embed') => {
    const key = `${revision.portalId}\n${revision.hash}\n${lang}\n${mode}`;
    let representation = entries.get(key);
    if (representation === undefined) {
      const body =
        mode === 'fragment'
          ? renderCharter(buildCharter(revision, lang), 'html', { fragment: true })
          : renderCharterDocument(revision, lang, 'html');
      representation = createRepresentation(body, {
        contentType: 'text/html; charset=utf-8',
        cacheControl: PUBLIC_CACHE_CONTROL,
        vary: CHARTER_VARY,
        headers: {
          'content-language': lang,
          ...(mode === 'fragment'
            ? { 'access-control-allow-origin': '*' }
            : { 'content-security-policy': charterEmbedPolicy(revision.content) }),
        },
      });
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, representation);
    }
    return representation;
  };
  const answer = async (c: Context, mode: 'fragment' | 'embed') => {
    const portalId = c.req.param('portalId')!;
    const revision = await context.revisions.get(portalId);
    if (revision === undefined) return notFoundResponse(c, { portalId });
    const lang = answerLanguage(languageHints(c), revision.content);
    return respondWith(
      cached(revision, lang, mode),
      requestHeader(c, 'accept-encoding'),
      requestHeader(c, 'if-none-match'),
    );
  };
  servePublicRoute(app, PUBLIC_PAGES.charterFragment, (c) => answer(c, 'fragment'));
  servePublicRoute(app, PUBLIC_PAGES.charterEmbed, (c) => answer(c, 'embed'));
};
