import { translator } from '@galette/core';
import { escapeHtml, htmlPage } from './html.js';

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
  return htmlPage({
    lang,
    title: `${t('server.notFound.title')} – Galette`,
    css: 'body{font-size:1.125rem}main{max-width:40rem;margin-top:4rem}',
    main: `<h1>${escapeHtml(t('server.notFound.heading'))}</h1>
<p>${escapeHtml(reason)}</p>
<p><a href="/">${escapeHtml(t('server.notFound.home'))}</a></p>`,
  });
}
