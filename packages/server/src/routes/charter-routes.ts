import { CHARTER_FORMATS, type CharterFormat, type Revision } from '@galette/core';
import type { Context } from 'hono';
import { servePublicRoute } from '../api-routes/api-route.js';
import { CHARTER_ROUTES } from '../api-routes/public-pages.js';
import { PUBLIC_CACHE_CONTROL } from '../charter-cache.js';
import { charterPath } from '../charter-document.js';
import { notFoundResponse } from '../not-found-response.js';
import { respondWith } from '../representation.js';
import { withLanguageCookie } from '../language-cookie.js';
import { answerLanguage, languageHints } from '../request-language.js';
import { requestHeader } from '../request-header.js';
import { MISS } from '../revision-cache.js';
import type { RouteModule, ServerContext } from '../server-context.js';

/**
 * `GET /p/{portalId}/charte-cookies` and its `.md`, `.txt`, `.json` variants, from the portal's
 * latest published revision (a draft is never shown). When the revision is cached the whole
 * answer is synchronous: no store query, no rendering, no compression.
 */
export const charterRoutes: RouteModule = (app, context) => {
  for (const format of CHARTER_FORMATS) {
    servePublicRoute(app, CHARTER_ROUTES[format], (c): Response | Promise<Response> => {
      const portalId = c.req.param('portalId')!;
      if (UPPERCASE.test(portalId)) return toLowercase(c, portalId, format);
      const cached = context.revisions.peek(portalId);
      if (cached !== MISS) return answer(c, context, portalId, cached, format);
      return context.revisions
        .get(portalId)
        .then((revision) => answer(c, context, portalId, revision, format));
    });
  }
};

const UPPERCASE = /[A-Z]/;

/**
 * Host names are case-insensitive and portal ids are stored in lowercase, so a link typed as
 * `/p/OpenData.Paris.fr/charte-cookies` is sent to the one address caches and the store know.
 */
function toLowercase(c: Context, portalId: string, format: CharterFormat): Response {
  const lower = portalId.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const url = c.req.url;
  const query = url.indexOf('?');
  c.header('Cache-Control', PUBLIC_CACHE_CONTROL);
  return c.redirect(`${charterPath(lower, format)}${query < 0 ? '' : url.slice(query)}`, 301);
}

function answer(
  c: Context,
  { charters }: ServerContext,
  portalId: string,
  revision: Revision | undefined,
  format: CharterFormat,
): Response {
  if (revision === undefined) return notFoundResponse(c, { portalId });
  const hints = languageHints(c);
  const lang = answerLanguage(hints, revision.content);
  const response = respondWith(
    charters.get(revision, lang, format),
    requestHeader(c, 'accept-encoding'),
    requestHeader(c, 'if-none-match'),
  );
  // A language picked with the charter's links (`?lang=`) is remembered for the next pages.
  if (hints.query?.toLowerCase() === lang && hints.cookie !== lang) {
    return withLanguageCookie(response, lang, c.req.url.startsWith('https:'));
  }
  return response;
}
