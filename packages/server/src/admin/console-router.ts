import {
  GaletteError,
  isAdmin,
  LANGUAGE_COOKIE,
  SESSION_COOKIE,
  isSupportedLanguage,
  translate,
  translator,
  type Principal,
  type TokenPrincipal,
  type UserPrincipal,
} from '@galette/core';
import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import type { BlankEnv } from 'hono/types';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { answerLanguage } from '../request-language.js';
import { cookieValue, queryParam } from '../request-language.js';
import { requestHeader } from '../request-header.js';
import { CSRF_FIELD, SAFE_METHODS, csrfPasses } from './auth/csrf.js';
import type { CookiePolicy } from './auth/console-cookies.js';
import type { ConsoleRequest } from './console-request.js';
import type { RateLimiter } from '../consent/rate-limiter.js';
import type { Refusal, RefusalRecorder } from './refusal-audit.js';
import { ruleAllows, type RouteRule } from './route-rule.js';

/** How the console recognises callers; bound to the account services by `consoleRoutes`. */
export interface ConsoleAuthenticator {
  /** The user behind a live `sessionid` (the session is touched), or undefined. */
  session(id: string, c: Context): Promise<{ user: UserPrincipal; ref: string } | undefined>;
  /** The API token behind `Authorization: Bearer …` (its last use recorded), or undefined. */
  token(value: string, c: Context): Promise<TokenPrincipal | undefined>;
}

/** Pages are HTML for browsers (sessions only); the API answers JSON (tokens or sessions). */
export type Surface = 'page' | 'api';
/** Pages use GET and POST (forms); the admin API also PUT and DELETE. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RegisteredRoute {
  readonly method: RouteMethod;
  /** Hono path, e.g. `/api/v1/admin/portals/:portalId/stats/consents`. */
  readonly path: string;
  readonly surface: Surface;
  readonly rule: RouteRule;
  /** Whether a session-authenticated request needs the CSRF token (every state change). */
  readonly csrf: boolean;
}

/** How refusals look: the page surface renders them, the API answers JSON. */
export interface Refusals {
  /** 401/403/413 as a page. */
  page(c: Context, status: 403 | 413, reason: 'csrf' | 'forbidden' | 'bodyTooLarge'): Response;
  /** Error body as JSON. */
  api(
    c: Context,
    status: 401 | 403 | 413,
    reason: 'unauthenticated' | 'csrf' | 'forbidden' | 'bodyTooLarge',
  ): Response;
}

export interface ConsoleRouterOptions {
  readonly auth: ConsoleAuthenticator;
  readonly cookies: CookiePolicy;
  readonly refusals: Refusals;
  /** Largest request body on the console; default 64 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * Largest request body on the admin API; default 2 MiB, so a whole portal file (up to 1 000
   * declarations) can be sent as one draft.
   */
  readonly maxApiBodyBytes?: number;
  /**
   * Wrong API tokens per client: past the limiter's allowance, a client's tokens are refused
   * (429) without being looked at, so guessing one is slow.
   */
  /**
   * Who must have a second factor before using the console (`GALETTE_REQUIRE_SECOND_FACTOR`):
   * until they set one up, such users reach only the pages that set it up and sign out.
   */
  readonly requireSecondFactor?: 'admins' | 'all';
  /** Where route-level refusals (role, CSRF) are recorded: the audit log, bounded per client. */
  readonly onRefused?: RefusalRecorder;
  readonly tokenFailures?: {
    readonly limiter: RateLimiter;
    readonly client: (c: Context) => string;
  };
}

const routers = new WeakMap<Hono, ConsoleRouter>();

/** The console pages and admin API routes registered on `app`, each with its rule. */
export function registeredAdminRoutes(app: Hono): readonly RegisteredRoute[] {
  return routers.get(app)?.routes ?? [];
}

/**
 * Whether `handler` is one of the middlewares the console router puts in front of its prefixes
 * (refusing unruled routes, limiting bodies, identifying callers), so that a listing of what is
 * served there can leave them out.
 */
export function isConsoleMiddleware(app: Hono, handler: unknown): boolean {
  return routers.get(app)?.isOwnMiddleware(handler) ?? false;
}

/** Wrong API tokens a client may send at once, then one every 10 seconds. */
export const TOKEN_FAILURES = { burst: 10, perSecond: 0.1 } as const;

