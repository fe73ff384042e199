import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredAdminRoutes, type RegisteredRoute } from '../src/index.js';
import { PARIS, consentApp } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
interface Operation {
  requestBody?: { content?: Record<string, unknown> };
}

let setup: Setup;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  setup = await consentApp({ secret: 'json bodies' });
  const doc = (await (await setup.app.request('/api/openapi.json')).json()) as {
    paths: typeof paths;
  };
  paths = doc.paths;
});
afterAll(() => setup.store.close());

/** Admin API routes that change state without reading a body (documented without one). */
const BODILESS = new Set([
  'POST /api/v1/admin/portals/:portalId/archive',
  'POST /api/v1/admin/portals/:portalId/restore',
  'DELETE /api/v1/admin/portals/:portalId',
]);
const SAMPLE_PARAMS: Record<string, string> = { portalId: PARIS, number: '1' };

const operationOf = (route: RegisteredRoute) =>
  paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
const takesJson = (route: RegisteredRoute) =>
  operationOf(route)?.requestBody?.content?.['application/json'] !== undefined;

describe('admin API routes with a JSON body', () => {
  const writes = () =>
    registeredAdminRoutes(setup.app).filter((r) => r.surface === 'api' && r.method !== 'GET');

  it('are every state-changing admin route but the documented body-less ones', () => {
    expect(writes().length).toBeGreaterThan(0);
    for (const route of writes()) {
      const key = `${route.method} ${route.path}`;
      expect(takesJson(route) || BODILESS.has(key), `${key} documents no JSON body`).toBe(true);
      if (BODILESS.has(key)) expect(operationOf(route)?.requestBody, key).toBeUndefined();
    }
  });

  it('refuse an unknown member with 400 naming it, before doing anything', async () => {
    const tested: string[] = [];
    for (const route of writes().filter(takesJson)) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name]!);
      const res = await setup.app.request(path, {
        method: route.method,
        headers: {
          authorization: `Bearer ${setup.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ notAField: true }),
      });
      const key = `${route.method} ${route.path}`;
      expect(res.status, key).toBe(400);
      const answer = (await res.json()) as {
        error: { code: string; fields?: { path: string; code?: string }[] };
      };
      expect(answer.error.code, key).toBe('invalid_input');
      expect(answer.error.fields, key).toContainEqual(
        expect.objectContaining({ path: 'notAField', code: 'unknown_field' }),
      );
      tested.push(key);
    }
    // The routes this test was written against, so that it cannot pass by testing nothing.
    expect(tested).toEqual(
      expect.arrayContaining([
        'POST /api/v1/admin/portals',
        'PUT /api/v1/admin/portals/:portalId/draft',
        'POST /api/v1/admin/portals/:portalId/publish',
        'POST /api/v1/admin/portals/:portalId/revisions/:number/restore',
      ]),
    );
    // Nothing was created or changed.
    const draft = await setup.app.request(`/api/v1/admin/portals/${PARIS}/draft`, {
      headers: { authorization: `Bearer ${setup.adminToken}` },
    });
    expect(draft.headers.get('etag')).toBe('"draft-1"');
  });
});
