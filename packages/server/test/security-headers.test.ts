import { createHash } from 'node:crypto';
import { PostgresStore } from '@galette/storage';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/index.js';
import { PARIS, body, consentApp, post } from './consent-fixtures.js';
import { portal } from './fixtures.js';

const SECRET = 'a-secret-of-at-least-32-bytes-for-tests';

let setup: Awaited<ReturnType<typeof consentApp>>;
let consentId: string;
beforeAll(async () => {
  setup = await consentApp({ secret: SECRET, metricsToken: SECRET });
  const sent = body(setup.revision);
  expect((await post(setup.app, sent)).status).toBe(201);
  consentId = sent.consentId;
});
afterAll(() => setup.store.close());

/** Every registered GET route, its parameters filled with values that exist. */
function getPaths(app: Hono): string[] {
  const values: Record<string, () => string> = {
    portalId: () => PARIS,
    consentId: () => consentId,
    // Paris's first published revision.
    number: () => '1',
    // No scan has run: its pages answer 404, which must carry the headers too.
    scanId: () => 'no-such-scan',
    file: () => 'no-action-first-layer.jpg',
  };
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method === 'GET' && !r.path.includes('*'))
        .map((r) =>
          r.path.replace(/:(\w+)/g, (_, name: string) => {
            const value = values[name];
            if (value === undefined) throw new Error(`no value for :${name} in ${r.path}`);
            return value();
          }),
        ),
    ),
  ];
}

function expectHardened(res: Response, what: string) {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toMatch(
    /^(no-referrer|strict-origin-when-cross-origin|same-origin|strict-origin)$/,
  );
  if (!res.headers.get('content-type')?.startsWith('text/html')) return;
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toMatch(/(^|; )default-src '(self|none)'(;|$)/);
  expect(csp, what).toMatch(/(^|; )frame-ancestors [^;]+/);
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('*');
}

describe('hardening headers', () => {
  it('are on every answer of every registered GET route', async () => {
    const paths = getPaths(setup.app);
    expect(paths.length).toBeGreaterThan(10);
    let pages = 0;
    for (const path of paths) {
      const res = await setup.app.request(path, {
        headers: { authorization: `Bearer ${SECRET}` },
      });
      // Admin routes answer 401/403 without an account here: their headers are checked all the same.
      if (!/^\/(admin|api\/v1\/admin)\b/.test(path)) expect(res.status, path).toBeLessThan(400);
      if (res.headers.get('content-type')?.startsWith('text/html')) pages++;
      expectHardened(res, path);
    }
    expect(pages).toBeGreaterThanOrEqual(3); // charter, receipt and demo pages at least
  });

  it('are on error answers too: 404 pages, 401s, 503 pages', async () => {
    for (const path of ['/nowhere', `/p/unknown.example/charte-cookies`, '/p/x/consents/y']) {
      const res = await setup.app.request(path);
      expect(res.status, path).toBe(404);
      expectHardened(res, path);
    }
    const stats = await setup.app.request(`/api/v1/admin/portals/${PARIS}/stats/consents`);
    expect(stats.status).toBe(401);
    expectHardened(stats, 'stats without a token');

    const down = await PostgresStore.open('postgres://postgres@127.0.0.1:1/galette');
    try {
      const app = createApp({ store: down, log: () => undefined });
      const page = await app.request(`/p/${PARIS}/charte-cookies`);
      expect(page.status).toBe(503);
      expectHardened(page, 'the 503 page');
    } finally {
      await down.close();
    }
  });

  it('allows the inline style of Galette’s own pages by its hash, and no other', async () => {
    const res = await setup.app.request('/nowhere');
    const html = await res.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    const styleSrc = /(?:^|; )style-src ([^;]+)/.exec(res.headers.get('content-security-policy')!)!;
    const sources = styleSrc[1]!.split(' ');
    expect(sources).toContain(hash);
    expect(sources.every((s) => s === "'self'" || /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(
      true,
    );
  });

  it('keeps the receipt page’s no-referrer and the demo page’s own policy', async () => {
    const receipt = await setup.app.request(`/p/${PARIS}/consents/${consentId}`);
    expect(receipt.headers.get('referrer-policy')).toBe('no-referrer');
    const demo = await setup.app.request(`/demo/${PARIS}`);
    expect(demo.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
  });

  it('lets the charter page be framed only by its portal’s origins, when the portal asks', async () => {
    const framed = 'framed.example.org';
    await setup.store.saveAndPublish(
      portal(framed, {
        origins: ['https://www.framed.example.org'],
        widget: { charterInFrame: true },
      }),
    );
    const ancestors = async (id: string) => {
      const res = await setup.app.request(`/p/${id}/charte-cookies`);
      expect(res.status).toBe(200);
      expectHardened(res, id);
      return /frame-ancestors ([^;]+)/.exec(res.headers.get('content-security-policy')!)![1];
    };
    expect(await ancestors(PARIS)).toBe("'none'");
    expect(await ancestors(framed)).toBe(
      "'self' https://framed.example.org https://www.framed.example.org",
    );
  });
});
