import { translator } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.js';
import { consentApiOptions } from './consent-settings.js';

const t = translator('en');

describe('consentApiOptions', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(consentApiOptions({}, t)).toEqual({
      trustProxy: false,
      abuseTracing: false,
      appendThread: true,
      batchDeadlineMs: 3000,
    });
    expect(consentApiOptions({ GALETTE_CONSENT_APPEND_THREAD: '0' }, t).appendThread).toBe(false);
  });

  it('reads the rate limit, proxy, abuse tracing, append thread and public address', () => {
    expect(
      consentApiOptions(
        {
          GALETTE_CONSENT_RATE_LIMIT: '120/2.5',
          GALETTE_TRUST_PROXY: '1',
          GALETTE_ABUSE_TRACING: 'true',
          GALETTE_CONSENT_APPEND_THREAD: 'on',
          GALETTE_PUBLIC_URL: 'https://consent.example.org/base/',
          GALETTE_CONSENT_DEADLINE: '1500',
        },
        t,
      ),
    ).toEqual({
      trustProxy: 1,
      abuseTracing: true,
      appendThread: true,
      batchDeadlineMs: 1500,
      rateLimit: { burst: 120, perSecond: 2.5 },
      selfOrigins: ['https://consent.example.org'],
    });
    expect(consentApiOptions({ GALETTE_CONSENT_RATE_LIMIT: 'off' }, t).rateLimit).toBe(false);
    expect(consentApiOptions({ GALETTE_TRUST_PROXY: '2' }, t).trustProxy).toBe(2);
    expect(
      consentApiOptions({ GALETTE_TRUST_PROXY: '10.0.0.0/8, 192.0.2.1,2001:db8::/32' }, t)
        .trustProxy,
    ).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);
  });

  it('names the variable and what it expects when a value is wrong', () => {
    expect(() => consentApiOptions({ GALETTE_CONSENT_RATE_LIMIT: 'lots' }, t)).toThrow(
      new UsageError(
        'GALETTE_CONSENT_RATE_LIMIT: invalid value "lots" (expected: <burst>/<per second> | off).',
      ),
    );
    expect(() => consentApiOptions({ GALETTE_TRUST_PROXY: 'maybe' }, t)).toThrow(
      new UsageError(
        'GALETTE_TRUST_PROXY: invalid value "maybe" (expected: 0 | <hops> | 10.0.0.0/8,2001:db8::/32,…).',
      ),
    );
    expect(() => consentApiOptions({ GALETTE_TRUST_PROXY: '10.0.0.0/33' }, t)).toThrow(UsageError);
    expect(() => consentApiOptions({ GALETTE_PUBLIC_URL: 'not a url' }, t)).toThrow(UsageError);
    expect(() => consentApiOptions({ GALETTE_CONSENT_DEADLINE: '3s' }, t)).toThrow(
      new UsageError('GALETTE_CONSENT_DEADLINE: invalid value "3s" (expected: 100–600000 ms).'),
    );
  });
});
