import type { Store } from '@galette/storage';
import { Hono } from 'hono';
import { consoleRefusals, type ConsolePageSettings } from './admin/console-page.js';
import {
  ConsoleRouter,
  DEFAULT_ADMIN_API_MAX_BODY_BYTES,
  DEFAULT_CONSOLE_MAX_BODY_BYTES,
  TOKEN_FAILURES,
} from './admin/console-router.js';
import { consoleRoutes } from './admin/console-routes.js';
import type { ConsoleTheme } from './admin/pages/console-layout.js';
import { createCharterCache } from './charter-cache.js';
import {
  CONSOLE_PORTAL_ID,
  createAccountServices,
  type AccountServices,
  type OidcSettings,
} from './accounts/index.js';
import { createConsentApi, type ConsentApiOptions } from './consent/consent-api.js';
import { createDatabaseHealth } from './database-health.js';
import { PortalService } from './portals/portal-service.js';
import { lazyCookieDatabase } from './portals/lazy-cookie-database.js';
import { archivedPortalGate, createArchivedPortals } from './portals/archived-portals.js';
import { errorHandler, type ErrorHandlerOptions } from './error-handler.js';
import { notFoundResponse } from './not-found-response.js';
import { createRevisionCache, type RevisionCache } from './revision-cache.js';
import { assetRoutes } from './routes/asset-routes.js';
import { bannerViewRoutes } from './routes/banner-view-routes.js';
import { charterRoutes } from './routes/charter-routes.js';
import { charterEmbedRoutes } from './routes/charter-embed-routes.js';
import { consentRoutes } from './routes/consent-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { homeRoutes } from './routes/home-routes.js';
import { openApiRoutes } from './routes/openapi-routes.js';
import { receiptRoutes } from './routes/receipt-routes.js';
import { statsRoutes } from './routes/stats-routes.js';
import { demoRoutes } from './routes/demo-routes.js';
import { widgetRoutes } from './routes/widget-routes.js';
import { portalAdminRoutes } from './routes/portal-admin-routes.js';
import { previewSinkRoutes } from './routes/preview-sink-routes.js';
import type { RouteModule, ServerContext } from './server-context.js';
import { clientAddress } from './consent/client-address.js';
import { createRefusalAudit } from './admin/refusal-audit.js';
import { createProxyTrust } from './consent/proxy-trust.js';
import { createRateLimiter } from './consent/rate-limiter.js';
import { createMetrics } from './metrics/galette-metrics.js';
import { metricsMiddleware } from './metrics/metrics-middleware.js';
import { metricsRoutes } from './metrics/metrics-routes.js';
import { securityHeaders } from './security-headers.js';
import { SERVER_VERSION } from './version.js';

export interface AppOptions {
  readonly store: Store;
  /** Reported by `/healthz`; default: the server package's version. */
  readonly version?: string;
  /** Key for signing sessions and receipts (`GALETTE_SECRET`). */
  readonly secret?: string;
  /**
   * The address visitors reach Galette at (`GALETTE_PUBLIC_URL`), e.g. `https://galette.example.org`.
   * When set, the widget's configuration points there whatever `Host` a request carried, so a
   * shared cache can never keep a copy built for a forged host; unset, the request's origin is used.
   */
  readonly publicUrl?: string;
  /**
   * Pass one to keep a handle on `onPublish` (e.g. for a cross-node notification listener);
   * otherwise the app makes its own from `revisionTtlMs`.
   */
  readonly revisions?: RevisionCache;
  /** How long the latest revision of a portal is trusted without asking the store; default 5 s. */
  readonly revisionTtlMs?: number;
  /** Most rendered charters kept in memory; default 2 000. */
  readonly maxCachedCharters?: number;
  readonly log?: ErrorHandlerOptions['log'];
  /** Consent API: its log, rate limit, abuse tracing, own origins, body limit. */
  readonly consents?: ConsentApiOptions;
  /** The back office's look: the French state's design system (default) or a neutral one. */
  readonly consoleTheme?: ConsoleTheme;
  /** Single sign-on through an OpenID Connect provider (used when `accounts` is not given). */
  readonly oidc?: OidcSettings;
  /** Who must set up a second factor before using the console; default: nobody. */
  readonly requireSecondFactor?: 'admins' | 'all';
  /** Largest request body on the console pages; default 64 KiB. */
  readonly consoleMaxBodyBytes?: number;
  /** Largest request body on the admin API (a whole portal file); default 2 MiB. */
  readonly adminApiMaxBodyBytes?: number;
  /**
   * Users, sessions, API tokens and the audit log, shared with the CLI; default: made on
   * `store` with `secret`.
   */
  readonly accounts?: AccountServices;
  /** Longest wait of `/healthz` for the database; default 800 ms. */
  readonly healthTimeoutMs?: number;
  /** Portal management; default: made on `store` with the accounts' audit log. */
  readonly portals?: PortalService;
  /**
   * Bearer token that `GET /metrics` asks for (`GALETTE_METRICS_TOKEN`). Unset, `/metrics`
   * answers only requests from a loopback address that came through no proxy.
   */
  readonly metricsToken?: string;
}

/** Route modules in registration order; add a module here to serve more routes. */
const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  metricsRoutes,
  homeRoutes,
  assetRoutes,
  charterRoutes,
  charterEmbedRoutes,
  consentRoutes,
  bannerViewRoutes,
  previewSinkRoutes,
  receiptRoutes,
  statsRoutes,
  widgetRoutes,
  demoRoutes,
  portalAdminRoutes,
  openApiRoutes,
];

