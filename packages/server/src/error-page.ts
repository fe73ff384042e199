import { translator } from '@galette/core';
import { escapeHtml, htmlPage } from './html.js';

export interface ErrorPageOptions {
  readonly lang: string;
  readonly status: number;
  /** Plain text, already in `lang`: what went wrong and what the visitor can do. */
  readonly message: string;
  /** Bad fields (query parameters), each as `path` and a message in `lang`. */
  readonly fields?: readonly { readonly path: string; readonly message: string }[];
}

/**
 * The page a visitor sees when a page address fails (too many requests, a server error): the
 * same small accessible layout as the 404 page, instead of an API's JSON.
 */
export function errorPage({ lang, status, message, fields = [] }: ErrorPageOptions): string {
  const t = translator(lang);
  // A field's message reads after its name ("lang is not published"), as in the API's answers.
  const items = fields.map(
    (f) => `<li><code>${escapeHtml(f.path)}</code> ${escapeHtml(f.message)}</li>`,
  );
  return htmlPage({
    lang,
    title: `${t('server.error.title')} ${status} – Galette`,
    css: 'body{font-size:1.125rem}main{max-width:40rem;margin-top:4rem}',
    main: `<h1>${escapeHtml(t('server.errorPage.heading'))}</h1>
<p>${escapeHtml(message)}</p>
${items.length === 0 ? '' : `<ul>${items.join('')}</ul>\n`}<p><a href="/">${escapeHtml(t('server.notFound.home'))}</a></p>`,
  });
}
