import { randomUUID } from 'node:crypto';
import {
  CLI_PRINCIPAL,
  CSRF_COOKIE,
  SESSION_COOKIE,
  newConsentId,
  parsePortalFile,
  toPortalFile,
} from '@galette/core';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import {
  describeRule,
  isConsoleMiddleware,
  registeredAdminRoutes,
  type RegisteredRoute,
} from '../src/index.js';
import { consoleAssets } from '../src/admin/assets/console-assets.js';
import { categoryFormOf } from '../src/admin/editor/category-form.js';
import { declarationFormOf } from '../src/admin/editor/declaration-form.js';
import { generalFormOf } from '../src/admin/editor/general-form.js';
import { declarationIdentity } from '../src/admin/editor/row-identity.js';
import { textsFormOf } from '../src/admin/editor/texts-form.js';
import { widgetFormOf } from '../src/admin/editor/widget-form.js';
import {
  A,
  B,
  PASSWORD,
  PEOPLE,
  TestBrowser,
  consoleKit,
  presetPortal,
  type Person,
} from './console-kit.js';
import { finishedScan, scanReport } from './scan-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
type Who = 'anonymous' | Person;
const WHO: readonly Who[] = ['anonymous', 'viewerA', 'editorA', 'viewerB', 'editorB', 'admin'];
const USERS: readonly Person[] = ['viewerA', 'editorA', 'viewerB', 'editorB', 'admin'];

/**
 * Who each rule lets through, written out by hand (not computed by the code under test). A rule
 * missing here fails the test, so a new kind of route cannot go unchecked.
 */
const ALLOWED: Readonly<Record<string, readonly Who[]>> = {
  public: WHO,
  'signed-in': USERS,
  'account.self': USERS,
  'users.manage': ['admin'],
  'tokens.manage': ['admin'],
  'stats.read@{portalId}': ['viewerA', 'editorA', 'admin'],
  'proofs.read@{portalId}': ['viewerA', 'editorA', 'admin'],
  'revisions.read@{portalId}': ['viewerA', 'editorA', 'admin'],
  'draft.read@{portalId}': ['editorA', 'admin'],
  'draft.edit@{portalId}': ['editorA', 'admin'],
  'draft.preview@{portalId}': ['editorA', 'admin'],
  'revision.publish@{portalId}': ['editorA', 'admin'],
  'portals.create': ['admin'],
  'portals.archive': ['admin'],
  'portals.delete': ['admin'],
  'scans.read@{portalId}': ['viewerA', 'editorA', 'admin'],
  'scans.run@{portalId}': ['editorA', 'admin'],
};

/** A bare CSRF secret, accepted as the form token too (as a script would send it). */
const CSRF = 'c'.repeat(43);

/** The user that the user-management forms act on (never one of the matrix's people). */
const TARGET = 'target@example.org';

/** A form each state-changing route would act on, so that refusing it is meaningful. */
const SAMPLES: Readonly<Record<string, Record<string, string>>> = {
  '/admin/language': { lang: 'en', next: '/admin/' },
  '/admin/login': { email: PEOPLE.viewerA, password: 'wrong password!!' },
  '/admin/logout': {},
  '/admin/set-password': {
    token: 'x'.repeat(43),
    password: 'p'.repeat(20),
    confirm: 'p'.repeat(20),
  },
  '/admin/account/profile': { name: 'Changed', language: 'en' },
  '/admin/account/password': {
    currentPassword: 'x',
    newPassword: 'y'.repeat(20),
    confirm: 'y'.repeat(20),
  },
  '/admin/account/sign-out-everywhere': {},
  '/admin/account/sessions/end': { session: 'f'.repeat(64) },
  '/admin/account/second-factor': { secret: 'A'.repeat(32), code: '123456' },
  '/admin/account/second-factor/disable': { code: '123456' },
  '/admin/login/second-factor': { challenge: 'x.y.z', code: '123456' },
  '/admin/users/second-factor/reset': { email: TARGET },
  '/admin/users': { email: 'new.user@example.org', role: 'viewer', portal: A },
  '/admin/users/grant': { email: TARGET, role: 'viewer', portal: B },
  '/admin/users/revoke': { email: TARGET, role: 'viewer', portal: B },
  '/admin/users/disable': { email: TARGET },
  '/admin/users/sign-out': { email: TARGET },
  '/admin/users/reset-password': { email: TARGET },
  '/admin/tokens': { name: 'matrix', role: 'admin', expires: 'P30D' },
  '/admin/tokens/revoke': { name: 'standing' },
  '/admin/portals/:portalId/revisions/:number/restore': {},
  '/admin/portals/:portalId/archive': {},
  '/admin/portals/:portalId/restore': {},
  '/admin/portals/new': { file: '{}' },
  '/admin/portals/:portalId/publish': {},
  '/admin/portals/:portalId/scans': { url: 'https://opendata.paris.fr/', pages: '5' },
  '/admin/portals/:portalId/scans/schedule': { every: '7' },
  '/admin/portals/:portalId/scans/:scanId/add-to-draft': { version: '1', finding: 'all' },
  '/admin/portals/:portalId/import': { version: '1', file: '{}' },
  // Refused by the portal file's validator (no name, no fields) or harmless (row 0 up).
  '/admin/portals/:portalId/edit/general': { version: '1' },
  '/admin/portals/:portalId/edit/declaration': { version: '1', row: '0' },
  '/admin/portals/:portalId/edit/declarations': { version: '1', row: '0', action: 'up' },
  '/admin/portals/:portalId/edit/categories': { version: '1' },
  '/admin/portals/:portalId/edit/categories/remove': { version: '1', row: '0' },
  '/admin/portals/:portalId/edit/texts': { version: '1', in: 'xx' },
  '/admin/portals/:portalId/edit/widget': { version: '1', consentMonths: 'never' },
};