/** Galette's HTTP application. Options are resolved once here, never per request. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const metrics = createMetrics();
  // First, so that every answer (routes added later, 404s, error pages) is counted.
  app.use(metricsMiddleware(metrics));
  // Before the routes too, so that every answer (routes added later, 404s, error pages) goes
  // through it.
  app.use(securityHeaders());
  app.onError(
    errorHandler({
      ...(options.log ? { log: options.log } : {}),
      answered(code) {
        if (code === 'unavailable' || code === 'storage') metrics.storeError(code);
      },
    }),
  );
  app.notFound((c) => notFoundResponse(c));
  const revisions =
    options.revisions ??
    createRevisionCache({
      store: options.store,
      ...(options.revisionTtlMs === undefined ? {} : { ttlMs: options.revisionTtlMs }),
    });
  revisions.observe?.((outcome) => metrics.revisionLookup(outcome));
  const publicOrigin =
    options.publicUrl === undefined ? undefined : new URL(options.publicUrl).origin;
  const version = options.version ?? SERVER_VERSION;
  const consolePages: ConsolePageSettings = {
    theme: options.consoleTheme ?? 'dsfr',
    version,
    cookies: { publicOrigin, trustProxy: createProxyTrust(options.consents?.trustProxy) },
    revisions,
    maxBodyBytes: options.consoleMaxBodyBytes ?? DEFAULT_CONSOLE_MAX_BODY_BYTES,
    maxApiBodyBytes: options.adminApiMaxBodyBytes ?? DEFAULT_ADMIN_API_MAX_BODY_BYTES,
  };
  const accounts =
    options.accounts ??
    createAccountServices(options.store, {
      ...(options.secret ? { secret: options.secret } : {}),
      ...(options.oidc ? { oidc: options.oidc } : {}),
    });
  // Made before any route module, so its guard runs before every admin route.
  const consents = createConsentApi(options.store, options.secret, options.consents, (size) =>
    metrics.batch(size),
  );
  const admin = new ConsoleRouter(app, {
    auth: {
      async session(id) {
        const valid = await accounts.sessions.validate(id);
        return valid && { user: valid.principal, ref: valid.session.idHash };
      },
      token: (value) => accounts.tokens.verify(value),
    },
    cookies: consolePages.cookies,
    refusals: consoleRefusals(consolePages),
    maxBodyBytes: consolePages.maxBodyBytes,
    maxApiBodyBytes: consolePages.maxApiBodyBytes,
    ...(options.requireSecondFactor ? { requireSecondFactor: options.requireSecondFactor } : {}),
    onRefused: createRefusalAudit({
      audit: accounts.audit,
      client: (c) => clientAddress(c, consents.trustProxy),
    }),
    tokenFailures: {
      limiter: createRateLimiter(TOKEN_FAILURES),
      client: (c) => clientAddress(c, consents.trustProxy),
    },
  });
  const archived = createArchivedPortals({
    store: options.store,
    ...(options.revisionTtlMs === undefined ? {} : { ttlMs: options.revisionTtlMs }),
  });
  const portalChanged = (portalId: string) => {
    revisions.onPublish(portalId);
    archived.invalidate();
    // The console's charter declares how long its sessions last (`sessionid`).
    if (portalId === CONSOLE_PORTAL_ID) accounts.sessions.reloadPolicy();
  };
  const portals =
    options.portals ??
    new PortalService({
      store: options.store,
      audit: accounts.audit,
      onPortalChanged: portalChanged,
      cookieDatabase: lazyCookieDatabase(),
    });
  // Publications, archives and restores of other nodes sharing the database reach this one at
  // their commit (PostgreSQL LISTEN/NOTIFY); the caches' TTL remains the fallback while the
  // listener reconnects. Stopped when the store closes.
  options.store.watchPortals(portalChanged).catch(() => undefined);
  const gone = archivedPortalGate(archived);
  for (const path of ['/p/:portalId/*', '/demo/:portalId', '/api/v1/portals/:portalId/*']) {
    app.use(path, gone);
  }
  const context: ServerContext = {
    store: options.store,
    revisions,
    charters: createCharterCache(
      options.maxCachedCharters === undefined ? {} : { maxEntries: options.maxCachedCharters },
    ),
    version,
    secret: options.secret,
    publicOrigin,
    consents,
    admin,
    consolePages,
    metrics,
    metricsToken: options.metricsToken || undefined,
    health: createDatabaseHealth({
      store: options.store,
      ...(options.healthTimeoutMs === undefined ? {} : { timeoutMs: options.healthTimeoutMs }),
    }),
    portals,
    audit: accounts.audit,
  };
  for (const register of [...ROUTE_MODULES, consoleRoutes(accounts)]) register(app, context);
  drains.set(app, async () => {
    await consents.bannerViews?.flush();
  });
  return app;
}

const drains = new WeakMap<Hono, () => Promise<void>>();

/**
 * Writes what the app holds in memory (the last second's "banner shown" counts). Call it after
 * the server has stopped taking requests and before the store closes.
 */
export function drainApp(app: Hono): Promise<void> {
  return drains.get(app)?.() ?? Promise.resolve();
}
