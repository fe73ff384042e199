import {
  isSupportedLanguage,
  REFERENCE_LANGUAGE,
  translate,
  WIDGET_THEMES,
  type PortalContent,
  type WidgetTheme,
} from '@galette/core';
import { escapeHtml } from '../../html.js';
import { PREVIEW_SINK } from '../../routes/preview-sink-routes.js';
import { previewBase, previewCharterPath } from './preview-widget.js';

/** The demonstration page's stylesheet and state display, shared by the sample page. */
const DEMO_ASSETS = '/demo-assets';

export interface SamplePageOptions {
  readonly content: PortalContent;
  /** One of the draft's languages: the page's, and the only one its widget carries. */
  readonly lang: string;
  readonly theme: WidgetTheme;
  /** Origin of the console, for the one address the page may connect to (the preview sink). */
  readonly origin: string;
}

/**
 * The preview's sample page: a page like `/demo/{portalId}`, loading the draft's real widget by
 * its one script tag (served under the preview's address), after the script that keeps the
 * preview's cookies and storage in memory. Every operator string is escaped; the page carries
 * no inline script or style, and its policy lets it connect only to the preview sink and be
 * framed only by the console (the narrow view).
 */
export function samplePage({ content, lang, theme, origin }: SamplePageOptions): {
  html: string;
  policy: string;
} {
  const ui = isSupportedLanguage(lang) ? lang : REFERENCE_LANGUAGE;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    escapeHtml(translate(ui, key, params));
  const base = previewBase(content.id);
  const query = (l: string, th: WidgetTheme) =>
    `lang=${encodeURIComponent(l)}&amp;theme=${encodeURIComponent(th)}`;
  const name = escapeHtml(content.name);
  const charter = `${previewCharterPath(content.id, 'html')}?lang=${encodeURIComponent(lang)}`;
  const manage = t('widget.control');
  const themes = WIDGET_THEMES.map((th) =>
    th === theme
      ? `<li><strong aria-current="page">${t(`preview.theme.${th}`)}</strong></li>`
      : `<li><a href="${base}/sample?${query(lang, th)}">${t(`preview.theme.${th}`)}</a></li>`,
  ).join('');
  const languages = content.languages
    .map((l) =>
      l === lang
        ? `<li><strong aria-current="page" lang="${escapeHtml(l)}">${escapeHtml(l)}</strong></li>`
        : `<li><a href="${base}/sample?${query(l, theme)}" hreflang="${escapeHtml(l)}" lang="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`,
    )
    .join('');
  const dataset = (n: number) =>
    `<li><h3>${t(`widget.demo.dataset${n as 1}`)}</h3><p>${t('widget.demo.datasetText')}</p></li>`;

  const html = `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t('preview.sampleTitle', { name: content.name })}</title>
<link rel="stylesheet" href="${DEMO_ASSETS}/demo.css">
<script src="${base}/preview-jar.js"></script>
<script src="${base}/widget.js?${query(lang, theme)}" defer></script>
<script src="${DEMO_ASSETS}/demo.js" defer></script>
</head>
<body>
<header><div class="bar"><strong>${name}</strong>
<nav aria-label="${name}"><a href="#datasets">${t('widget.demo.datasets')}</a><a href="${charter}">${t('widget.charter')}</a></nav></div></header>
<main>
<p class="notice" data-galette-preview-marker><strong>${t('preview.marker')}</strong> ${t('preview.sampleNotice')}</p>
<nav aria-labelledby="preview-themes"><h2 id="preview-themes">${t('preview.switchTheme')}</h2><ul>${themes}</ul></nav>
${content.languages.length > 1 ? `<nav aria-labelledby="preview-languages"><h2 id="preview-languages">${t('preview.switchLanguage')}</h2><ul>${languages}</ul></nav>` : ''}
<h1>${name}</h1>
<section aria-labelledby="datasets"><h2 id="datasets">${t('widget.demo.datasets')}</h2>
<ul class="cards">${[1, 2, 3].map(dataset).join('')}</ul></section>
<section aria-labelledby="demo-state-title"><h2 id="demo-state-title">${t('widget.demo.state')}</h2>
<pre id="demo-state" aria-live="polite" data-none="${t('widget.demo.stateNone')}"></pre>
<button type="button" class="manage" data-galette-action="customise">${manage}</button></section>
</main>
<footer><a href="${charter}">${t('widget.charter')}</a><a href="#" data-galette-action="customise">${manage}</a></footer>
</body>
</html>
`;
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // The widget's choices and beacons: to the sink, and nowhere else (not the consent API).
    `connect-src ${origin}${PREVIEW_SINK}/`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    // Framed by the console's narrow view only (same origin), by nothing else.
    "frame-ancestors 'self'",
  ].join('; ');
  return { html, policy };
}