/** JSON bodies of the admin API's state-changing routes, sent as JSON. */
const JSON_SAMPLES: Readonly<Record<string, unknown>> = {
  '/api/v1/admin/portals': {
    ...toPortalFile(presetPortal(B)),
    id: 'matrix.example.org',
    url: 'https://matrix.example.org',
    origins: ['https://matrix.example.org'],
  },
  '/api/v1/admin/portals/:portalId': {},
  '/api/v1/admin/portals/:portalId/archive': {},
  '/api/v1/admin/portals/:portalId/restore': {},
  '/api/v1/admin/portals/:portalId/draft': toPortalFile(presetPortal(A)),
  '/api/v1/admin/portals/:portalId/publish': { acknowledgeAll: true },
  '/api/v1/admin/portals/:portalId/revisions/:number/restore': {},
  '/api/v1/admin/portals/:portalId/scans': { pages: 1, scenarios: 'main' },
};

/** Fields the CSRF test sends instead, for what the matrix has already created or revoked. */
const CSRF_SAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  '/api/v1/admin/portals': {
    id: 'csrf.example.org',
    url: 'https://csrf.example.org',
    origins: ['https://csrf.example.org'],
  },
  '/admin/users': { email: 'csrf.user@example.org' },
  '/admin/tokens': { name: 'csrf' },
  '/admin/tokens/revoke': { name: 'standing-csrf' },
};

let kit: Kit;
let routes: readonly RegisteredRoute[];
/** Portal A's scan whose finding the CSRF test adds to the draft. */
let scanToAdd: string;
const apiTokens: Partial<Record<Person, string>> = {};

/** A screenshot of portal A's scan, as the scanner names it. */
const SCREENSHOT = 'no-action-first-layer.jpg';
/** The children of portal A the matrix reads and acts on (set once they exist). */
const childrenOfA = { scanId: '', consentId: '', number: '2', file: SCREENSHOT };
/** Ids of the same shape that nothing has. */
const UNKNOWN = { scanId: randomUUID(), consentId: newConsentId(), number: '2', file: SCREENSHOT };

/** Portal A's finished scan, its evidence as the worker stores it, with one screenshot. */
async function scanOfA(): Promise<string> {
  const scenarios = [
    { id: 'no-action', cookies: [], screenshots: { firstLayer: `screenshots/${SCREENSHOT}` } },
  ];
  const draft = { format: 'galette.portal/1', id: A, categories: [], declarations: [] };
  const html = `<!doctype html><html lang="fr"><head><title>Rapport</title></head><body><img src="galette-artifact:screenshots/${SCREENSHOT}" alt=""></body></html>`;
  return finishedScan(kit, {
    portalId: A,
    scenarios,
    artifacts: {
      'report.json': scanReport({ scenarios }),
      'report.fr.html': html,
      'report.en.html': html,
      'manifest.json': '{}',
      'draft-portal.json': draft,
      [`screenshots/${SCREENSHOT}`]: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
    },
  });
}

/**
 * Portal A's finished scan with one undeclared cookie and its declaration drafted, for « add to
 * draft » (made before the matrix queues scans, which the worker would take first).
 */
