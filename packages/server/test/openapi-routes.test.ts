import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { BUILTIN_CATEGORY_IDS, ValidationError, parseConsentSubmission } from '@galette/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentSubmissionSchema } from '../src/openapi.js';
import { PARIS, body, consentApp, post } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
interface OpenApi {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

const SECRET = 'openapi-test-secret';
let setup: Setup;
let doc: OpenApi;

beforeAll(async () => {
  setup = await consentApp({ secret: SECRET, version: '1.2.3' });
  doc = (await (await setup.app.request('/api/openapi.json')).json()) as OpenApi;
});
afterAll(() => setup.store.close());

/** A validator for one documented schema, its `$ref`s resolved inside the document. */
function validatorOf(name: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const defs = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  ) as Record<string, unknown>;
  return ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` });
}

describe('GET /api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document, cached with an ETag, compressed, readable from anywhere', async () => {
    const res = await setup.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('max-age=');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.2.3');

    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await setup.app.request('/api/openapi.json', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);

    const gz = await setup.app.request('/api/openapi.json', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString())).toEqual(doc);
  });

  it('documents exactly the routes the app serves (console pages aside)', () => {
    const served = new Set(
      setup.app.routes
        .filter(
          (r) =>
            ['GET', 'POST', 'PUT', 'DELETE'].includes(r.method) &&
            !r.path.startsWith('/demo-assets/') &&
            // The console's HTML pages are documented in the README, not in the API's document.
            !r.path.startsWith('/admin/'),
        )
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('describes what the routes really answer', async () => {
    const { app, revision } = setup;
    const check = async (schema: string, res: Response, status: number) => {
      expect(res.status).toBe(status);
      const validate = validatorOf(schema);
      const answer: unknown = await res.json();
      expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
      return answer;
    };
    const sent = body(revision);
    await check('ConsentAcknowledgement', await post(app, sent), 201);
    await check('ConsentAcknowledgement', await post(app, sent), 200);
    const validatePath = `/api/v1/portals/${PARIS}/consents/validate`;
    await check('ConsentValidation', await post(app, body(revision), {}, validatePath), 200);
    await check('Error', await post(app, body(revision, { action: 'maybe' })), 400);
    await check(
      'ConsentReceipt',
      await app.request(`/api/v1/portals/${PARIS}/consents/${sent.consentId}`),
      200,
    );
    const stats = `/api/v1/admin/portals/${PARIS}/stats/consents`;
    const authorization = `Bearer ${setup.adminToken}`;
    await check('ConsentStatistics', await app.request(stats, { headers: { authorization } }), 200);
    await check('Error', await app.request(stats), 401);
    for (const path of [`/api/v1/admin/portals/${PARIS}/stats?period=12m`, '/api/v1/admin/stats']) {
      await check('StatisticsReport', await app.request(path, { headers: { authorization } }), 200);
    }
    const proofs = `/api/v1/admin/portals/${PARIS}`;
    await check(
      'ConsentHistory',
      await app.request(`${proofs}/consents/${sent.consentId}`, { headers: { authorization } }),
      200,
    );
    await check(
      'ProofVerification',
      await app.request(`${proofs}/proofs/verify`, { headers: { authorization } }),
      200,
    );
    await check('Health', await app.request('/healthz'), 200);
    await check('Liveness', await app.request('/livez'), 200);
    await check('Charter', await app.request(`/p/${PARIS}/charte-cookies.json`), 200);
  });
});

describe('the documented refusals of the pages and documents', () => {
  it('name the media type each unknown portal really gets (HTML page, or JSON on .json)', async () => {
    const validate = validatorOf('Error');
    const portalPaths = Object.entries(doc.paths).filter(
      ([path, item]) => !path.startsWith('/api/') && path.includes('{portalId}') && 'get' in item,
    );
    expect(portalPaths.length).toBeGreaterThan(10);
    for (const [path, item] of portalPaths) {
      const answers = (item.get as { responses: Record<string, { content?: object }> }).responses;
      const documented = Object.keys(answers['404']?.content ?? {});
      const url = path
        .replace('{portalId}', 'inconnu.example.org')
        .replace('{consentId}', 'AbCdEfGhIjKlMnOpQrStUv');
      const res = await setup.app.request(url);
      expect(res.status, path).toBe(404);
      const type = res.headers.get('content-type')!.split(';')[0]!;
      expect(documented, path).toEqual([type]);
      if (type === 'application/json') expect(validate(await res.json()), path).toBe(true);
    }
  });

  it('and the 410 of an archived portal, on exactly the addresses that document it', async () => {
    const validate = validatorOf('Error');
    const admin = (action: string) =>
      setup.app.request(`/api/v1/admin/portals/${PARIS}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${setup.adminToken}` },
      });
    expect((await admin('archive')).status).toBe(200);
    let gone = 0;
    try {
      for (const [path, item] of Object.entries(doc.paths)) {
        if (path.startsWith('/api/') || !path.includes('{portalId}') || !('get' in item)) continue;
        const answers = (item.get as { responses: Record<string, { content?: object }> }).responses;
        const url = path
          .replace('{portalId}', PARIS)
          .replace('{consentId}', 'AbCdEfGhIjKlMnOpQrStUv');
        const res = await setup.app.request(url);
        if (answers['410'] === undefined) {
          expect(res.status, path).not.toBe(410);
          continue;
        }
        expect(res.status, path).toBe(410);
        gone += 1;
        const type = res.headers.get('content-type')!.split(';')[0]!;
        expect(Object.keys(answers['410'].content ?? {}), path).toEqual([type]);
        if (type === 'application/json') expect(validate(await res.json()), path).toBe(true);
      }
    } finally {
      expect((await admin('restore')).status).toBe(200);
    }
    expect(gone).toBeGreaterThan(10);
  });
});

describe('the documented consent submission schema', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(consentSubmissionSchema);
  // Choice keys come from the portal's categories, which no static schema can know: use known ones.
  const KNOWN = [...BUILTIN_CATEGORY_IDS, 'videos'];
  const parses = (candidate: unknown) => {
    try {
      parseConsentSubmission(candidate, KNOWN);
      return true;
    } catch (error) {
      if (error instanceof ValidationError) return false;
      throw error;
    }
  };
  const valid = {
    eventId: randomUUID(),
    consentId: 'AbCdEfGhIjKlMnOpQrStUv',
    revision: `sha256:${'a'.repeat(64)}`,
    choices: { statistics: true, videos: false },
    action: 'custom',
    source: 'banner',
    lang: 'en-GB',
  };

  it.each<[string, unknown]>([
    ['a valid body', valid],
    ['no choices at all', { ...valid, choices: {} }],
    [
      'accept all with every category true',
      { ...valid, action: 'accept_all', choices: { statistics: true, necessary: true } },
    ],
    [
      'reject all with categories false',
      { ...valid, action: 'reject_all', choices: { necessary: true, marketing: false } },
    ],
    ['a three-letter language', { ...valid, lang: 'bre' }],
    ['an array', [valid]],
    ['null', null],
    ['a missing field', { ...valid, lang: undefined }],
    ['an unknown field', { ...valid, ip: '1.2.3.4' }],
    ['a short event id', { ...valid, eventId: 'abc' }],
    ['a short consent id', { ...valid, consentId: 'x'.repeat(21) }],
    ['an uppercase revision hash', { ...valid, revision: `sha256:${'A'.repeat(64)}` }],
    ['an unknown action', { ...valid, action: 'accept' }],
    ['an unknown source', { ...valid, source: 'cli' }],
    ['a bad language tag', { ...valid, lang: 'français' }],
    ['a number as language', { ...valid, lang: 42 }],
    ['a refused necessary', { ...valid, choices: { necessary: false } }],
    ['a string choice', { ...valid, choices: { statistics: 'yes' } }],
    [
      'accept all with a refusal',
      { ...valid, action: 'accept_all', choices: { statistics: false } },
    ],
    ['withdraw with an acceptance', { ...valid, action: 'withdraw', choices: { videos: true } }],
    ['choices as an array', { ...valid, choices: [true] }],
  ])('agrees with parseConsentSubmission on %s', (_, candidate) => {
    const sent: unknown = JSON.parse(JSON.stringify(candidate));
    expect(validate(sent)).toBe(parses(sent));
  });

  it('agrees with parseConsentSubmission on generated bodies', () => {
    const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof(good, fc.anything());
    const field = {
      eventId: maybe(fc.constantFrom(valid.eventId, 'short', 'a'.repeat(65))),
      consentId: maybe(fc.constantFrom(valid.consentId, randomUUID(), 'a b'.repeat(10))),
      revision: maybe(fc.constantFrom(valid.revision, 'sha256:1')),
      choices: maybe(fc.dictionary(fc.constantFrom(...KNOWN), maybe(fc.boolean()))),
      action: maybe(fc.constantFrom('accept_all', 'reject_all', 'custom', 'withdraw', 'x')),
      source: maybe(fc.constantFrom('banner', 'preferences', 'gpc', 'api', 'x')),
      lang: maybe(fc.constantFrom('fr', 'en-GB', 'zh-Hant-TW', 'f', 'fr-', 'fr_FR')),
      extra: fc.anything(),
    };
    fc.assert(
      fc.property(fc.record(field, { requiredKeys: [] }), (candidate) => {
        const sent: unknown = JSON.parse(JSON.stringify(candidate));
        expect(validate(sent)).toBe(parses(sent));
      }),
      { numRuns: 500 },
    );
  });
});
