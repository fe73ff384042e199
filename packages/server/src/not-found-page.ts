import { translator } from '@galette/core';
import { escapeHtml } from './html.js';

export interface NotFoundPageOptions {
  readonly lang: string;
  /** The path asked for, shown back to the visitor. */
  readonly path: string;
  /** Set when the path named a portal that has no published charter. */
  readonly portalId?: string;
}

/** A small, self-contained, accessible page: one heading, the reason, a way back. */
export function notFoundPage({ lang, path, portalId }: NotFoundPageOptions): string {
  const t = translator(lang);
  const reason =
    portalId === undefined
      ? t('server.notFound.page', { path })
      : t('server.notFound.portal', { portalId });
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t('server.notFound.title'))} – Galette</title>
<style>
body{font:1.125rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:40rem;margin:4rem auto;padding:0 1.5rem}
h1{font-size:1.75rem;line-height:1.25}
a{color:#000091;text-decoration:underline}
a:focus-visible{outline:3px solid #000091;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t('server.notFound.heading'))}</h1>
<p>${escapeHtml(reason)}</p>
<p><a href="/">${escapeHtml(t('server.notFound.home'))}</a></p>
</main>
</body>
</html>
`;
}