async function scanToAddOfA(): Promise<string> {
  const finding = {
    id: 'f-csrf',
    rule: 'undeclared',
    severity: 'error',
    scenario: 'accept-all',
    subject: { kind: 'cookie', name: 'csrf_tracker', where: A },
    pages: [`https://${A}/`],
    setBy: [{ via: 'script', script: `https://${A}/js/tag.js` }],
  };
  const declaration = {
    provider: A,
    service: { fr: 'Site', en: 'Site' },
    name: 'csrf_tracker',
    purpose: { fr: 'À décrire.', en: 'To describe.' },
    category: 'marketing',
    lifetime: 'P6M',
    party: 'first',
    storage: 'cookie',
  };
  return finishedScan(kit, {
    portalId: A,
    findings: [finding],
    summary: { cookies: 1 },
    artifacts: {
      'draft-portal.json': { format: 'galette.portal/1', id: A, declarations: [declaration] },
    },
  });
}

/** A visitor's choice on portal A, sent as its widget sends it; its consent id. */
async function consentOfA(): Promise<string> {
  const revision = (await kit.store.latestRevision(A))!;
  const consentId = newConsentId();
  const res = await kit.app.request(`/api/v1/portals/${A}/consents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: revision.content.origins[0]! },
    body: JSON.stringify({
      eventId: randomUUID(),
      consentId,
      revision: revision.hash,
      choices: { statistics: true },
      action: 'accept_all',
      source: 'banner',
      lang: 'fr',
    }),
  });
  expect(res.status).toBe(201);
  return consentId;
}

beforeAll(async () => {
  kit = await consoleKit();
  childrenOfA.scanId = await scanOfA();
  scanToAdd = await scanToAddOfA();
  childrenOfA.consentId = await consentOfA();
  // Revision 2, so that a revision's pages and its diff with the one before have something.
  await kit.store.saveAndPublish({ ...presetPortal(A), name: 'Paris Data (2)' });
  routes = registeredAdminRoutes(kit.app);
  for (const person of USERS) {
    const user = await kit.accounts.users.get(CLI_PRINCIPAL, PEOPLE[person]);
    const grant = user.grants[0]!;
    apiTokens[person] = (
      await kit.accounts.tokens.create(CLI_PRINCIPAL, {
        name: `matrix-${person}`,
        role: grant.role,
        ...(grant.role === 'admin' ? {} : { portals: [grant.portalId] }),
      })
    ).token;
  }
  await kit.accounts.tokens.create(CLI_PRINCIPAL, { name: 'standing', role: 'admin' });
  await kit.accounts.tokens.create(CLI_PRINCIPAL, { name: 'standing-csrf', role: 'admin' });
  await kit.accounts.users.addUser(CLI_PRINCIPAL, { email: TARGET, role: 'viewer', portals: [B] });
  // Things about portal A that must never reach anyone without a role on it.
  await kit.accounts.audit.record({
    actor: { kind: 'cli', label: 'cli' },
    portalId: A,
    action: 'revision.publish',
    object: 'secret-object-of-a',
    outcome: 'success',
  });
});
afterAll(() => kit.close());

/** A fresh session for `who` (every cell gets its own: some routes end sessions). */
async function headersOf(who: Who, surface: 'page' | 'api'): Promise<Record<string, string>> {
  if (who === 'anonymous') return { cookie: `${CSRF_COOKIE}=${CSRF}` };
  if (surface === 'api') return { authorization: `Bearer ${apiTokens[who]}` };
  const { id } = await kit.accounts.sessions.start(kit.ids[who]);
  return { cookie: `${SESSION_COOKIE}=${id}; ${CSRF_COOKIE}=${CSRF}` };
}

/**
 * The route's path with every parameter given a value: `portalId` and the children's ids (portal
 * A's unless told), the console's stylesheet for `*`. A parameter it has no value for fails the
 * test, so that no cell ever asks for a literal `:name` and reads a 404 as a pass.
 */
function concrete(route: RegisteredRoute, portalId = A, children = childrenOfA): string {
  const values: Record<string, string> = { portalId, ...children };
  const path = route.path
    .replace(/:(\w+)/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${route.path}: no value for :${name}`);
      return encodeURIComponent(value);
    })
    .replace('*', consoleAssets().stylesheets[1]!.slice('/admin/assets/'.length));
  expect(path, route.path).not.toMatch(/[:*]/);
  return path;
}

