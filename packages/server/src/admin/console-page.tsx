import { localizeFieldError, translate, translator, type FieldError } from '@galette/core';
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { charterPath } from '../charter-document.js';
import type { ErrorBody } from '../error-handler.js';
import { MISS, type RevisionCache } from '../revision-cache.js';
import { consoleAssets } from './assets/console-assets.js';
import { csrfSecret, maskedToken } from './auth/csrf.js';
import type { CookiePolicy } from './auth/console-cookies.js';
import { fieldNameOf } from './console-forms.js';
import { anonymous, type Refusals } from './console-router.js';
import type { ConsoleTheme, PageFrame } from './pages/console-layout.js';
import { RefusalPage } from './pages/refusal-page.js';

/** The console's own portal: its charter is linked from every page and its widget embedded. */
export const CONSOLE_PORTAL = 'galette.localhost';

/**
 * The console's policy: only its own origin, never framed, no inline script or style, forms
 * only to itself. The widget it embeds needs nothing more.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface ConsolePageSettings {
  readonly theme: ConsoleTheme;
  readonly version: string;
  readonly cookies: CookiePolicy;
  readonly revisions: RevisionCache;
  /** Portal whose charter and widget the console shows; default `galette.localhost`. */
  readonly portal?: string;
  readonly maxBodyBytes: number;
  /** Largest request body on the admin API. */
  readonly maxApiBodyBytes: number;
}

/** What every page of this request shares: language, user, CSRF token, look, own widget. */
export async function pageFrame(c: Context, settings: ConsolePageSettings): Promise<PageFrame> {
  const request = c.get('galetteConsole');
  const portal = settings.portal ?? CONSOLE_PORTAL;
  const peeked = settings.revisions.peek(portal);
  const revision =
    peeked === MISS ? await settings.revisions.get(portal).catch(() => undefined) : peeked;
  const url = new URL(c.req.url);
  return {
    lang: request.lang,
    t: request.t,
    theme: settings.theme,
    stylesheets: consoleAssets().stylesheets,
    here: `${url.pathname}${url.search}`,
    csrfToken: maskedToken(csrfSecret(c, settings.cookies)),
    principal: request.principal,
    widgetScript: revision ? `/p/${portal}/widget.js` : undefined,
    charterHref: revision ? charterPath(portal) : undefined,
    version: settings.version,
  };
}

/** Answers a rendered page: never cached (it shows a user's data), under the console's policy. */
export function renderPage(
  c: Context,
  page: JSX.Element,
  status: ContentfulStatusCode = 200,
): Response {
  c.header('Cache-Control', 'no-store');
  c.header('Content-Language', c.get('galetteConsole').lang);
  c.header('Content-Security-Policy', CONSOLE_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  // A page may have asked for none (the password link page, whose address is a secret).
  if (!c.res.headers.has('Referrer-Policy')) c.header('Referrer-Policy', 'same-origin');
  return c.html(`<!doctype html>${String(page)}`, status);
}

/** Refusals of the console's guard: a page that says what happened, or the API's error body. */
export function consoleRefusals(settings: ConsolePageSettings): Refusals {
  const lang = (c: Context) => c.get('galetteConsole')?.lang ?? 'fr';
  return {
    page(c, status, reason) {
      // The body limit answers before the request is identified.
      if (!c.get('galetteConsole')) c.set('galetteConsole', anonymous('fr'));
      const t = c.get('galetteConsole').t;
      const [title, message] =
        reason === 'csrf'
          ? [t('console.error.csrfTitle'), t('console.error.csrf')]
          : reason === 'bodyTooLarge'
            ? [
                t('console.error.csrfTitle'),
                t('console.error.bodyTooLarge', { max: settings.maxBodyBytes }),
              ]
            : [t('console.error.forbiddenTitle'), t('console.error.forbidden')];
      return renderRefusal(c, settings, status, title, message);
    },
    api(c, status, reason) {
      const t = translator(lang(c));
      const body: ErrorBody = {
        error: {
          code: status === 401 ? 'unauthorized' : status === 413 ? 'invalid_input' : 'forbidden',
          message:
            reason === 'unauthenticated'
              ? t('server.error.unauthorized')
              : reason === 'csrf'
                ? t('console.error.csrf')
                : reason === 'bodyTooLarge'
                  ? t('console.error.bodyTooLarge', { max: settings.maxApiBodyBytes })
                  : t('server.error.forbidden'),
        },
      };
      c.header('Cache-Control', 'no-store');
      if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="galette-admin"');
      return c.json(body, status);
    },
  };
}

/**
 * A button's form refused by its shape (a field it does not have): nothing done, each problem
 * named by its field, for forms whose page has no place to show errors (a list's buttons).
 */
export function refusedFormPage(
  c: Context,
  settings: ConsolePageSettings,
  problems: readonly FieldError[],
): Response {
  const { lang, t } = c.get('galetteConsole');
  const message = problems
    .map((p) =>
      translate(lang, 'validation.format.field', {
        path: fieldNameOf(p.path),
        message: localizeFieldError(p, lang),
      }),
    )
    .join(' ');
  return renderRefusal(c, settings, 400, t('console.error.csrfTitle'), message);
}

function renderRefusal(
  c: Context,
  settings: ConsolePageSettings,
  status: 400 | 403 | 413,
  title: string,
  message: string,
): Response {
  // Synchronous on purpose: the frame's widget needs the revision cache, which may need the
  // store; a refusal page does without the widget rather than wait for it.
  const request = c.get('galetteConsole');
  const frame: PageFrame = {
    lang: request.lang,
    t: request.t,
    theme: settings.theme,
    stylesheets: consoleAssets().stylesheets,
    here: '/admin/',
    csrfToken: maskedToken(csrfSecret(c, settings.cookies)),
    principal: request.principal,
    widgetScript: undefined,
    charterHref: undefined,
    version: settings.version,
  };
  return renderPage(c, <RefusalPage frame={frame} title={title} message={message} />, status);
}