export const DEFAULT_CONSOLE_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_ADMIN_API_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const CONSOLE_PREFIX = '/admin';
export const ADMIN_API_PREFIX = '/api/v1/admin';
/** Paths of app-wide middlewares (metrics, security headers): not console routes. */
const APP_WIDE = new Set(['*', '/*']);
const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SECOND_FACTOR_SETUP = '/admin/account/second-factor';
/** What a user who must set a second factor up can still reach: that page, and signing out. */
const SECOND_FACTOR_EXEMPT = new Set([SECOND_FACTOR_SETUP, '/admin/logout']);

/**
 * The only way to add a console page or an admin API route: each comes with its rule, checked
 * before its handler together with the CSRF token of state-changing session requests. A route
 * registered under the console's prefixes by any other means is refused (403), so forgetting a
 * rule cannot open one.
 */
export class ConsoleRouter {
  readonly #routes: RegisteredRoute[] = [];
  readonly #guarded = new WeakSet<object>();
  /** The middlewares this router adds under its prefixes: the only unguarded handlers there. */
  readonly #own = new WeakSet<object>();
  readonly #app: Hono;
  readonly #options: ConsoleRouterOptions;

  constructor(app: Hono, options: ConsoleRouterOptions) {
    this.#app = app;
    this.#options = options;
    routers.set(app, this);
    for (const prefix of [CONSOLE_PREFIX, ADMIN_API_PREFIX]) {
      const surface: Surface = prefix === CONSOLE_PREFIX ? 'page' : 'api';
      const maxSize =
        surface === 'page'
          ? (options.maxBodyBytes ?? DEFAULT_CONSOLE_MAX_BODY_BYTES)
          : (options.maxApiBodyBytes ?? DEFAULT_ADMIN_API_MAX_BODY_BYTES);
      const middlewares = [
        this.#refuseUnruled(surface),
        bodyLimit({
          maxSize,
          onError: (c) =>
            surface === 'page'
              ? options.refusals.page(c, 413, 'bodyTooLarge')
              : options.refusals.api(c, 413, 'bodyTooLarge'),
        }),
        this.#identify(surface),
      ];
      for (const middleware of middlewares) {
        this.#own.add(middleware);
        app.use(`${prefix}/*`, middleware);
      }
    }
  }

  isOwnMiddleware(handler: unknown): boolean {
    return typeof handler === 'function' && this.#own.has(handler);
  }

  /** Every route registered so far, for the access-matrix and CSRF tests and the docs. */
  get routes(): readonly RegisteredRoute[] {
    return this.#routes;
  }

  page<P extends string>(
    method: RouteMethod,
    path: P,
    rule: RouteRule,
    handler: Handler<BlankEnv, P>,
  ): void {
    this.#add({ method, path, surface: 'page', rule, csrf: !SAFE_METHODS.has(method) }, handler);
  }

  api<P extends string>(
    method: RouteMethod,
    path: P,
    rule: RouteRule,
    handler: Handler<BlankEnv, P>,
  ): void {
    this.#add({ method, path, surface: 'api', rule, csrf: !SAFE_METHODS.has(method) }, handler);
  }

