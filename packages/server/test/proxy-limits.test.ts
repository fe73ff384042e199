import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_FAILURES } from '../src/admin/console-router.js';
import { startServer, type AppOptions } from '../src/index.js';
import { PARIS, PARIS_ORIGIN, body, consentApp } from './consent-fixtures.js';

const SECRET = 'a-secret-of-at-least-32-bytes-for-tests';
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A real server on 127.0.0.1, so requests have a peer address: the "proxy" is this test. */
async function listening(options: Partial<AppOptions>) {
  const setup = await consentApp({ secret: SECRET, ...options });
  const server = await startServer({ app: setup.app, port: 0, hostname: '127.0.0.1' });
  stops.push(async () => {
    await server.close();
    await setup.store.close();
  });
  const base = `http://127.0.0.1:${server.port}`;
  const consent = async (forwardedFor: string) => {
    const res = await fetch(`${base}/api/v1/portals/${PARIS}/consents`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: PARIS_ORIGIN,
        'x-forwarded-for': forwardedFor,
      },
      body: JSON.stringify(body(setup.revision)),
    });
    await res.arrayBuffer();
    return res.status;
  };
  return { ...setup, base, consent };
}

describe('rate limits behind a trusted proxy', () => {
  it('limits a client that rotates the left of X-Forwarded-For by the address the proxy saw', async () => {
    const { consent } = await listening({
      consents: { rateLimit: { burst: 3, perSecond: 0.01 }, trustProxy: ['127.0.0.1'] },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await consent(`198.51.100.${i}, 203.0.113.7`));
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(await consent('203.0.113.8')).toBe(201);
  });

  it('limits IPv6 clients per /64', async () => {
    const { consent } = await listening({
      consents: { rateLimit: { burst: 2, perSecond: 0.01 }, trustProxy: 1 },
    });
    expect(await consent('2001:db8:1:2::1')).toBe(201);
    expect(await consent('2001:db8:1:2:ffff::9')).toBe(201);
    expect(await consent('2001:db8:1:2:abcd:1234:5678:9')).toBe(429);
    expect(await consent('2001:db8:1:3::1')).toBe(201);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const { consent } = await listening({
      consents: { rateLimit: { burst: 2, perSecond: 0.01 }, trustProxy: ['10.0.0.0/8'] },
    });
    expect(await consent('203.0.113.1')).toBe(201);
    expect(await consent('203.0.113.2')).toBe(201);
    expect(await consent('203.0.113.3')).toBe(429); // all three are 127.0.0.1
  });
});

describe('wrong admin API tokens', () => {
  it('are limited per client: after the burst a 429 with Retry-After, while another client’s right token works', async () => {
    const { base, adminToken } = await listening({ consents: { trustProxy: ['127.0.0.1'] } });
    const stats = async (token: string, forwardedFor: string) => {
      const res = await fetch(`${base}/api/v1/admin/portals/${PARIS}/stats/consents`, {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
      });
      await res.arrayBuffer();
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    };
    const wrong = 'g'.repeat(43);
    const guesses = [];
    for (let i = 0; i < TOKEN_FAILURES.burst; i++) {
      guesses.push((await stats(wrong, '203.0.113.7')).status);
    }
    expect(guesses).toEqual(Array(TOKEN_FAILURES.burst).fill(401));
    const limited = await stats(wrong, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    // Once limited, even a right token from that client waits: it is not even looked at.
    expect((await stats(adminToken, '203.0.113.7')).status).toBe(429);
    // Another client is not held up by the guesser.
    expect((await stats(adminToken, '203.0.113.8')).status).toBe(200);
    expect((await stats(wrong, '203.0.113.8')).status).toBe(401);
  });
});
