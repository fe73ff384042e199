import type { Context } from 'hono';
import { notFoundPage } from './not-found-page.js';
import { answerLanguage, languageHints } from './request-language.js';
import type { ErrorBody } from './error-handler.js';
import { translate } from '@galette/core';
import { answersJson } from './answers-json.js';

/**
 * The 404 answer: JSON for API paths and `.json` documents, an accessible HTML page otherwise.
 * `portalId` is set when the path named a portal that has nothing published.
 */
export function notFoundResponse(c: Context, options: { portalId?: string } = {}): Response {
  const lang = answerLanguage(languageHints(c));
  const path = c.req.path;
  const headers = {
    'cache-control': 'no-cache',
    'content-language': lang,
    vary: 'Accept-Language, Cookie',
  };
  if (answersJson(path)) {
    const body: ErrorBody = {
      error: {
        code: 'not_found',
        message:
          options.portalId === undefined
            ? translate(lang, 'server.error.notFound')
            : translate(lang, 'server.error.portalNotFound', { portalId: options.portalId }),
      },
    };
    return c.json(body, 404, headers);
  }
  return c.html(notFoundPage({ lang, path, ...options }), 404, headers);
}
