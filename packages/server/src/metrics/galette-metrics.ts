import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** What a revision-cache lookup did: answered from memory, asked the store, or served stale. */
export type RevisionLookup = 'hit' | 'miss' | 'stale';

/**
 * Galette's Prometheus metrics, in a registry of their own per app (never prom-client's global
 * one: tests and embedders create many apps in one process).
 */
export interface GaletteMetrics {
  readonly registry: Registry;
  /** `galette_http_requests_total` and the latency histogram, by route pattern. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** A consent stored (`stored`) or found already stored (`duplicate`, a retried event). */
  consentAppended(result: 'stored' | 'duplicate'): void;
  /** Consents one group commit wrote together. */
  batch(size: number): void;
  revisionLookup(outcome: RevisionLookup): void;
  /** An error from the store answered to a request: `unavailable` (503) or `storage` (500). */
  storeError(kind: 'unavailable' | 'storage'): void;
  /** The exposition text; process metrics are gathered from the first scrape on. */
  scrape(): Promise<string>;
}

/** Latency buckets in seconds: cached pages answer in a millisecond, consents wait for a sync. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

export function createMetrics(): GaletteMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'galette_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'galette_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until its headers), by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const appends = new Counter({
    name: 'galette_consent_appends_total',
    help: 'Consents acknowledged: stored, or a retried event found already stored.',
    labelNames: ['result'] as const,
    registers,
  });
  const batches = new Histogram({
    name: 'galette_consent_batch_size',
    help: 'Consents written by one group commit (one transaction, one disk sync).',
    buckets: BATCH_BUCKETS,
    registers,
  });
  const lookups = new Counter({
    name: 'galette_revision_cache_lookups_total',
    help: 'Latest-revision lookups of public pages: hit (memory), miss (store asked), stale (store too slow or down, last answer served).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const storeErrors = new Counter({
    name: 'galette_store_errors_total',
    help: 'Store errors answered to requests: unavailable (503, the database cannot be reached or written) or storage (500).',
    labelNames: ['kind'] as const,
    registers,
  });
  // Every series exists from the start, so a rate() over a fresh process reads 0, not nothing.
  for (const result of ['stored', 'duplicate']) appends.inc({ result }, 0);
  for (const outcome of ['hit', 'miss', 'stale']) lookups.inc({ outcome }, 0);
  for (const kind of ['unavailable', 'storage']) storeErrors.inc({ kind }, 0);
  let processMetrics = false;
  return {
    registry,
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    consentAppended: (result) => appends.inc({ result }),
    batch: (size) => batches.observe(size),
    revisionLookup: (outcome) => lookups.inc({ outcome }),
    storeError: (kind) => storeErrors.inc({ kind }),
    scrape() {
      // Lazily: each call starts an event-loop-delay monitor, which apps never scraped
      // (tests, the CLI's one-shot commands) should not pay for.
      if (!processMetrics) {
        processMetrics = true;
        collectDefaultMetrics({ register: registry, prefix: 'galette_' });
      }
      return registry.metrics();
    },
  };
}