  #add(route: RegisteredRoute, handler: Handler<BlankEnv, string>): void {
    const { refusals, cookies } = this.#options;
    const guarded: Handler = async (c, next) => {
      const request = c.get('galetteConsole');
      const verdict = ruleAllows(route.rule, request.principal, (name) => c.req.param(name));
      if (verdict === 'unauthenticated') {
        if (route.surface === 'api') return refusals.api(c, 401, 'unauthenticated');
        const next = `${c.req.path}${new URL(c.req.url).search}`;
        return c.redirect(
          route.method === 'GET' ? `/admin/login?next=${encodeURIComponent(next)}` : '/admin/login',
          303,
        );
      }
      if (verdict === 'forbidden') {
        await this.#refused(c, 'access.denied', request.principal, route);
        return route.surface === 'api'
          ? refusals.api(c, 403, 'forbidden')
          : refusals.page(c, 403, 'forbidden');
      }
      if (this.#lacksRequiredSecondFactor(request.principal, route)) {
        if (route.surface === 'api') {
          throw new GaletteError('forbidden', request.t('secondFactor.api.required'));
        }
        if (route.method === 'GET') return c.redirect(`${SECOND_FACTOR_SETUP}?required`, 303);
        return refusals.page(c, 403, 'forbidden');
      }
      if (route.csrf && request.authentication !== 'token') {
        const formToken = await formCsrfToken(c);
        if (!csrfPasses(c, cookies, formToken)) {
          await this.#refused(c, 'csrf.refused', request.principal, route);
          return route.surface === 'api'
            ? refusals.api(c, 403, 'csrf')
            : refusals.page(c, 403, 'csrf');
        }
      }
      return handler(c, next);
    };
    this.#guarded.add(guarded);
    this.#routes.push(route);
    this.#app.on(route.method, route.path, guarded);
  }

  async #refused(
    c: Context,
    action: Refusal['action'],
    principal: Principal | undefined,
    route: RegisteredRoute,
  ): Promise<void> {
    await this.#options.onRefused?.(c, {
      action,
      principal,
      method: route.method,
      route: route.path,
      portalId: route.path.includes(':portalId') ? c.req.param('portalId') : undefined,
    });
  }

  #lacksRequiredSecondFactor(principal: Principal | undefined, route: RegisteredRoute): boolean {
    const required = this.#options.requireSecondFactor;
    if (required === undefined || principal?.kind !== 'user' || principal.secondFactor)
      return false;
    if (required === 'admins' && !isAdmin(principal)) return false;
    return route.rule.kind !== 'public' && !SECOND_FACTOR_EXEMPT.has(route.path);
  }

  #refuseUnruled(surface: Surface): MiddlewareHandler {
    const { refusals } = this.#options;
    return async (c, next) => {
      // Whatever its method: a handler added with `app.all()` or `app.use()` answers as well as
      // one added with `app.get()`. Only the app-wide middlewares (`*`) run before ours.
      const unruled = matchedRoutes(c).filter(
        (r) => !this.#guarded.has(r.handler) && !this.#own.has(r.handler) && !APP_WIDE.has(r.path),
      );
      if (unruled.length > 0) {
        return surface === 'api'
          ? refusals.api(c, 403, 'forbidden')
          : refusals.page(c, 403, 'forbidden');
      }
      await next();
    };
  }

  #identify(surface: Surface): MiddlewareHandler {
    const { auth } = this.#options;
    return async (c, next) => {
      if (c.req.path.startsWith(`${CONSOLE_PREFIX}/assets/`)) {
        // Static files: no need to look the session up for each font and icon.
        c.set('galetteConsole', anonymous(consoleLanguage(c, undefined)));
        return next();
      }
      let principal: Principal | undefined;
      let authentication: ConsoleRequest['authentication'] = 'none';
      let sessionRef: string | undefined;
      const bearer =
        surface === 'api' ? BEARER.exec(requestHeader(c, 'authorization') ?? '') : null;
      if (bearer) {
        const failures = this.#options.tokenFailures;
        const client = failures?.client(c);
        const wait = client === undefined ? 0 : failures!.limiter.wait(client);
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          const lang = consoleLanguage(c, undefined);
          throw new GaletteError('rate_limited', translate(lang, 'server.error.rateLimited'));
        }
        // A presented token that is not valid is not silently replaced by the cookie's session.
        principal = await auth.token(bearer[1]!, c);
        authentication = principal ? 'token' : 'none';
        if (!principal && client !== undefined) failures!.limiter.take(client);
      } else {
        const id = cookieValue(requestHeader(c, 'cookie'), SESSION_COOKIE);
        const session = id ? await auth.session(id, c) : undefined;
        if (session) {
          principal = session.user;
          sessionRef = session.ref;
          authentication = 'session';
        }
      }
      const lang = consoleLanguage(c, principal);
      c.set('galetteConsole', {
        lang,
        t: translator(lang),
        principal,
        authentication,
        sessionRef,
      });
      await next();
    };
  }
}

export function anonymous(lang: string): ConsoleRequest {
  return {
    lang,
    t: translator(lang),
    principal: undefined,
    authentication: 'none',
    sessionRef: undefined,
  };
}

/**
 * `?lang=`, then the `galette_lang` cookie (the language switch), then the signed-in user's
 * preferred language, then `Accept-Language`.
 */
function consoleLanguage(c: Context, principal: Principal | undefined): string {
  const query = queryParam(c.req.url, 'lang');
  if (query !== undefined && isSupportedLanguage(query)) return query;
  const cookie = cookieValue(requestHeader(c, 'cookie'), LANGUAGE_COOKIE);
  if (cookie !== undefined && isSupportedLanguage(cookie)) return cookie;
  if (principal?.kind === 'user') return principal.language;
  return answerLanguage({
    query: undefined,
    cookie: undefined,
    acceptLanguage: requestHeader(c, 'accept-language'),
  });
}

/** The `csrftoken` field of a form body; JSON callers use the header instead. */
async function formCsrfToken(c: Context): Promise<string | undefined> {
  const type = requestHeader(c, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    return undefined;
  }
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}
