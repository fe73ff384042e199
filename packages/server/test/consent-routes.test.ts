import { CLI_PRINCIPAL, consentChainLink, newConsentId, type ConsentRecord } from '@galette/core';
import type { KyselyStore } from '@galette/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { portal } from './fixtures.js';
import { PARIS, PARIS_ORIGIN, body, consentApp, countRecords, post } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
const opened: Setup[] = [];
async function setUp(options: Parameters<typeof consentApp>[0] = {}) {
  const setup = await consentApp(options);
  opened.push(setup);
  return setup;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.store.close()));
});

describe('POST /api/v1/portals/{portalId}/consents', () => {
  it('records the choice and answers once it is stored, with its receipt', async () => {
    const { app, revision, log } = await setUp();
    const sent = body(revision);
    const res = await post(app, sent);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = (await res.json()) as ConsentRecord & Record<string, unknown>;
    expect(answer).toMatchObject({
      duplicate: false,
      portalId: PARIS,
      consentId: sent.consentId,
      eventId: sent.eventId,
      seq: 1,
      revision: revision.hash,
      choices: { statistics: true, necessary: true },
      action: 'custom',
      source: 'banner',
      lang: 'fr',
      receipt: `/api/v1/portals/${PARIS}/consents/${sent.consentId}`,
      receiptPage: `/p/${PARIS}/consents/${sent.consentId}`,
    });
    expect(consentChainLink(answer.prevHash, answer)).toBe(answer.hash);
    const [stored] = await log.history(PARIS, sent.consentId);
    expect(stored?.hash).toBe(answer.hash);
  });

  it('stores a retried beacon once and answers with the original record', async () => {
    const { app, revision, store } = await setUp();
    const sent = body(revision);
    const first = await post(app, sent);
    const again = await post(app, sent);
    expect([first.status, again.status]).toEqual([201, 200]);
    const [a, b] = [(await first.json()) as ConsentRecord, (await again.json()) as ConsentRecord];
    expect(b).toMatchObject({ duplicate: true, hash: a.hash, seq: a.seq });
    expect(await countRecords(store)).toBe(1);
  });

  it('accepts any revision the portal published, and refuses one it never did', async () => {
    const { app, revision, store } = await setUp();
    await store.saveAndPublish(portal(PARIS, { name: 'Paris Data, deuxième version' }));
    expect((await post(app, body(revision))).status).toBe(201);

    const res = await post(app, body(revision, { revision: `sha256:${'9'.repeat(64)}` }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: [
          {
            path: 'revision',
            code: 'revision_not_published',
            message: `cette révision n’a jamais été publiée pour le portail « ${PARIS} »`,
          },
        ],
      },
    });
    const other = await store.saveAndPublish(portal('opendata.finistere.fr'));
    const elsewhere = await post(app, body(other));
    expect(((await elsewhere.json()) as { error: { fields: unknown } }).error.fields).toEqual([
      expect.objectContaining({ path: 'revision' }),
    ]);
  });

  it('names every bad field with a 400 and stores nothing', async () => {
    const { app, revision, store } = await setUp();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ eventId: 42 }, ['eventId']],
      [{ choices: { marketting: true } }, ['choices.marketting']],
      [{ choices: { statistics: 'oui' }, action: 'dance' }, ['action', 'choices.statistics']],
      [{ lang: 'de' }, ['lang']],
      [{ ip: '203.0.113.7' }, ['ip']],
      [{ consentId: 'guessable' }, ['consentId']],
    ];
    for (const [overrides, paths] of cases) {
      const res = await post(app, body(revision, overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      const answer = (await res.json()) as { error: { fields: { path: string }[] } };
      expect(answer.error.fields.map((f) => f.path).sort()).toEqual(paths);
    }
    const malformed = await post(app, '{"eventId":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { fields: unknown } }).error.fields).toEqual([
      {
        path: '',
        code: 'invalid',
        message: 'Le corps de la requête n’est pas un document JSON valide.',
      },
    ]);
    expect(await countRecords(store)).toBe(0);
  });

  it('limits the body size and the content type', async () => {
    const { app, revision, store } = await setUp({ consents: { maxBodyBytes: 1024 } });
    const big = await post(app, body(revision, { eventId: 'x'.repeat(2000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      error: { code: 'invalid_input', message: 'Le corps de la requête dépasse 1024 octets.' },
    });
    const declared = await post(app, body(revision), { 'content-length': '5000' });
    expect(declared.status).toBe(413);
    const form = await post(app, body(revision), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    // text/plain spares the page a CORS preflight.
    const plain = await post(app, body(revision), { 'content-type': 'text/plain;charset=UTF-8' });
    expect(plain.status).toBe(201);
    expect(await countRecords(store)).toBe(1);
  });

  it('answers 404 for a portal with nothing published', async () => {
    const { app, revision } = await setUp();
    const res = await post(app, body(revision), {}, '/api/v1/portals/nowhere.example/consents');
    expect(res.status).toBe(404);
  });

  it('checks the origin against the portal’s declared origins and Galette’s own', async () => {
    const { app, revision, store } = await setUp({
      consents: { rateLimit: false, selfOrigins: ['https://galette.example'] },
    });
    const evil = await post(app, body(revision), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await evil.json()) as { error: { message: string } }).error.message).toContain(
      'https://evil.example',
    );
    const nullOrigin = await post(app, body(revision), { origin: 'null' });
    expect(nullOrigin.status).toBe(403);

    for (const origin of [PARIS_ORIGIN, 'https://galette.example', 'http://localhost']) {
      const res = await post(app, body(revision), { origin });
      expect(res.status, origin).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toContain('Origin');
    }
    // Errors reach the page too, so that it can tell what went wrong.
    const bad = await post(app, body(revision, { action: 'x' }));
    expect(bad.headers.get('access-control-allow-origin')).toBe(PARIS_ORIGIN);
    // Not from a page: nothing for CORS to check.
    const server = await app.request(`/api/v1/portals/${PARIS}/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body(revision, { source: 'api' })),
    });
    expect(server.status).toBe(201);
    expect(await countRecords(store)).toBe(4);
  });

  it('answers CORS preflights for declared origins only', async () => {
    const { app } = await setUp();
    const preflight = (origin: string) =>
      app.request(`/api/v1/portals/${PARIS}/consents`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(PARIS_ORIGIN);
    expect(ok.status).toBe(204);
    expect(Object.fromEntries(ok.headers)).toMatchObject({
      'access-control-allow-origin': PARIS_ORIGIN,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '86400',
    });
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('rate-limits each client and says when to come back', async () => {
    const { app, revision } = await setUp({
      // Two proxies: the edge one appended the client, the inner one (10.0.0.1) its own.
      consents: { rateLimit: { burst: 2, perSecond: 0.01 }, trustProxy: 2 },
    });
    const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    expect((await post(app, body(revision), from('203.0.113.7'))).status).toBe(201);
    expect((await post(app, body(revision), from('203.0.113.7'))).status).toBe(201);
    const limited = await post(app, body(revision), from('203.0.113.7'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const fromPortal = await post(app, body(revision), {
      ...from('203.0.113.7'),
      origin: 'https://opendata.paris.fr',
    });
    expect(fromPortal.status).toBe(429);
    expect(fromPortal.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect((await post(app, body(revision), from('198.51.100.2'))).status).toBe(201);
  });

  it('keeps no address: only a daily pseudonym when abuse tracing is on', async () => {
    const traced = await setUp({
      secret: 'a secret of the operator',
      consents: { rateLimit: false, trustProxy: true, abuseTracing: true },
    });
    const plain = await setUp({ consents: { rateLimit: false, trustProxy: true } });
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    const a = (await (await post(traced.app, body(traced.revision), ip)).json()) as ConsentRecord;
    const b = (await (await post(traced.app, body(traced.revision), ip)).json()) as ConsentRecord;
    const c = (await (await post(plain.app, body(plain.revision), ip)).json()) as ConsentRecord;
    expect(a.clientPseudonym).toMatch(/^[\w-]{22}$/);
    expect(b.clientPseudonym).toBe(a.clientPseudonym);
    expect(c.clientPseudonym).toBeUndefined();
    for (const { store } of [traced, plain]) {
      const rows = await (store as KyselyStore).database.db
        .selectFrom('consent_records')
        .selectAll()
        .execute();
      expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
    }
  });
});

describe('POST …/consents/validate', () => {
  it('runs every check and stores nothing', async () => {
    const { app, revision, store } = await setUp();
    const path = `/api/v1/portals/${PARIS}/consents/validate`;
    const ok = await post(app, body(revision), {}, path);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ valid: true, submission: { revision: revision.hash } });
    expect((await post(app, body(revision, { lang: 'xx' }), {}, path)).status).toBe(400);
    expect(await countRecords(store)).toBe(0);
  });
});

describe('GET /api/v1/portals/{portalId}/consents/{consentId}', () => {
  it('shows the visitor their own history, and nothing for any other id', async () => {
    const { app, revision, store } = await setUp();
    const consentId = newConsentId();
    await post(app, body(revision, { consentId, action: 'accept_all' }));
    await post(app, body(revision));
    await post(
      app,
      body(revision, { consentId, action: 'withdraw', choices: { statistics: false } }),
    );
    const other = await store.saveAndPublish(portal('opendata.finistere.fr'));
    await post(
      app,
      body(other, { consentId }),
      { origin: 'https://opendata.finistere.fr' },
      '/api/v1/portals/opendata.finistere.fr/consents',
    );

    const res = await app.request(`/api/v1/portals/${PARIS}/consents/${consentId}`, {
      headers: { origin: PARIS_ORIGIN },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('access-control-allow-origin')).toBe(PARIS_ORIGIN);
    const receipt = (await res.json()) as { records: ConsentRecord[] };
    expect(receipt.records.map((r) => [r.seq, r.action, r.choices])).toEqual([
      [1, 'accept_all', { statistics: true, necessary: true }],
      [3, 'withdraw', { statistics: false, necessary: true }],
    ]);
    for (const r of receipt.records) expect(consentChainLink(r.prevHash, r)).toBe(r.hash);

    for (const id of [crypto.randomUUID(), 'short', '../../etc']) {
      const missing = await app.request(`/api/v1/portals/${PARIS}/consents/${id}`);
      expect(missing.status, id).toBe(404);
    }
  });
});

describe('GET /p/{portalId}/consents/{consentId}', () => {
  it('renders the history as a page in the visitor’s language', async () => {
    const { app, revision } = await setUp();
    const consentId = newConsentId();
    await post(
      app,
      body(revision, { consentId, action: 'reject_all', choices: { statistics: false } }),
    );
    const res = await app.request(`/p/${PARIS}/consents/${consentId}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Refused all');
    expect(html).toContain('version 1 published on');
    expect(html).toMatch(/Audience measurement[^<]*refused/);
    expect(html).toContain('<meta name="robots" content="noindex">');
    const fr = await (await app.request(`/p/${PARIS}/consents/${consentId}`)).text();
    expect(fr).toContain('Tout refusé');
    expect((await app.request(`/p/${PARIS}/consents/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('records an objection to exempt measurement and shows it, only where the portal has one', async () => {
    const { app, store } = await setUp();
    const paris = portal(PARIS);
    const revision = await store.saveAndPublish({
      ...paris,
      declarations: paris.declarations.map((d) =>
        d.category === 'statistics' ? { ...d, consentExempt: true } : d,
      ),
    });
    const consentId = newConsentId();
    const objection = body(revision, {
      consentId,
      action: 'reject_all',
      choices: { audience: false },
    });
    expect((await post(app, objection)).status).toBe(201);
    // Refusing consent leaves exempt measurement on: not a contradiction of "refuse all".
    const refusal = body(revision, {
      consentId,
      action: 'reject_all',
      choices: { audience: true },
    });
    expect((await post(app, refusal)).status).toBe(201);
    const html = await (await app.request(`/p/${PARIS}/consents/${consentId}?lang=fr`)).text();
    expect(html).toContain('Mesure d’audience anonyme : opposition enregistrée');
    expect(html).toContain('Mesure d’audience anonyme : active, sans opposition');
    const en = await (await app.request(`/p/${PARIS}/consents/${consentId}?lang=en`)).text();
    expect(en).toContain('Anonymous audience measurement : objection recorded');

    const plain = await store.saveAndPublish(portal(PARIS));
    const res = await post(app, body(plain, { choices: { audience: false } }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('choices.audience');
  });

  it('tells a visitor who reloads too often to come back later, on a page', async () => {
    const { app, revision } = await setUp({
      consents: { rateLimit: { burst: 2, perSecond: 0.01 }, trustProxy: true },
    });
    const consentId = newConsentId();
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    expect((await post(app, body(revision, { consentId }), headers)).status).toBe(201);
    expect((await app.request(`/p/${PARIS}/consents/${consentId}`, { headers })).status).toBe(200);
    const limited = await app.request(`/p/${PARIS}/consents/${consentId}`, { headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The address holds the visitor's secret: the error page must not leak it either.
    expect(limited.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await limited.text();
    expect(html).toContain('<h1>Cette page ne peut pas s’afficher</h1>');
    expect(html).toContain('Trop de requêtes ; réessayez plus tard.');
    expect(html).not.toContain(consentId);
  });
});

describe('GET /api/v1/admin/portals/{portalId}/stats/consents', () => {
  const path = `/api/v1/admin/portals/${PARIS}/stats/consents`;

  it('needs an API token (or a session) whose role may read the portal’s statistics', async () => {
    const { app, store, accounts, adminToken } = await setUp({ secret: 'op-secret' });
    await store.saveAndPublish(portal('opendata.finistere.fr'));
    const anonymous = await app.request(path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    // GALETTE_SECRET signs; it is no longer a key to the admin API.
    const secret = await app.request(path, { headers: { authorization: 'Bearer op-secret' } });
    expect(secret.status).toBe(401);
    const wrong = await app.request(path, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const { token: finistere } = await accounts.tokens.create(CLI_PRINCIPAL, {
      name: 'finistere',
      role: 'viewer',
      portals: ['opendata.finistere.fr'],
    });
    await accounts.tokens.create(CLI_PRINCIPAL, { name: 'unused', role: 'admin' });
    const other = await app.request(path, { headers: { authorization: `Bearer ${finistere}` } });
    expect(other.status).toBe(403);
    const right = await app.request(path, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get('www-authenticate')).toBeNull();
  });

  it('serves daily counts per revision with the period’s totals', async () => {
    const { app, revision, adminToken } = await setUp({ secret: 'op-secret' });
    await post(app, body(revision, { action: 'accept_all' }));
    await post(app, body(revision, { action: 'reject_all', choices: { statistics: false } }));
    const today = new Date().toISOString().slice(0, 10);
    const auth = { authorization: `Bearer ${adminToken}` };
    const res = await app.request(`${path}?from=${today}&to=${today}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      portalId: PARIS,
      from: today,
      to: today,
      revisions: [{ hash: revision.hash, number: 1, publishedAt: revision.publishedAt }],
      totals: {
        total: 2,
        actions: { accept_all: 1, reject_all: 1, custom: 0, withdraw: 0 },
        categories: {
          necessary: { chosen: 2, accepted: 2 },
          statistics: { chosen: 2, accepted: 1 },
        },
      },
      days: [
        {
          day: today,
          revision: revision.hash,
          total: 2,
          actions: { accept_all: 1, reject_all: 1, custom: 0, withdraw: 0 },
          categories: {
            necessary: { chosen: 2, accepted: 2 },
            statistics: { chosen: 2, accepted: 1 },
          },
        },
      ],
    });
    const fields = async (query: string, lang = 'fr') => {
      const res = await app.request(`${path}?${query}`, {
        headers: { ...auth, 'accept-language': lang },
      });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { fields: unknown[] } }).error.fields;
    };
    expect(await fields('from=2026-02-30')).toEqual([
      { path: 'from', code: 'not_a_day', message: 'doit être une date écrite AAAA-MM-JJ' },
    ]);
    expect(await fields('from=2026-03-02&to=2026-03-01', 'en')).toEqual([
      {
        path: 'to',
        code: 'period_reversed',
        message: 'the period runs from 2026-03-02 to 2026-03-01: its end comes before its start',
      },
    ]);
    expect(await fields('from=2020-01-01&to=2026-01-01')).toEqual([
      { path: 'from', code: 'period_too_long', message: 'période trop longue : 366 jours au plus' },
    ]);
    const nowhere = await app.request('/api/v1/admin/portals/nowhere.example/stats/consents', {
      headers: auth,
    });
    expect(nowhere.status).toBe(404);
  });
});

describe('the receipt page', () => {
  it('words each category’s choice so that it agrees with any label (« Mesure d’audience : accord donné »)', async () => {
    const { app, revision } = await setUp();
    const sent = body(revision);
    expect((await post(app, sent)).status).toBe(201);
    const html = await (await app.request(`/p/${PARIS}/consents/${sent.consentId}`)).text();
    const items = [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]!);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(item).toMatch(
        / : (accord donné|refus enregistré|active, sans opposition|opposition enregistrée)$/,
      );
    expect(html).not.toMatch(/ : (acceptés|refusés)</);
  });
});
