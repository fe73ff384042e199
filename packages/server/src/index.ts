export { createApp, drainApp, type AppOptions } from './app.js';
export { startServer, type ServerHandle, type StartServerOptions } from './start-server.js';
export type { RouteModule, ServerContext } from './server-context.js';
export {
  createRevisionCache,
  DEFAULT_REVISION_TTL_MS,
  MISS,
  type RevisionCache,
  type RevisionCacheOptions,
} from './revision-cache.js';
export {
  createCharterCache,
  CHARTER_VARY,
  PUBLIC_CACHE_CONTROL,
  type CharterCache,
  type CharterCacheOptions,
} from './charter-cache.js';
export {
  CHARTER_STYLESHEET_PATH,
  charterPath,
  charterSuffix,
  renderCharterDocument,
} from './charter-document.js';
export {
  createRepresentation,
  etagMatches,
  negotiateEncoding,
  respondWith,
  type ContentCoding,
  type EncodedVariant,
  type Representation,
  type RepresentationOptions,
} from './representation.js';
export {
  errorHandler,
  httpStatusOf,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  type ErrorBody,
  type ErrorHandlerOptions,
} from './error-handler.js';
export { notFoundResponse } from './not-found-response.js';
export { serverErrorLog, type ServerErrorLogOptions } from './server-error-log.js';
export { requestHeader } from './request-header.js';
export {
  answerLanguage,
  cookieValue,
  languageHints,
  queryParam,
  type LanguageHints,
} from './request-language.js';
export { escapeHtml } from './html.js';
export { withoutScreenshots, withScreenshots } from './scans/report-screenshots.js';
export { SERVER_VERSION } from './version.js';
export {
  createConsentApi,
  DEFAULT_CONSENT_RATE_LIMIT,
  DEFAULT_MAX_CONSENT_BODY_BYTES,
  type ConsentApi,
  type ConsentApiOptions,
} from './consent/consent-api.js';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimitOptions,
} from './consent/rate-limiter.js';
export { receiptPagePath } from './consent/receipt.js';
export * from './accounts/index.js';
export {
  isConsoleMiddleware,
  registeredAdminRoutes,
  type RegisteredRoute,
  type Surface,
} from './admin/console-router.js';
export { describeRule, type RouteRule } from './admin/route-rule.js';
export {
  createProxyTrust,
  trustedNetworks,
  type ProxyTrust,
  type TrustProxySetting,
} from './consent/proxy-trust.js';
export {
  securityHeaders,
  DEFAULT_PAGE_CSP,
  type SecurityHeadersOptions,
} from './security-headers.js';
export {
  createDatabaseHealth,
  type DatabaseHealth,
  type DatabaseHealthCheck,
  type DatabaseState,
} from './database-health.js';
export * from './portals/index.js';
