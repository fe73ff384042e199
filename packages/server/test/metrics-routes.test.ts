import { PostgresStore } from '@galette/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, startServer } from '../src/index.js';
import { PARIS, body, consentApp, post } from './consent-fixtures.js';

const TOKEN = 'metrics-token-for-tests';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: Parameters<typeof consentApp>[0] = {}) {
  const setup = await consentApp({ metricsToken: TOKEN, ...options });
  cleanups.push(() => setup.store.close());
  return setup;
}

/** The exposition text, asked with the token. */
async function scrape(app: Awaited<ReturnType<typeof setUp>>['app']): Promise<string> {
  const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series, e.g. `galette_consent_appends_total{result="stored"}`. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('answers only with the token when one is set', async () => {
    const { app } = await setUp();
    expect((await app.request('/metrics')).status).toBe(403);
    const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
    const right = await app.request('/metrics', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(right.headers.get('cache-control')).toBe('no-store');
  });

  it('counts requests by route pattern and status, with their latency', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 3; i++) await app.request(`/p/${PARIS}/charte-cookies.json`);
    await app.request('/p/unknown.example.org/charte-cookies.json');
    await app.request('/no/such/page');
    const text = await scrape(app);
    const route = '/p/:portalId/charte-cookies.json';
    expect(
      value(text, `galette_http_requests_total{method="GET",route="${route}",status="200"}`),
    ).toBe(3);
    expect(
      value(text, `galette_http_requests_total{method="GET",route="${route}",status="404"}`),
    ).toBe(1);
    expect(
      value(text, `galette_http_request_duration_seconds_count{method="GET",route="${route}"}`),
    ).toBe(4);
    expect(text).toContain(
      `galette_http_request_duration_seconds_bucket{le="0.005",method="GET",route="${route}"}`,
    );
    // Raw paths never become labels: one series per route, whatever ids visitors send.
    expect(text).not.toContain('opendata.paris.fr');
    expect(text).not.toContain('unknown.example.org');
    expect(text).not.toContain('/no/such/page');
    // The first lookup asked the store, the next ones were answered from memory.
    expect(value(text, 'galette_revision_cache_lookups_total{outcome="miss"}')).toBe(2);
    expect(value(text, 'galette_revision_cache_lookups_total{outcome="hit"}')).toBeGreaterThan(1);
    // Process metrics, under Galette's prefix.
    expect(text).toContain('galette_process_resident_memory_bytes');
  });

  it('counts consent appends, duplicates and the size of each group commit', async () => {
    const { app, revision } = await setUp();
    const first = body(revision);
    const answers = await Promise.all(
      [first, body(revision), body(revision)].map((b) => post(app, b)),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await post(app, first)).status).toBe(200);
    const text = await scrape(app);
    expect(value(text, 'galette_consent_appends_total{result="stored"}')).toBe(3);
    expect(value(text, 'galette_consent_appends_total{result="duplicate"}')).toBe(1);
    const batches = value(text, 'galette_consent_batch_size_count')!;
    expect(batches).toBeGreaterThanOrEqual(2);
    expect(batches).toBeLessThanOrEqual(4);
    expect(value(text, 'galette_consent_batch_size_sum')).toBe(4);
    const route = '/api/v1/portals/:portalId/consents';
    expect(
      value(text, `galette_http_requests_total{method="POST",route="${route}",status="201"}`),
    ).toBe(3);
  });

  it('keeps one registry per app', async () => {
    const one = await setUp();
    const two = await setUp();
    await one.app.request(`/p/${PARIS}/charte-cookies.json`);
    const route = 'route="/p/:portalId/charte-cookies.json",status="200"';
    expect(value(await scrape(one.app), `galette_http_requests_total{method="GET",${route}}`)).toBe(
      1,
    );
    expect(
      value(await scrape(two.app), `galette_http_requests_total{method="GET",${route}}`),
    ).toBeUndefined();
  });

  it('counts store errors by class', async () => {
    // Port 1 has no listener: every connection is refused, an outage (503).
    const store = await PostgresStore.open('postgres://postgres@127.0.0.1:1/galette');
    cleanups.push(() => store.close());
    const app = createApp({ store, metricsToken: TOKEN, log: () => undefined });
    expect((await app.request(`/p/${PARIS}/charte-cookies.json`)).status).toBe(503);
    expect((await app.request(`/p/${PARIS}/widget.js`)).status).toBe(503);
    const text = await scrape(app);
    expect(value(text, 'galette_store_errors_total{kind="unavailable"}')).toBe(2);
    expect(value(text, 'galette_store_errors_total{kind="storage"}')).toBe(0);
  });

  it('without a token, answers a loopback client that came through no proxy', async () => {
    const { app } = await setUp({ metricsToken: undefined });
    const server = await startServer({ app, port: 0, hostname: '127.0.0.1' });
    cleanups.push(() => server.close());
    const base = `http://127.0.0.1:${server.port}`;
    const direct = await fetch(`${base}/metrics`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).toContain('galette_http_requests_total');
    const proxied = await fetch(`${base}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(proxied.status).toBe(403);
    await proxied.arrayBuffer();
    // app.request has no peer address: not loopback, so refused.
    expect((await app.request('/metrics')).status).toBe(403);
  });
});
