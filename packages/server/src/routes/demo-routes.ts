import { randomBytes } from 'node:crypto';
import { buildWidgetConfig, EXEMPT_CATEGORY, translate, type Revision } from '@galette/core';
import type { Context } from 'hono';
import { servePublicRoute } from '../api-routes/api-route.js';
import { PUBLIC_PAGES } from '../api-routes/public-pages.js';
import { charterPath } from '../charter-document.js';
import { escapeHtml } from '../html.js';
import { notFoundResponse } from '../not-found-response.js';
import { createRepresentation, respondWith } from '../representation.js';
import { answerLanguage, languageHints } from '../request-language.js';
import { requestHeader } from '../request-header.js';
import { MISS } from '../revision-cache.js';
import type { RouteModule } from '../server-context.js';
import { DEMO_ASSETS } from './demo-assets.js';

const ASSETS = '/demo-assets';

/**
 * `GET /demo/{portalId}`: a page that looks like an open-data portal, with the portal's widget
 * loaded by its one script tag, gated statistics scripts (one external, one inline with a CSP
 * nonce) and a gated video embed, for people trying Galette. The page is served under a strict
 * Content-Security-Policy (`script-src 'self' 'nonce-…'; style-src 'self'`): the widget needs
 * nothing more.
 */
export const demoRoutes: RouteModule = (app, context) => {
  for (const [name, asset] of Object.entries(DEMO_ASSETS)) {
    const representation = createRepresentation(asset.body, {
      contentType: asset.type,
      cacheControl: 'public, max-age=300',
    });
    app.get(`${ASSETS}/${name}`, (c) =>
      respondWith(
        representation,
        requestHeader(c, 'accept-encoding'),
        requestHeader(c, 'if-none-match'),
      ),
    );
  }
  servePublicRoute(app, PUBLIC_PAGES.demo, async (c) => {
    const portalId = c.req.param('portalId');
    const cached = context.revisions.peek(portalId);
    const revision = cached === MISS ? await context.revisions.get(portalId) : cached;
    if (!revision) return notFoundResponse(c, { portalId });
    return demoPage(c, revision);
  });
};

function demoPage(c: Context, revision: Revision): Response {
  const content = revision.content;
  const lang = answerLanguage(languageHints(c), content);
  const t = (key: string, params?: Record<string, string>) =>
    escapeHtml(translate(lang, key, params));
  const nonce = randomBytes(16).toString('base64');
  const id = encodeURIComponent(content.id);
  // Only what this portal declares is put on the page: a gate for an undeclared category
  // would simply never open.
  const gated = new Set(
    buildWidgetConfig(revision, { baseUrl: '' }).categories.map((category) => category.id),
  );
  const name = escapeHtml(content.name);
  const manage = t('widget.control');

  const head = [
    // One language, the page's: it never changes language without reloading.
    `<script src="/p/${id}/widget.js?lang=${lang}" defer></script>`,
    gated.has(EXEMPT_CATEGORY) &&
      `<script type="text/plain" data-galette="${EXEMPT_CATEGORY}" src="${ASSETS}/matomo.js"></script>`,
    gated.has('statistics') &&
      `<script type="text/plain" data-galette="statistics" src="${ASSETS}/gtag.js"></script>
<script type="text/plain" data-galette="statistics" nonce="${nonce}">
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-DEMO0001');
  document.documentElement.setAttribute(
    'data-demo-inline',
    document.documentElement.hasAttribute('data-demo-statistics') ? 'after-gtag' : 'before-gtag',
  );
</script>`,
    `<script src="${ASSETS}/demo.js" defer></script>`,
  ];
  const video =
    gated.has('marketing') &&
    `<section aria-labelledby="demo-video">
<h2 id="demo-video">${t('widget.demo.video')}</h2>
<iframe data-galette="marketing" data-src="${ASSETS}/video.html" width="560" height="315" title="${t('widget.demo.videoTitle')}" allowfullscreen></iframe>
</section>`;
  const dataset = (n: number) =>
    `<li><h3>${t(`widget.demo.dataset${n}`)}</h3><p>${t('widget.demo.datasetText')}</p></li>`;

  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('widget.demo.title', { name: content.name })}</title>
<link rel="stylesheet" href="${ASSETS}/demo.css">
${head.filter(Boolean).join('\n')}
</head>
<body>
<header><div class="bar"><strong>${name}</strong>
<nav aria-label="${name}"><a href="#datasets">${t('widget.demo.datasets')}</a><a href="${charterPath(content.id)}">${t('widget.charter')}</a></nav></div></header>
<main>
<p class="notice">${t('widget.demo.notice', { portal: content.id })}</p>
<h1>${name}</h1>
<section aria-labelledby="datasets"><h2 id="datasets">${t('widget.demo.datasets')}</h2>
<ul class="cards">${[1, 2, 3].map(dataset).join('')}</ul></section>
${video || ''}
<section aria-labelledby="demo-state-title"><h2 id="demo-state-title">${t('widget.demo.state')}</h2>
<pre id="demo-state" aria-live="polite" data-none="${t('widget.demo.stateNone')}"></pre>
<button type="button" class="manage" data-galette-action="customise">${manage}</button></section>
</main>
<footer><a href="${charterPath(content.id)}">${t('widget.charter')}</a><a href="#" data-galette-action="customise">${manage}</a><span>${t('widget.demo.footer')}</span></footer>
</body>
</html>
`;
  return c.html(html, 200, {
    'cache-control': 'no-store',
    'content-language': lang,
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "frame-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'self'",
    ].join('; '),
  });
}
