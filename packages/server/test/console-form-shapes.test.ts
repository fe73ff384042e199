import { CLI_PRINCIPAL, LANGUAGE_COOKIE, SESSION_COOKIE } from '@galette/core';
import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredAdminRoutes, type RegisteredRoute } from '../src/index.js';
import { A, B, PASSWORD, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';
import { finishedScan, scanReport } from './scan-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let jobs: ScanJobs;
let scanId: string;
let resetToken: string;

/** The user the user-management forms act on (never the admin who posts them). */
const TARGET = 'target@example.org';

/**
 * A field no console form has, as a forged post would add it: every form must refuse it by
 * name instead of acting on the rest.
 */
const UNKNOWN = 'isAdmin';

/**
 * A form each state-changing console route would act on, were it not for the unknown field.
 * A new route without one fails the test, so no form can be left out.
 */
const samples = (): Readonly<Record<string, Record<string, string | string[]>>> => ({
  '/admin/language': { lang: 'en', next: '/admin/' },
  '/admin/login': { email: PEOPLE.viewerA, password: PASSWORD },
  '/admin/login/second-factor': { challenge: 'x.y.z', code: '123456' },
  '/admin/logout': {},
  '/admin/set-password': { token: resetToken, password: 'p'.repeat(20), confirm: 'p'.repeat(20) },
  '/admin/account/profile': { name: 'Changed', language: 'en' },
  '/admin/account/password': {
    currentPassword: PASSWORD,
    newPassword: 'y'.repeat(20),
    confirm: 'y'.repeat(20),
  },
  '/admin/account/sign-out-everywhere': {},
  '/admin/account/sessions/end': { session: 'f'.repeat(64) },
  '/admin/account/second-factor': { secret: 'A'.repeat(32), code: '123456' },
  '/admin/account/second-factor/disable': { code: '123456' },
  '/admin/users': { email: 'new.user@example.org', role: 'viewer', portal: A },
  '/admin/users/grant': { email: TARGET, role: 'viewer', portal: A },
  '/admin/users/revoke': { email: TARGET, role: 'viewer', portal: B },
  '/admin/users/disable': { email: TARGET },
  '/admin/users/sign-out': { email: TARGET },
  '/admin/users/reset-password': { email: TARGET },
  '/admin/users/second-factor/reset': { email: TARGET },
  '/admin/tokens': { name: 'shapes', role: 'admin', expires: 'P30D' },
  '/admin/tokens/revoke': { name: 'standing' },
  '/admin/portals/new': { file: '{}' },
  '/admin/portals/:portalId/archive': {},
  '/admin/portals/:portalId/restore': {},
  '/admin/portals/:portalId/revisions/:number/restore': {},
  '/admin/portals/:portalId/publish': { draftVersion: '1', note: 'n', acknowledge: ['a', 'b'] },
  '/admin/portals/:portalId/import': { version: '1', file: '{}' },
  '/admin/portals/:portalId/scans': { url: 'https://opendata.paris.fr/', pages: '5' },
  '/admin/portals/:portalId/scans/schedule': { every: '7' },
  '/admin/portals/:portalId/scans/:scanId/add-to-draft': { version: '1', finding: 'all' },
  '/admin/portals/:portalId/edit/general': {
    version: '1',
    name: 'Renamed',
    url: 'https://opendata.paris.fr',
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
  },
  '/admin/portals/:portalId/edit/declaration': {
    version: '1',
    provider: 'Ville de Paris',
    'service.fr': 'Site',
    'service.en': 'Site',
    name: 'shapes_cookie',
    'purpose.fr': 'Mesure',
    'purpose.en': 'Measure',
    category: 'necessary',
  },
  '/admin/portals/:portalId/edit/declarations': { version: '1', row: '0', action: 'down' },
  '/admin/portals/:portalId/edit/categories': {
    version: '1',
    id: 'shapes',
    'label.fr': 'Formes',
    'description.fr': 'Formes.',
  },
  '/admin/portals/:portalId/edit/categories/remove': { version: '1', row: '0', was: 'x' },
  '/admin/portals/:portalId/edit/texts': { version: '1', in: 'fr', intro: 'Bonjour.' },
  '/admin/portals/:portalId/edit/widget': { version: '1', theme: 'dark' },
});

/**
 * Routes whose refusal is not a page: the language switch has none to show an error on, so a
 * refused form only goes back (and must set no cookie).
 */
const GOES_BACK = new Set(['/admin/language']);

beforeAll(async () => {
  kit = await consoleKit();
  jobs = openScanJobs((kit.store as KyselyStore).database);
  await kit.accounts.users.addUser(CLI_PRINCIPAL, { email: TARGET, role: 'viewer', portals: [B] });
  await kit.accounts.tokens.create(CLI_PRINCIPAL, { name: 'standing', role: 'admin' });
  resetToken = (await kit.accounts.users.resetPasswordLink(CLI_PRINCIPAL, TARGET)).token;
  // A finished scan with an undeclared cookie, for « add to draft ».
  const finding = {
    id: 'f-1',
    rule: 'undeclared',
    severity: 'error',
    scenario: 'accept-all',
    subject: { kind: 'cookie', name: 'new_tracker', where: A },
    pages: ['https://opendata.paris.fr/'],
    setBy: [{ via: 'script', script: 'https://opendata.paris.fr/js/tag.js' }],
  };
  const draft = {
    format: 'galette.portal/1',
    id: A,
    declarations: [
      {
        provider: A,
        service: { fr: 'Site', en: 'Site' },
        name: 'new_tracker',
        purpose: { fr: 'À décrire.', en: 'To describe.' },
        category: 'marketing',
        // As the scanner writes it: « add to draft » matches a finding by storage and name.
        storage: 'cookie',
      },
    ],
  };
  scanId = await finishedScan(kit, {
    portalId: A,
    findings: [finding],
    summary: { cookies: 1 },
    artifacts: { 'report.json': scanReport({ findings: [finding] }), 'draft-portal.json': draft },
  });
});
afterAll(() => kit.close());

/** Everything a console form can change, read from the services and the store. */
async function state(session: string | undefined): Promise<string> {
  const draft = async (id: string) => {
    const d = (await kit.store.getDraft(id))!;
    return [d.version, d.content.name];
  };
  const users = await kit.accounts.users.list(CLI_PRINCIPAL);
  return JSON.stringify({
    audit: (await kit.accounts.audit.query(CLI_PRINCIPAL, {})).total,
    drafts: [await draft(A), await draft(B)],
    revisions: (await kit.store.listRevisions(A)).length,
    portals: await kit.store.listPortals({ archived: 'include' }),
    scans: (await jobs.list(A)).length,
    schedule: (await jobs.getSchedule(A)) ?? null,
    users: users.map((u) => [
      u.email,
      u.displayName,
      u.language,
      u.active,
      u.passwordChangedAt ?? null,
      u.totpEnabled,
      u.grants,
    ]),
    tokens: (await kit.accounts.tokens.list(CLI_PRINCIPAL)).map((t) => [
      t.name,
      t.revokedAt ?? null,
    ]),
    session:
      session === undefined ? null : (await kit.accounts.sessions.validate(session)) !== undefined,
  });
}

function concrete(path: string): string {
  return path.replace(':portalId', A).replace(':number', '1').replace(':scanId', scanId);
}

const formRoutes = (): RegisteredRoute[] =>
  registeredAdminRoutes(kit.app).filter((r) => r.surface === 'page' && r.method !== 'GET');

describe('console forms, generated from the registered routes', () => {
  it('has a form for every state-changing console page route', () => {
    const routes = formRoutes();
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      expect(route.method, route.path).toBe('POST');
      expect(samples(), `${route.path} needs a sample form`).toHaveProperty([route.path]);
    }
  });

  it('refuses a field the form does not have, naming it, and changes nothing', async () => {
    for (const route of formRoutes()) {
      const browser = new TestBrowser(kit.app);
      await browser.signIn(PEOPLE.admin);
      const session = browser.cookies.get(SESSION_COOKIE);
      expect(session, route.path).toBeDefined();
      const before = await state(session);
      const res = await browser.post(concrete(route.path), {
        ...samples()[route.path],
        [UNKNOWN]: 'true',
      });
      const cell = `POST ${route.path} → ${res.status}`;
      if (GOES_BACK.has(route.path)) {
        expect(res.status, cell).toBe(303);
        expect(res.headers.get('location'), cell).toBe('/admin/');
        expect(res.headers.getSetCookie().join('\n'), cell).not.toContain(`${LANGUAGE_COOKIE}=`);
      } else {
        expect(res.status, cell).toBe(400);
        const page = await res.text();
        expect(page, cell).toContain(UNKNOWN);
        expect(page, cell).toMatch(/champ inconnu/);
      }
      expect(await state(session), cell).toBe(before);
    }
  });

  it('switches the language with the same form, without the unknown field', async () => {
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.admin);
    const res = await browser.post('/admin/language', samples()['/admin/language']!);
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().join('\n')).toContain(`${LANGUAGE_COOKIE}=en`);
    // A language the console does not offer sets nothing either.
    const other = await browser.post('/admin/language', { lang: 'de', next: '/admin/audit' });
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toBe('/admin/audit');
    expect(other.headers.getSetCookie().join('\n')).not.toContain(`${LANGUAGE_COOKIE}=`);
  });
});
