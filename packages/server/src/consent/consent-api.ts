import { GaletteError } from '@galette/core';
import { KyselyStore, openConsentLog, type ConsentLog, type Store } from '@galette/storage';
import { createProxyTrust, type ProxyTrust, type TrustProxySetting } from './proxy-trust.js';
import { createPseudonymizer, type Pseudonymizer } from './pseudonymizer.js';
import { BannerViewCounter } from './banner-view-counter.js';
import { createPublishedRevisions, type PublishedRevisions } from './published-revisions.js';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter.js';

export interface ConsentApiOptions {
  /** Default: the consent log on the store's own database. */
  readonly log?: ConsentLog;
  /**
   * Per client address, on the consent and receipt routes; `false` turns it off. Default: bursts
   * of 60, then 1 request per second.
   */
  readonly rateLimit?: Omit<RateLimitOptions, 'now'> | false;
  /**
   * Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` count: a number of hops
   * (`true` is 1) or their addresses and CIDR networks (see `TrustProxySetting`). Default none.
   */
  readonly trustProxy?: TrustProxySetting;
  /**
   * Store a keyed, daily-rotating pseudonym of the client address with each record, to trace
   * abuse. Off by default; needs `GALETTE_SECRET`.
   */
  readonly abuseTracing?: boolean;
  /** Origins at which Galette itself is reached (its demo pages), besides the request's own. */
  readonly selfOrigins?: readonly string[];
  /** Largest consent body accepted; default 8 KiB. */
  readonly maxBodyBytes?: number;
  /** On a SQLite file, write proofs from a thread of their own (see `ConsentLogOptions`). */
  readonly appendThread?: boolean;
  /** Longest wait for a consent's commit before answering 503; default 3 000 ms. */
  readonly batchDeadlineMs?: number;
}

/** The consent API's dependencies, resolved once by `createApp`. */
export interface ConsentApi {
  /** Undefined when the store has no SQL database to keep proofs in. */
  readonly log: ConsentLog | undefined;
  readonly limiter: RateLimiter | undefined;
  readonly published: PublishedRevisions;
  readonly pseudonymize: Pseudonymizer | undefined;
  readonly trustProxy: ProxyTrust;
  readonly selfOrigins: ReadonlySet<string>;
  readonly maxBodyBytes: number;
  /** Anonymous "banner shown" counts, written once a second; undefined without a log. */
  readonly bannerViews: BannerViewCounter | undefined;
  /** Per client address, on the "banner shown" beacon (its own allowance, apart from consents). */
  readonly bannerLimiter: RateLimiter | undefined;
  /** The bearer token of the admin statistics API (`GALETTE_SECRET`), if set. */
  readonly adminToken: string | undefined;
}

export const DEFAULT_CONSENT_RATE_LIMIT = { burst: 60, perSecond: 1 } as const;
export const DEFAULT_MAX_CONSENT_BODY_BYTES = 8 * 1024;
/** Longest wait of a consent for its commit before a 503, whatever the database does. */
export const DEFAULT_CONSENT_DEADLINE_MS = 3000;

export function createConsentApi(
  store: Store,
  secret: string | undefined,
  options: ConsentApiOptions = {},
  onBatch?: (size: number) => void,
): ConsentApi {
  if (options.abuseTracing && !secret) {
    throw new GaletteError(
      'invalid_input',
      'abuse tracing needs GALETTE_SECRET to key its pseudonyms',
    );
  }
  const rateLimit = options.rateLimit ?? DEFAULT_CONSENT_RATE_LIMIT;
  const log =
    options.log ??
    (store instanceof KyselyStore
      ? openConsentLog(store.database, {
          appendThread: options.appendThread ?? false,
          batchDeadlineMs: options.batchDeadlineMs ?? DEFAULT_CONSENT_DEADLINE_MS,
          // A consent validated against a cached revision may arrive after its portal was
          // archived or deleted: the append checks under the portal's lock and refuses it.
          refuseUnknownPortals: true,
          ...(onBatch ? { onBatch } : {}),
        })
      : undefined);
  return {
    log,
    limiter: rateLimit === false ? undefined : createRateLimiter(rateLimit),
    bannerViews: log && new BannerViewCounter({ log }),
    bannerLimiter: rateLimit === false ? undefined : createRateLimiter(rateLimit),
    published: createPublishedRevisions({ store }),
    pseudonymize: options.abuseTracing && secret ? createPseudonymizer(secret) : undefined,
    trustProxy: createProxyTrust(options.trustProxy),
    selfOrigins: new Set(options.selfOrigins ?? []),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_CONSENT_BODY_BYTES,
    adminToken: secret || undefined,
  };
}