/**
 * Allowed cells that answer other than their kind's default (a GET below 400), and why.
 */
const EXPECTED: Readonly<Record<string, number>> = {
  // No link token (none is given): the page says nothing about any account.
  'GET /admin/set-password': 404,
  'POST /admin/set-password': 404,
  // This app has no OIDC provider configured.
  'GET /admin/login/oidc': 404,
  'GET /admin/login/oidc/callback': 404,
  // The sample asks for a language the portal does not have.
  'POST /admin/portals/:portalId/edit/texts': 404,
};

/** Query strings some GET routes need to show something (the scan diff: from and to). */
function queryOf(route: RegisteredRoute, children = childrenOfA): string {
  return route.path.endsWith('/scans/diff') ? `?from=${children.scanId}&to=${children.scanId}` : '';
}

async function call(
  route: RegisteredRoute,
  who: Who,
  path = concrete(route) + queryOf(route),
  withCsrf = true,
) {
  const headers = await headersOf(who, route.surface);
  if (route.method === 'GET') return kit.app.request(path, { headers });
  if (route.surface === 'api') {
    return kit.app.request(path, {
      method: route.method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(JSON_SAMPLES[route.path] ?? {}),
    });
  }
  const body = new URLSearchParams(SAMPLES[route.path] ?? {});
  if (withCsrf) body.set('csrftoken', CSRF);
  return kit.app.request(path, { method: 'POST', headers, body });
}

/**
 * Every handler the app serves under the console's prefixes, whatever its method (`app.all()`
 * and `app.use()` ones too), except the console router's own middlewares.
 */
function servedAdminRoutes(app: Hono): Set<string> {
  return new Set(
    app.routes
      .filter(
        (r) =>
          (r.path.startsWith('/admin') || r.path.startsWith('/api/v1/admin')) &&
          !isConsoleMiddleware(app, r.handler),
      )
      .map((r) => `${r.method} ${r.path}`),
  );
}

const leaksA = (text: string) =>
  text.includes(A) || text.includes('Paris Data') || text.includes('secret-object-of-a');

