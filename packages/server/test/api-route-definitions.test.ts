import type { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRule, registeredAdminRoutes } from '../src/index.js';
import { honoPath } from '../src/api-routes/api-route.js';
import { DEFINED_API_ROUTES, DEFINED_PAGE_ROUTES, DEFINED_PUBLIC_ROUTES } from '../src/openapi.js';
import { consentApp } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
let setup: Setup;

beforeAll(async () => {
  setup = await consentApp({ secret: 'api definitions' });
});
afterAll(() => setup.store.close());

describe('the admin API', () => {
  it('serves exactly the routes defined with their zod shapes, each with the rule it documents', () => {
    const served = registeredAdminRoutes(setup.app)
      .filter((route) => route.surface === 'api')
      .map((route) => `${route.method} ${route.path} ${describeRule(route.rule)}`);
    const defined = DEFINED_API_ROUTES.map(
      ({ route, rule }) =>
        `${route.method.toUpperCase()} ${honoPath(route.path)} ${describeRule(rule)}`,
    );
    expect(served.length).toBeGreaterThan(0);
    expect([...served].sort()).toEqual([...defined].sort());
  });

  it('documents each defined route from its definition', async () => {
    const doc = (await (await setup.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-galette-permission'?: string; summary?: string }>>;
    };
    for (const { route, rule } of DEFINED_API_ROUTES) {
      const operation = doc.paths[route.path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.summary).toBe(route.summary);
      expect(operation!['x-galette-permission']).toBe(describeRule(rule));
    }
  });
});

describe('query strings', () => {
  it('are checked with the query shape each route documents, every bad parameter named', async () => {
    const BAD = 'zz-not-valid';
    let checked = 0;
    for (const { route } of DEFINED_API_ROUTES) {
      const query = route.request?.query as z.ZodObject | undefined;
      if (route.method !== 'get' || query === undefined) continue;
      const path = honoPath(route.path)
        .replace(':portalId', setup.revision.portalId)
        .replace(/:(\w+)/g, 'unknown-$1');
      for (const name of Object.keys(query.shape)) {
        // Only where the shape itself refuses the value (a free-text id takes anything).
        const verdict = query.safeParse({ [name]: BAD });
        if (verdict.success || !verdict.error.issues.some((i) => i.path[0] === name)) continue;
        const res = await setup.app.request(`${path}?${name}=${BAD}&_=${checked}`, {
          headers: { authorization: `Bearer ${setup.adminToken}` },
        });
        const what = `${route.method} ${path}?${name}=`;
        expect(res.status, what).toBe(400);
        const { error } = (await res.json()) as {
          error: { fields: { path: string; message: string }[] };
        };
        const field = error.fields.find((f) => f.path === name);
        expect(field, what).toBeDefined();
        expect(field!.message, what).not.toMatch(/[{}]/);
        checked += 1;
      }
    }
    // archived, format, from, to, period…: enough that the loop is not checking nothing.
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});

describe('the document', () => {
  it('has one entry per definition and no other, each generated from it', async () => {
    const doc = (await (await setup.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    const definitions = [...DEFINED_PAGE_ROUTES, ...DEFINED_PUBLIC_ROUTES, ...DEFINED_API_ROUTES];
    const defined = definitions.map(({ route }) => `${route.method} ${route.path}`);
    expect(new Set(defined).size).toBe(defined.length);
    expect([...documented].sort()).toEqual([...defined].sort());
    for (const { route } of definitions) {
      expect(doc.paths[route.path]![route.method]!.summary, route.path).toBe(route.summary);
    }
  });

  it('defines the routes outside /api/ (pages, documents, health) with the same helpers', () => {
    const paths = DEFINED_PAGE_ROUTES.map(({ route }) => route.path);
    expect(paths.filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/',
        '/healthz',
        '/livez',
        '/metrics',
        '/p/{portalId}/charte-cookies.json',
        '/p/{portalId}/widget.js',
        '/demo/{portalId}',
      ]),
    );
  });
});
