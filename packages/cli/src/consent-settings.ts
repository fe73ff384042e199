import type { Translator } from '@galette/core';
import { trustedNetworks, type ConsentApiOptions, type TrustProxySetting } from '@galette/server';
import { UsageError } from './command.js';
import { milliseconds } from './server-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The consent API's settings from the environment of `galette serve`:
 * - `GALETTE_CONSENT_RATE_LIMIT`: `<burst>/<per second>` per client address, or `off`;
 * - `GALETTE_TRUST_PROXY`: how many reverse proxies append to `X-Forwarded-For` (`1` behind one),
 *   or their addresses and CIDR networks, comma-separated; `0` (default) none;
 * - `GALETTE_ABUSE_TRACING`: `1` to store a daily pseudonym of the client with each record;
 * - `GALETTE_PUBLIC_URL`: the address Galette is reached at, whose pages may send consents;
 * - `GALETTE_CONSENT_APPEND_THREAD`: `0` to write proofs to a SQLite file from the server's own
 *   thread (default `1`: a thread of their own, so another process's lock never holds the server);
 * - `GALETTE_CONSENT_DEADLINE`: milliseconds a consent waits for its commit before a 503 (3 000).
 */
export function consentApiOptions(env: Env, t: Translator): ConsentApiOptions {
  const bad = (name: string, value: string, expected: string) =>
    new UsageError(t('consent.cli.badSetting', { name, value, expected }));
  const flag = (name: string): boolean => {
    const value = (env[name] ?? '').trim().toLowerCase();
    if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    throw bad(name, value, '1 | 0');
  };
  const options: { -readonly [K in keyof ConsentApiOptions]: ConsentApiOptions[K] } = {
    trustProxy: trustProxy(env.GALETTE_TRUST_PROXY, bad),
    abuseTracing: flag('GALETTE_ABUSE_TRACING'),
    // Unset means on: a SQLite lock held by another process must not hold the event loop.
    appendThread: env.GALETTE_CONSENT_APPEND_THREAD?.trim()
      ? flag('GALETTE_CONSENT_APPEND_THREAD')
      : true,
    batchDeadlineMs: milliseconds(env, 'GALETTE_CONSENT_DEADLINE', 3000, 100, 600_000, t),
  };
  const rate = env.GALETTE_CONSENT_RATE_LIMIT?.trim();
  if (rate === 'off') options.rateLimit = false;
  else if (rate) {
    const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(rate);
    if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) {
      throw bad('GALETTE_CONSENT_RATE_LIMIT', rate, '<burst>/<per second> | off');
    }
    options.rateLimit = { burst: Number(m[1]), perSecond: Number(m[2]) };
  }
  const publicUrl = env.GALETTE_PUBLIC_URL?.trim();
  if (publicUrl) {
    try {
      options.selfOrigins = [new URL(publicUrl).origin];
    } catch {
      throw bad('GALETTE_PUBLIC_URL', publicUrl, 'https://galette.example.org');
    }
  }
  return options;
}

/** `GALETTE_TRUST_PROXY`: `0`/unset, a hop count (`true`/`yes`/`on` count as 1), or a list. */
function trustProxy(
  raw: string | undefined,
  bad: (name: string, value: string, expected: string) => UsageError,
): TrustProxySetting {
  const value = (raw ?? '').trim();
  if (['', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) return 1;
  if (/^\d+$/.test(value) && Number(value) <= 32) return Number(value);
  const list = value.split(',').map((e) => e.trim());
  try {
    trustedNetworks(list);
  } catch {
    throw bad('GALETTE_TRUST_PROXY', value, '0 | <hops> | 10.0.0.0/8,2001:db8::/32,…');
  }
  return list;
}
