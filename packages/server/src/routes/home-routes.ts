import { translator } from '@galette/core';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import { escapeHtml, htmlPage } from '../html.js';
import { answerLanguage, languageHints } from '../request-language.js';
import type { RouteModule } from '../server-context.js';

/** Galette's mark, a round biscuit, as the answer to the `/favicon.ico` every browser asks for. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#c8873a"/><circle cx="16" cy="16" r="11" fill="none" stroke="#8a5a1f" stroke-width="2" stroke-dasharray="3 3"/></svg>`;

/**
 * `GET /`: what the server is and the portals it publishes, each with its charter and demo page
 * (fr/en like every page); `GET /favicon.ico`.
 */
export const homeRoutes: RouteModule = (app, { store }) => {
  servePublicRoute(app, PUBLIC_PAGES.home, async (c) => {
    const lang = answerLanguage(languageHints(c));
    const t = translator(lang);
    const portals = (await store.listPortals({ archived: 'exclude' })).filter(
      (p) => p.publishedRevision !== undefined,
    );
    const items = portals
      .map((p) => {
        const id = encodeURIComponent(p.id);
        return `<li><strong>${escapeHtml(p.name)}</strong> (${escapeHtml(p.id)}) – <a href="/p/${id}/charte-cookies">${escapeHtml(t('home.charter'))}</a> · <a href="/demo/${id}">${escapeHtml(t('home.demo'))}</a></li>`;
      })
      .join('\n');
    const other = lang === 'fr' ? 'en' : 'fr';
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Language, Cookie');
    return c.html(
      htmlPage({
        lang,
        title: t('home.title'),
        css: 'main{max-width:48rem}li{margin:.5rem 0}',
        main: `<p><a href="/?lang=${other}" lang="${other}" hreflang="${other}">${escapeHtml(t('home.language'))}</a></p>
<h1>${escapeHtml(t('home.heading'))}</h1>
<p>${escapeHtml(t('home.intro'))}</p>
<h2>${escapeHtml(t('home.portals'))}</h2>
${portals.length > 0 ? `<ul>\n${items}\n</ul>` : `<p>${escapeHtml(t('home.none'))}</p>`}
<p><a href="/api/openapi.json">${escapeHtml(t('home.api'))}</a></p>`,
      }),
    );
  });

  servePublicRoute(app, PUBLIC_PAGES.favicon, (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml' });
  });
};