describe('access matrix, generated from the registered routes', () => {
  it('registers every console page and admin API route with a rule this test knows', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(servedAdminRoutes(kit.app)).toEqual(new Set(routes.map((r) => `${r.method} ${r.path}`)));
    for (const route of routes)
      expect(ALLOWED, route.path).toHaveProperty([describeRule(route.rule)]);
  });

  it('refuses a handler added under the prefixes without a rule, with app.all() or app.use() too', async () => {
    const other = await consoleKit();
    try {
      other.app.all('/admin/zz', (c) => c.text('unruled all'));
      other.app.use('/api/v1/admin/zz', async (c) => c.text('unruled use'));
      other.app.get('/admin/zz-get', (c) => c.text('unruled get'));
      const registered = new Set(
        registeredAdminRoutes(other.app).map((r) => `${r.method} ${r.path}`),
      );
      const unregistered = [...servedAdminRoutes(other.app)].filter((r) => !registered.has(r));
      expect(unregistered.sort()).toEqual([
        'ALL /admin/zz',
        'ALL /api/v1/admin/zz',
        'GET /admin/zz-get',
      ]);
      const { id } = await other.accounts.sessions.start(other.ids.admin);
      const session = { cookie: `${SESSION_COOKIE}=${id}; ${CSRF_COOKIE}=${CSRF}` };
      const token = (
        await other.accounts.tokens.create(CLI_PRINCIPAL, { name: 'zz', role: 'admin' })
      ).token;
      const bearer = { authorization: `Bearer ${token}` };
      for (const [path, init] of [
        ['/admin/zz', { headers: session }],
        [
          '/admin/zz',
          { method: 'POST', headers: session, body: new URLSearchParams({ csrftoken: CSRF }) },
        ],
        ['/admin/zz', {}],
        ['/admin/zz-get', { headers: session }],
        ['/api/v1/admin/zz', { headers: bearer }],
        ['/api/v1/admin/zz', { method: 'DELETE', headers: bearer }],
        ['/api/v1/admin/zz', {}],
      ] as const) {
        const res = await other.app.request(path, init);
        const cell = `${'method' in init ? init.method : 'GET'} ${path}`;
        expect(res.status, cell).toBe(403);
        const text = await res.text();
        expect(text, cell).not.toContain('unruled');
        if (path.startsWith('/api/')) {
          expect(res.headers.get('content-type'), cell).toMatch(/^application\/json/);
        } else {
          expect(res.headers.get('content-type'), cell).toMatch(/^text\/html/);
        }
      }
    } finally {
      await other.close();
    }
  });

  it('answers each cell as the rule says, and shows portal A to nobody without a role on it', async () => {
    const cells: string[] = [];
    const denials: string[] = [];
    for (const route of routes) {
      const allowed = ALLOWED[describeRule(route.rule)]!;
      for (const who of WHO) {
        const res = await call(route, who);
        const text = await res.text();
        const cell = `${route.method} ${route.path} × ${who} → ${res.status}`;
        if (allowed.includes(who)) {
          const expected = EXPECTED[`${route.method} ${route.path}`];
          if (expected !== undefined) expect(res.status, cell).toBe(expected);
          else if (route.method === 'GET') expect(res.status, cell).toBeLessThan(400);
          else {
            // Forms and API calls with a sample body: done, or refused by the handler for
            // what the body says, never for who asks, never a missing page or a crash.
            expect([200, 201, 202, 204, 303, 400, 409, 422, 429], cell).toContain(res.status);
          }
          if (res.status === 303)
            expect(res.headers.get('location'), cell).not.toMatch(/^\/admin\/login\?next=/);
        } else if (who === 'anonymous') {
          if (route.surface === 'api') expect(res.status, cell).toBe(401);
          else {
            expect(res.status, cell).toBe(303);
            expect(res.headers.get('location'), cell).toMatch(/^\/admin\/login/);
          }
        } else {
          expect(res.status, cell).toBe(403);
          const actor = route.surface === 'api' ? `matrix-${who}` : PEOPLE[who];
          denials.push(`${actor} ${route.method} ${route.path}`);
        }
        if (!['viewerA', 'editorA', 'admin'].includes(who)) expect(leaksA(text), cell).toBe(false);
        cells.push(cell);
      }
    }
    expect(cells.length).toBe(routes.length * WHO.length);
    // Each refusal is in the audit log, once, naming who asked for which route.
    const denied = await kit.accounts.audit.query(CLI_PRINCIPAL, {
      action: 'access.denied',
      limit: 10_000,
    });
    expect(denied.entries.every((e) => e.outcome === 'denied')).toBe(true);
    expect(denied.entries.map((e) => `${e.actor.label} ${e.object}`).sort()).toEqual(
      denials.sort(),
    );
    const ofA = denied.entries.filter((e) => e.portalId === A);
    expect(ofA.length).toBeGreaterThan(0);
    // Refusals about no portal are the admins' to read; a portal's, its auditors' too.
    const viewerA = (await kit.accounts.sessions.validate(
      (await kit.accounts.sessions.start(kit.ids.viewerA)).id,
    ))!.principal;
    const seen = await kit.accounts.audit.query(viewerA, {
      action: 'access.denied',
      limit: 10_000,
    });
    expect(seen.entries.map((e) => e.id).sort()).toEqual(ofA.map((e) => e.id).sort());
  });

  it('answers portal B’s paths with portal A’s scan, consent or screenshot exactly as with an unknown one', async () => {
    const children = routes.filter(
      (r) => /:(scanId|consentId|file)\b/.test(r.path) || queryOf(r) !== '',
    );
    expect(children.length).toBeGreaterThan(6);
    const strip = (t: string) =>
      t
        .replace(/value="[\w-]{86}"/g, '')
        .replaceAll(childrenOfA.scanId, 'ID')
        .replaceAll(UNKNOWN.scanId, 'ID')
        .replaceAll(childrenOfA.consentId, 'ID')
        .replaceAll(UNKNOWN.consentId, 'ID');
    for (const route of children) {
      for (const who of ['viewerB', 'editorB'] as const) {
        // Their role on B is the one of their twin on A.
        const twin = who === 'viewerB' ? 'viewerA' : 'editorA';
        const expected = ALLOWED[describeRule(route.rule)]!.includes(twin) ? 404 : 403;
        const withA = await call(route, who, concrete(route, B) + queryOf(route));
        const unknown = await call(
          route,
          who,
          concrete(route, B, UNKNOWN) + queryOf(route, UNKNOWN),
        );
        const cell = `${route.method} ${route.path} × ${who}`;
        expect([withA.status, unknown.status], cell).toEqual([expected, expected]);
        expect(strip(await withA.text()), cell).toBe(strip(await unknown.text()));
      }
    }
  });

  it('refuses an id of portal A in a query string or path exactly as an unknown one', async () => {
    for (const who of ['viewerB', 'editorB'] as const) {
      const pages = await headersOf(who, 'page');
      const known = await kit.app.request(`/admin/audit?portal=${A}`, { headers: pages });
      const unknown = await kit.app.request('/admin/audit?portal=nowhere.example', {
        headers: pages,
      });
      expect([known.status, unknown.status]).toEqual([403, 403]);
      const strip = (t: string) => t.replace(/value="[\w-]{86}"/g, '');
      expect(strip(await known.text())).toBe(strip(await unknown.text()));
      const api = await headersOf(who, 'api');
      const stats = (portal: string) =>
        kit.app.request(`/api/v1/admin/portals/${portal}/stats/consents`, { headers: api });
      const [a, none] = [await stats(A), await stats('nowhere.example')];
      expect([a.status, none.status]).toEqual([403, 403]);
      expect(await a.text()).toBe(await none.text());
    }
    const admin = await headersOf('admin', 'api');
    const missing = await kit.app.request('/api/v1/admin/portals/nowhere.example/stats/consents', {
      headers: admin,
    });
    expect(missing.status).toBe(404);
  });
});

