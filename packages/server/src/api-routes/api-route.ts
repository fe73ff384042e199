import { parseShape } from '@galette/core';
import { createRoute, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Handler, Hono } from 'hono';
import type { BlankEnv } from 'hono/types';
import type { ConsoleRouter, RouteMethod } from '../admin/console-router.js';
import { describeRule, type RouteRule } from '../admin/route-rule.js';
import { errorShape } from './error-shape.js';

/**
 * One admin API route, defined once: its method, path, parameters, request body and answers as
 * zod shapes (`@hono/zod-openapi`'s `createRoute`) and its rule. `serveApiRoute` registers it on
 * the console router and `apiRoutePaths` writes its OpenAPI entry, so the document cannot
 * describe another path, method, body or permission than the one served.
 */
export interface ApiRoute<R extends RouteConfig = RouteConfig> {
  readonly route: R;
  readonly rule: RouteRule;
}

/** A public API route (no rule, not under the console router): served with `servePublicRoute`. */
export interface PublicApiRoute<R extends RouteConfig = RouteConfig> {
  readonly route: R;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** An answer with the shared error body. */
export const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorShape } },
});
/** A reference to a component that is not a zod shape here (the portal file, from core). */
export const componentRef = ref;

/** The answers every admin route shares: who may call it, and what goes wrong for everyone. */
const COMMON = {
  401: errorAnswer('No valid API token or session.'),
  403: errorAnswer('The token or user may not do this on this portal (whether it exists or not).'),
  429: errorAnswer(
    'Too many wrong tokens from this client (10, then one per 10 s); see Retry-After.',
  ),
  503: errorAnswer('The database does not answer; retry.'),
};

/**
 * An admin API route: `createRoute` with the security schemes every admin route takes, the
 * permission its rule names (`x-galette-permission`, checked by the access tests) and the shared
 * refusals.
 */
export function adminApiRoute<const R extends RouteConfig>(rule: RouteRule, route: R): ApiRoute<R> {
  return {
    rule,
    route: createRoute({
      ...route,
      security: [{ apiToken: [] }, { session: [] }],
      'x-galette-permission': describeRule(rule),
      // A route may say more precisely why it refuses; the shared answers fill in the rest.
      responses: { ...COMMON, ...route.responses },
    }),
  };
}

/** A public API route: `createRoute` as is. */
export function publicApiRoute<const R extends RouteConfig>(route: R): PublicApiRoute<R> {
  return { route: createRoute(route) };
}

/**
 * A public route outside `/api/` (charters, widget files, pages, health, metrics): `createRoute`
 * as is, served with `servePublicRoute` like a public API route, so its entry is generated too.
 */
export function publicPageRoute<const R extends RouteConfig>(route: R): PublicApiRoute<R> {
  return { route: createRoute(route) };
}

/** `/api/v1/admin/portals/{portalId}` as Hono writes it: `/api/v1/admin/portals/:portalId`. */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** The Hono path of an OpenAPI path, as a type, so handlers read their parameters as strings. */
export type HonoPathOf<P extends string> = P extends `${infer A}{${infer N}}${infer B}`
  ? `${A}:${N}${HonoPathOf<B>}`
  : P;

/**
 * Registers `api` on the console router with its rule; `handler` answers it once the query
 * string has passed the route's query shape (a `ValidationError` naming each bad parameter, so a
 * 400 in the request's language): the parameters the document describes are the ones checked.
 * Parameters it does not name are let through, as a cache-busting `?_=…` must not fail a call.
 */
export function serveApiRoute<R extends RouteConfig>(
  admin: ConsoleRouter,
  api: ApiRoute<R>,
  handler: Handler<BlankEnv, HonoPathOf<R['path']>>,
): void {
  const query = api.route.request?.query;
  const checked: Handler<BlankEnv, HonoPathOf<R['path']>> = query === undefined
    ? handler
    : (c, next) => {
        parseShape(query as z.ZodType, c.req.query(), 'invalid query');
        return handler(c, next);
      };
  admin.api(
    api.route.method.toUpperCase() as RouteMethod,
    honoPath(api.route.path) as HonoPathOf<R['path']>,
    api.rule,
    checked,
  );
}

/** Registers a public `api` route on `app`; `handler` answers it. */
export function servePublicRoute<R extends RouteConfig>(
  app: Hono,
  api: PublicApiRoute<R>,
  handler: Handler<BlankEnv, HonoPathOf<R['path']>>,
): void {
  app.on(
    api.route.method.toUpperCase(),
    honoPath(api.route.path) as HonoPathOf<R['path']>,
    handler,
  );
}

/**
 * The OpenAPI paths and component schemas of `routes`, generated from their definitions (zod
 * shapes named with `.openapi('Name')` become components).
 */
export function apiRoutePaths(routes: readonly (ApiRoute | PublicApiRoute)[]): {
  paths: Record<string, Record<string, unknown>>;
  schemas: Record<string, unknown>;
} {
  const generator = new OpenAPIHono();
  for (const { route } of routes) generator.openAPIRegistry.registerPath(route);
  const doc = generator.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Galette', version: '0' },
  });
  return {
    paths: (doc.paths ?? {}) as Record<string, Record<string, unknown>>,
    schemas: (doc.components?.schemas ?? {}) as Record<string, unknown>,
  };
}
