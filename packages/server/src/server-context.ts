import type { Hono } from 'hono';
import type { Store } from '@galette/storage';
import type { AuditLog } from './accounts/audit-log.js';
import type { ConsolePageSettings } from './admin/console-page.js';
import type { ConsoleRouter } from './admin/console-router.js';
import type { CharterCache } from './charter-cache.js';
import type { ConsentApi } from './consent/consent-api.js';
import type { DatabaseHealthCheck } from './database-health.js';
import type { PortalService } from './portals/portal-service.js';
import type { GaletteMetrics } from './metrics/galette-metrics.js';
import type { RevisionCache } from './revision-cache.js';

/** What every route module receives: the app's shared, already-resolved dependencies. */
export interface ServerContext {
  readonly store: Store;
  /** Latest published revision per portal; call `onPublish` after publishing. */
  readonly revisions: RevisionCache;
  /** Rendered, precompressed charters per (portal, revision, language, format). */
  readonly charters: CharterCache;
  /** Galette's version, shown by `/healthz`. */
  readonly version: string;
  /** Key for signing sessions and receipts; undefined when the operator set none. */
  readonly secret: string | undefined;
  /** Origin of `AppOptions.publicUrl`, when the operator set one. */
  readonly publicOrigin: string | undefined;
  /** The consent API's log, limiter and settings. */
  readonly consents: ConsentApi;
  /**
   * The only way to register a console page or an admin API route: each with its permission
   * rule (a route under `/admin/` or `/api/v1/admin/` registered otherwise is refused).
   */
  readonly admin: ConsoleRouter;
  /** The console's look, cookies and body limit, for rendering its pages. */
  readonly consolePages: ConsolePageSettings;
  /** The database's state for `/healthz`, probed at most once a second. */
  readonly health: DatabaseHealthCheck;
  /**
   * Portal management (drafts, publication, revisions, diff, archive) for the console and the
   * admin API; see `portals/portal-service.ts` for the interface.
   */
  readonly portals: PortalService;
  /** The audit log, for route modules whose changes no service records (scans). */
  readonly audit: AuditLog;
  /** This app's Prometheus metrics (a registry of its own). */
  readonly metrics: GaletteMetrics;
  /** Bearer token `/metrics` asks for (`GALETTE_METRICS_TOKEN`); unset, loopback only. */
  readonly metricsToken: string | undefined;
}

/** A group of routes; `createApp` registers each module of its list in order. */
export type RouteModule = (app: Hono, context: ServerContext) => void;