/** A form's fields (a checkbox group as a list) or a JSON body. */
type Fields = Record<string, string | readonly string[]>;

/**
 * What the CSRF test sends to a route whose matrix sample its handler refuses, so that the
 * request with the token is seen to act: the path's portal and children, a body the handler
 * takes, and what the request changes (`effect`, read before and after; `expected` of the
 * value before, a count one up unless told).
 */
interface Acting {
  readonly portalId?: string;
  readonly children?: typeof childrenOfA;
  readonly body: Fields | object;
  readonly effect: () => Promise<unknown>;
  readonly expected?: (before: never) => unknown;
}

/** Portal A's draft: its version, as a form carries it, and its file, as its pages show it. */
async function draftOfA() {
  const draft = (await kit.store.getDraft(A))!;
  const file = toPortalFile(draft.content);
  return { version: String(draft.version), file, languages: file.languages ?? [] };
}

const draftVersion = async (portalId = A) => (await kit.store.getDraft(portalId))!.version;
const portalCount = async () => (await kit.store.listPortals({ archived: 'include' })).length;
/** Successful audit entries of `action` by `actor` (by anyone unless told). */
async function successes(action: string, actor?: string): Promise<number> {
  const { entries } = await kit.accounts.audit.query(CLI_PRINCIPAL, { action, limit: 10_000 });
  return entries.filter(
    (e) => e.outcome === 'success' && (actor === undefined || e.actor.label === actor),
  ).length;
}

/** A portal file of portal B's content under another address, for a portal made anew. */
function portalFileAt(id: string) {
  const url = `https://${id}`;
  return { ...toPortalFile(presetPortal(B)), id, url, origins: [url] };
}

/** A user with a second factor whose password step is done; the challenge and a code. */
async function secondFactorStep(): Promise<Fields> {
  const email = 'csrf.totp@example.org';
  const { user } = await kit.accounts.users.addUser(CLI_PRINCIPAL, {
    email,
    role: 'viewer',
    portals: [B],
    password: PASSWORD,
  });
  const secret = new Secret({ size: 20 }).base32;
  // Set straight in the store: through the account page, this time step's code would be spent.
  await kit.store.accounts.updateUser(user.id, { totpSecret: secret, totpEnabledAt: new Date() });
  const browser = new TestBrowser(kit.app);
  await browser.get('/admin/login');
  expect((await browser.post('/admin/login', { email, password: PASSWORD })).status).toBe(200);
  const challenge = /name="challenge" value="([^"]+)"/.exec(browser.lastBody)![1]!;
  return { challenge, code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() };
}

