import {
  isSupportedLanguage,
  REFERENCE_LANGUAGE,
  translate,
  type PortalContent,
} from '@galette/core';
import { escapeHtml } from '../../html.js';
import { previewBase } from './preview-widget.js';

/**
 * Where the preview's widget sends « see my choices »: the public receipt page would answer 404,
 * since the preview records nothing. This page says so and what a visitor finds there once the
 * draft is published. Like the sample page it may be shown in the console's narrow frame.
 */
export function previewReceiptPage(content: PortalContent, lang: string): string {
  const ui = isSupportedLanguage(lang) ? lang : REFERENCE_LANGUAGE;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    escapeHtml(translate(ui, key, params));
  const sample = `${previewBase(content.id)}/sample?lang=${encodeURIComponent(lang)}`;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t('preview.receiptTitle', { name: content.name })}</title>
<link rel="stylesheet" href="/demo-assets/demo.css">
</head>
<body>
<main>
<p class="notice" data-galette-preview-marker><strong>${t('preview.marker')}</strong></p>
<h1>${t('preview.receiptTitle', { name: content.name })}</h1>
<p>${t('preview.receiptText')}</p>
<p><a href="${sample}">${t('preview.receiptBack')}</a></p>
</main>
</body>
</html>
`;
}

/** Nothing to run or connect to; framed by the console's narrow view only, as the sample page. */
export const PREVIEW_RECEIPT_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** The receipt address the preview's widget links to, in `lang`. */
export function previewReceiptUrl(origin: string, portalId: string, lang: string): string {
  return `${origin}${previewBase(portalId)}/receipt?lang=${encodeURIComponent(lang)}`;
}
