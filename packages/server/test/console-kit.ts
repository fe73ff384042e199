import { readFileSync } from 'node:fs';
import { CLI_PRINCIPAL, parsePortalFile, type PortalContent } from '@galette/core';
import { openStore, type Store } from '@galette/storage';
import type { Hono } from 'hono';
import { createAccountServices, type AccountServices } from '../src/accounts/index.js';
import { createApp, type AppOptions } from '../src/index.js';

/** Portal A and portal B of the access matrix, and the console's own portal. */
export const A = 'opendata.paris.fr';
export const B = 'opendata.finistere.fr';
export const CONSOLE = 'galette.localhost';
export const PASSWORD = 'correct horse battery staple';

/** The principals of the access matrix, by the email of their user. */
export const PEOPLE = {
  admin: 'admin@example.org',
  viewerA: 'viewer.a@example.org',
  editorA: 'editor.a@example.org',
  viewerB: 'viewer.b@example.org',
  editorB: 'editor.b@example.org',
} as const;
export type Person = keyof typeof PEOPLE;

export function presetPortal(id: string): PortalContent {
  const url = new URL(`../../cli/presets/demo/${id}.json`, import.meta.url);
  return parsePortalFile(JSON.parse(readFileSync(url, 'utf8')) as unknown);
}

/**
 * A store in memory with portals A and B and the console's portal published, the account
 * services on it, one user per role of the matrix (password `PASSWORD`) and the app.
 */
export async function consoleKit(options: Partial<AppOptions> = {}) {
  const store: Store = await openStore('sqlite::memory:');
  const migration = await store.migrate();
  if (migration.error) throw new Error(migration.error.message);
  for (const id of [A, B, CONSOLE]) await store.saveAndPublish(presetPortal(id));
  const accounts: AccountServices = createAccountServices(store, { secret: 'console test' });
  const grants: Record<Person, { role: string; portals?: string[] }> = {
    admin: { role: 'admin' },
    viewerA: { role: 'viewer', portals: [A] },
    editorA: { role: 'editor', portals: [A] },
    viewerB: { role: 'viewer', portals: [B] },
    editorB: { role: 'editor', portals: [B] },
  };
  const ids = {} as Record<Person, string>;
  for (const [person, grant] of Object.entries(grants) as [Person, (typeof grants)[Person]][]) {
    const { user } = await accounts.users.addUser(CLI_PRINCIPAL, {
      email: PEOPLE[person],
      displayName: person,
      ...grant,
      password: PASSWORD,
    });
    ids[person] = user.id;
  }
  const app = createApp({ store, accounts, secret: 'console test', ...options });
  return { store, accounts, app, ids, close: () => store.close() };
}

/**
 * A browser for `app.request`: keeps the cookies it is given, sends them back, and reads the
 * CSRF token of the last page it saw (as a form would carry it).
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header received, for checks on flags. */
  readonly setCookies: string[] = [];
  token: string | undefined;
  lastBody = '';

  constructor(readonly app: Hono) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader);
    const res = await this.app.request(path, { ...init, headers });
    for (const header of res.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if (res.headers.get('content-type')?.startsWith('text/html')) {
      this.lastBody = await res.clone().text();
      const token = /name="csrftoken" value="([^"]+)"/.exec(this.lastBody)?.[1];
      if (token) this.token = token;
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** Posts a form with the page's CSRF token (unless `csrf: false`); arrays repeat a name. */
  async post(
    path: string,
    fields: Record<string, string | readonly string[]> = {},
    { csrf = true }: { csrf?: boolean } = {},
  ): Promise<Response> {
    if (csrf && this.token === undefined) await this.get('/admin/login');
    // A name given several values is sent once per value, as a checkbox group is.
    const body = new URLSearchParams(
      Object.entries(fields).flatMap(([name, value]) =>
        (typeof value === 'string' ? [value] : value).map((v) => [name, v]),
      ),
    );
    if (csrf) body.set('csrftoken', this.token!);
    return this.request(path, { method: 'POST', body });
  }

  /** Signs in and, like a browser, follows the redirect (whose page carries the new token). */
  async signIn(email: string, password = PASSWORD): Promise<Response> {
    await this.get('/admin/login');
    const res = await this.post('/admin/login', { email, password });
    const location = res.headers.get('location');
    if (res.status === 303 && location) await this.get(location);
    return res;
  }
}