const ACTING: Readonly<Record<string, () => Promise<Acting>>> = {
  'DELETE /api/v1/admin/portals/:portalId': async () => {
    const portal = portalFileAt('csrf-delete.example.org');
    await kit.store.saveAndPublish(parsePortalFile(portal));
    return { portalId: portal.id, body: {}, effect: portalCount, expected: (n: number) => n - 1 };
  },
  'POST /admin/login/second-factor': async () => ({
    body: await secondFactorStep(),
    effect: () => successes('auth.sign-in', 'csrf.totp@example.org'),
  }),
  'POST /admin/set-password': async () => {
    // Its own account: the matrix has disabled TARGET, whose links then open nothing.
    const email = 'csrf.link@example.org';
    await kit.accounts.users.addUser(CLI_PRINCIPAL, { email, role: 'viewer', portals: [B] });
    const { token } = await kit.accounts.users.resetPasswordLink(CLI_PRINCIPAL, email);
    const password = 'csrf '.repeat(5);
    return {
      body: { token, password, confirm: password },
      effect: () => successes('user.set-password', email),
    };
  },
  'POST /admin/portals/new': async () => ({
    body: { file: JSON.stringify(portalFileAt('csrf-new.example.org')) },
    effect: portalCount,
  }),
  'POST /admin/portals/:portalId/publish': async () => {
    const { id } = await kit.accounts.sessions.start(kit.ids.admin);
    const page = await kit.app.request(`/admin/portals/${A}/publish`, {
      headers: { cookie: `${SESSION_COOKIE}=${id}` },
    });
    const warnings = [...(await page.text()).matchAll(/name="acknowledge" value="([^"]+)"/g)];
    return {
      body: {
        draftVersion: (await draftOfA()).version,
        acknowledge: warnings.map((m) => m[1]!),
        note: 'CSRF',
      },
      effect: async () => (await kit.store.listRevisions(A)).length,
    };
  },
  'POST /admin/portals/:portalId/scans/:scanId/add-to-draft': async () => ({
    children: { ...childrenOfA, scanId: scanToAdd },
    body: { version: (await draftOfA()).version, finding: 'all' },
    effect: draftVersion,
  }),
  'POST /admin/portals/:portalId/import': async () => {
    const { version, file } = await draftOfA();
    return {
      body: { version, file: JSON.stringify({ ...file, name: `${file.name} (import)` }) },
      effect: draftVersion,
    };
  },
  'POST /admin/portals/:portalId/edit/general': async () => {
    const { version, file } = await draftOfA();
    return {
      body: { version, ...generalFormOf(file), name: `${file.name} (CSRF)` },
      effect: draftVersion,
    };
  },
  'POST /admin/portals/:portalId/edit/declaration': async () => {
    const { version, languages } = await draftOfA();
    const declaration = {
      provider: 'Ville de Paris',
      service: { fr: 'Site', en: 'Site' },
      name: 'csrf_probe',
      purpose: { fr: 'Vérifier le jeton.', en: 'Check the token.' },
      category: 'necessary',
    };
    return {
      body: { version, ...declarationFormOf(declaration, languages) },
      effect: draftVersion,
    };
  },
  'POST /admin/portals/:portalId/edit/declarations': async () => {
    const { version, file } = await draftOfA();
    const first = declarationIdentity(file.declarations[0]!);
    return { body: { version, action: `down:0:${first}` }, effect: draftVersion };
  },
  'POST /admin/portals/:portalId/edit/categories': async () => {
    const { version, languages } = await draftOfA();
    const category = { id: 'csrf', label: { fr: 'Jeton' }, description: { fr: 'Pour le test.' } };
    return {
      body: { version, ...categoryFormOf(category, languages) },
      effect: draftVersion,
    };
  },
  'POST /admin/portals/:portalId/edit/categories/remove': async () => {
    const { version, file } = await draftOfA();
    // A category no declaration is in, added for the purpose.
    const categories = [
      ...(file.categories ?? []),
      { id: 'csrf-gone', label: { fr: 'À retirer' }, description: { fr: 'Pour le test.' } },
    ];
    const saved = await kit.store.saveDraft(parsePortalFile({ ...file, categories }), {
      expectedVersion: Number(version),
    });
    const row = String(categories.length - 1);
    return {
      body: { version: String(saved.version), row, was: 'csrf-gone' },
      effect: draftVersion,
    };
  },
  'POST /admin/portals/:portalId/edit/texts': async () => {
    const { version, file } = await draftOfA();
    return {
      body: { version, in: 'fr', ...textsFormOf(file, 'fr'), intro: 'Texte du test CSRF.' },
      effect: draftVersion,
    };
  },
  'POST /admin/portals/:portalId/edit/widget': async () => {
    const { version, file } = await draftOfA();
    const theme = file.widget?.theme === 'dsfr' ? 'neutral' : 'dsfr';
    return { body: { version, ...widgetFormOf(file), theme }, effect: draftVersion };
  },
};

describe('CSRF, generated from the registered routes', () => {
  it('protects every state-changing route: without the token it is refused and nothing changes', async () => {
    const posts = routes.filter((r) => r.method !== 'GET');
    expect(posts.length).toBeGreaterThan(10);
    const served = posts.map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(ACTING).filter((key) => !served.includes(key))).toEqual([]);
    const failed: string[] = [];
    for (const route of posts) {
      expect(route.csrf, route.path).toBe(true);
      const key = `${route.method} ${route.path}`;
      const json = route.surface === 'api';
      const samples = json ? JSON_SAMPLES : SAMPLES;
      expect(samples, `${route.path} needs a sample`).toHaveProperty([route.path]);
      const acting = await ACTING[key]?.();
      const fields = acting?.body ?? { ...samples[route.path]!, ...CSRF_SAMPLES[route.path] };
      const who: Person = describeRule(route.rule) === 'public' ? 'viewerA' : 'admin';
      const effect = await acting?.effect();
      const before = (await kit.accounts.audit.query(CLI_PRINCIPAL, {})).total;
      const { id } = await kit.accounts.sessions.start(kit.ids[who]);
      const cookie = `${SESSION_COOKIE}=${id}; ${CSRF_COOKIE}=${CSRF}`;
      // A name given several values is sent once per value, as a checkbox group is.
      const body = () =>
        json
          ? JSON.stringify(fields)
          : new URLSearchParams(
              Object.entries(fields as Fields).flatMap(([name, value]) =>
                (typeof value === 'string' ? [value] : value).map((v) => [name, v]),
              ),
            );
      const type: Record<string, string> = json ? { 'content-type': 'application/json' } : {};
      const attempts: [string, RequestInit][] = [
        ['no token', { headers: { ...type, cookie } }],
        ['wrong token', { headers: { ...type, cookie, 'x-csrftoken': 'd'.repeat(43) } }],
        [
          'no cookie',
          { headers: { ...type, cookie: `${SESSION_COOKIE}=${id}`, 'x-csrftoken': CSRF } },
        ],
        [
          'other site',
          { headers: { ...type, cookie, origin: 'https://evil.example', 'x-csrftoken': CSRF } },
        ],
      ];
      const path = concrete(route, acting?.portalId, acting?.children);
      for (const [what, init] of attempts) {
        const res = await kit.app.request(path, {
          method: route.method,
          body: body(),
          ...init,
        });
        expect(res.status, `${route.path}: ${what}`).toBe(403);
        expect(await res.text(), `${route.path}: ${what}`).toContain('CSRF');
      }
      // One entry, the refusal's (once however often it is tried), and nothing else.
      const log = await kit.accounts.audit.query(CLI_PRINCIPAL, { limit: 2 });
      expect(log.total, route.path).toBe(before + 1);
      expect(log.entries[0], route.path).toMatchObject({
        action: 'csrf.refused',
        object: `${route.method} ${route.path}`,
        actor: { label: PEOPLE[who] },
        outcome: 'denied',
      });
      const refused = log.total;
      expect(await kit.accounts.sessions.validate(id), route.path).toBeDefined();
      if (acting) expect(await acting.effect(), `${key}: refused`).toEqual(effect);
      // The same request with its token goes through: the refusals were the token's doing.
      const ok = await kit.app.request(path, {
        method: route.method,
        body: body(),
        headers: { ...type, cookie, 'x-csrftoken': CSRF },
      });
      const after = (await kit.accounts.audit.query(CLI_PRINCIPAL, {})).total;
      if (acting) {
        // Done, and seen: the refusals were the token's doing and nothing else's.
        const expected = (acting.expected ?? ((n: number) => n + 1)) as (
          before: unknown,
        ) => unknown;
        if (![200, 201, 204, 303].includes(ok.status)) failed.push(`${key} → ${ok.status}`);
        else expect(await acting.effect(), `${key}: with the token`).toEqual(expected(effect));
        continue;
      }
      // Done: below 400, or an audit entry more.
      const answered = ok.status < 400 || after > refused;
      if (!answered) failed.push(`${key} → ${ok.status}`);
    }
    expect(failed).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents every admin API route with its security schemes and the rule it is registered with', async () => {
    const doc = (await (await kit.app.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown; 'x-galette-permission'?: string }>
      >;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiToken', 'session']);
    const api = routes.filter((r) => r.surface === 'api');
    expect(api.length).toBeGreaterThan(0);
    for (const route of api) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, path).toBeDefined();
      expect(operation!.security, path).toEqual([{ apiToken: [] }, { session: [] }]);
      expect(operation!['x-galette-permission'], path).toBe(describeRule(route.rule));
    }
  });
});
