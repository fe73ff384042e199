import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI_PRINCIPAL, parseLifetime } from '@galette/core';
import { openStore, type Store } from '@galette/storage';
import Provider from 'oidc-provider';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountServices, type OidcSettings } from '../src/accounts/index.js';
import { createApp } from '../src/index.js';
import { A, CONSOLE, PASSWORD, presetPortal, TestBrowser } from './console-kit.js';

const GALETTE = 'http://galette.test';
const CALLBACK = `${GALETTE}/admin/login/oidc/callback`;
const CLIENT = { id: 'galette-console', secret: 'a client secret long enough for HS256 use' };

/** People the provider knows: login → claims. The domain is what Galette's rules look at. */
const PEOPLE: Record<string, Record<string, unknown>> = {
  camille: { email: 'camille@agglo.example.fr', given_name: 'Camille', usual_name: 'Martin' },
  dominique: { email: 'dominique@agglo.example.fr', given_name: 'Dominique', family_name: 'Roy' },
  eve: { email: 'eve@elsewhere.example', given_name: 'Eve' },
  unverified: { email: 'unverified@agglo.example.fr', email_verified: false },
  // Someone who typed the administrator's address at a provider that does not check it.
  pretender: { email: 'chef@agglo.example.fr', email_verified: undefined },
};

let provider: Server;
let issuer: string;

beforeAll(async () => {
  // A real OpenID Connect provider on 127.0.0.1 (node-oidc-provider, with its development
  // sign-in pages): any login is accepted and the claims come from PEOPLE.
  const oidc = new Provider('http://127.0.0.1', {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'usual_name'],
    },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, email_verified: true, ...PEOPLE[id] }),
    }),
    pkce: { required: () => true },
    jwks: {
      keys: [
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      ],
    },
    cookies: { keys: ['oidc provider test key'] },
  });
  provider = createServer(oidc.callback());
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  // The issuer must be the address it is reached at; known only once listening.
  (oidc as unknown as { issuer: string }).issuer = issuer;
});

afterAll(async () => {
  provider.closeAllConnections();
  await new Promise((resolve) => provider.close(resolve));
});

async function kit(settings: Partial<OidcSettings> = {}) {
  const store: Store = await openStore('sqlite::memory:');
  await store.migrate();
  for (const id of [A, CONSOLE]) await store.saveAndPublish(presetPortal(id));
  const oidc: OidcSettings = {
    issuer,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    allowedDomains: ['agglo.example.fr'],
    newUsers: { grants: [] },
    label: 'ProConnect',
    ...settings,
  };
  const accounts = createAccountServices(store, { secret: 'oidc test secret', oidc });
  const app = createApp({ store, accounts, publicUrl: GALETTE });
  return { store, accounts, app, close: () => store.close() };
}

/** The provider's side, as a browser would go through it: its cookies, its sign-in form. */
class ProviderBrowser {
  readonly #cookies = new Map<string, string>();

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  /** From the authorization URL to the redirect back to Galette, signing in as `login`. */
  async signIn(authorizationUrl: string, login: string): Promise<string> {
    let res = await this.go(authorizationUrl);
    for (let step = 0; step < 10; step += 1) {
      const location = res.headers.get('location');
      if (location?.startsWith(GALETTE)) return location;
      if (location) {
        res = await this.go(new URL(location, issuer).href);
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      expect(action, html).toBeDefined();
      const body = new URLSearchParams({ prompt: prompt!, login, password: 'any' });
      res = await this.go(new URL(action!, issuer).href, { method: 'POST', body });
    }
    throw new Error('the provider never sent the browser back');
  }
}

/** Clicks "Sign in with ProConnect", signs in at the provider, comes back to Galette. */
async function singleSignOn(browser: TestBrowser, login: string, next?: string) {
  await browser.get('/admin/login');
  expect(browser.lastBody).toContain('Se connecter avec ProConnect');
  const start = await browser.get(
    `/admin/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  );
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.origin).toBe(issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);
  const back = await new ProviderBrowser().signIn(authorization.href, login);
  return browser.get(back.slice(GALETTE.length));
}

describe('single sign-on (OpenID Connect, against a real provider)', () => {
  it('signs a person of an allowed domain in, making their account without any role', async () => {
    const { app, accounts, store, close } = await kit();
    const browser = new TestBrowser(app);
    const res = await singleSignOn(browser, 'camille', '/admin/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/account');
    expect(browser.cookies.has('sessionid')).toBe(true);
    // The flow cookie is gone once used.
    expect(browser.cookies.has('galette_oidc')).toBe(false);
    const user = await accounts.users.get(CLI_PRINCIPAL, 'camille@agglo.example.fr');
    expect(user).toMatchObject({
      displayName: 'Camille Martin',
      grants: [],
      oidc: { issuer, subject: 'camille' },
      hasPassword: false,
    });
    expect((await browser.get('/admin/account')).status).toBe(200);
    const audit = await store.accounts.queryAudit({ visiblePortals: 'all', limit: 20 });
    expect(audit.entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining(['user.add:success', 'auth.sign-in:success']),
    );
    await close();
  });

  it('sets its flow cookie as the console’s charter declares it', async () => {
    const { app, store, close } = await kit();
    const browser = new TestBrowser(app);
    await browser.get('/admin/login/oidc');
    const header = browser.setCookies.find((h) => h.startsWith('galette_oidc='))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//);
    const declared = (await store.latestRevision(CONSOLE))!.content.declarations.find(
      (d) => d.name === 'galette_oidc',
    )!;
    const lifetime = parseLifetime(declared.lifetime!)!;
    expect(lifetime).toMatchObject({ kind: 'duration' });
    expect(Number(/Max-Age=(\d+)/i.exec(header)![1])).toBe(600);
    await close();
  });

  it('links an existing account by its verified email, keeping its roles', async () => {
    const { app, accounts, close } = await kit({ newUsers: 'refuse' });
    await accounts.users.addUser(CLI_PRINCIPAL, {
      email: 'Dominique@agglo.example.fr',
      role: 'editor',
      portals: [A],
      password: PASSWORD,
    });
    const browser = new TestBrowser(app);
    expect((await singleSignOn(browser, 'dominique')).status).toBe(303);
    const user = await accounts.users.get(CLI_PRINCIPAL, 'dominique@agglo.example.fr');
    expect(user.oidc).toEqual({ issuer, subject: 'dominique' });
    expect(user.grants).toEqual([{ role: 'editor', portalId: A }]);
    await close();
  });

  it('refuses other domains, unverified emails, unknown people when accounts are not made, and disabled accounts', async () => {
    const { app, accounts, store, close } = await kit({ newUsers: 'refuse' });
    const refused = async (login: string, text: string) => {
      const browser = new TestBrowser(app);
      const res = await singleSignOn(browser, login);
      expect(res.status, login).toBe(403);
      expect(browser.lastBody, login).toContain(text);
      expect(browser.cookies.has('sessionid'), login).toBe(false);
    };
    await refused('eve', 'Les adresses de ce domaine ne peuvent pas se connecter');
    await refused('unverified', 'pas transmis d’adresse électronique vérifiée');
    await refused('camille', 'Aucun compte ne correspond à votre adresse');
    await accounts.users.addUser(CLI_PRINCIPAL, { email: 'camille@agglo.example.fr' });
    await accounts.users.disable(CLI_PRINCIPAL, 'camille@agglo.example.fr');
    await refused('camille', 'Ce compte est désactivé.');
    const audit = await store.accounts.queryAudit({
      visiblePortals: 'all',
      action: 'auth.sign-in',
      limit: 20,
    });
    expect(audit.entries.map((e) => (e.changes as { reason?: string }).reason).sort()).toEqual([
      'disabled',
      'domain-not-allowed',
      'no-account',
      'no-email',
    ]);
    await close();
  });

  it('links no account to an email sent without email_verified, unless told to trust it', async () => {
    for (const trustEmail of [false, true]) {
      const { app, accounts, store, close } = await kit({ newUsers: 'refuse', trustEmail });
      await accounts.users.addUser(CLI_PRINCIPAL, {
        email: 'chef@agglo.example.fr',
        role: 'admin',
        password: PASSWORD,
      });
      const browser = new TestBrowser(app);
      const res = await singleSignOn(browser, 'pretender');
      const admin = await accounts.users.get(CLI_PRINCIPAL, 'chef@agglo.example.fr');
      const audit = await store.accounts.queryAudit({
        visiblePortals: 'all',
        action: 'auth.sign-in',
        limit: 20,
      });
      if (trustEmail) {
        expect(res.status).toBe(303);
        expect(browser.cookies.has('sessionid')).toBe(true);
        expect(admin.oidc).toEqual({ issuer, subject: 'pretender' });
        expect(audit.entries.map((e) => e.outcome)).toEqual(['success']);
      } else {
        expect(res.status).toBe(403);
        expect(browser.lastBody).toContain('pas transmis d’adresse électronique vérifiée');
        expect(browser.cookies.has('sessionid')).toBe(false);
        expect(admin.oidc).toBeUndefined();
        expect(audit.entries.map((e) => [e.outcome, e.changes?.reason])).toEqual([
          ['failure', 'no-email'],
        ]);
      }
      // An email the provider says it did not verify stays refused, trusted or not.
      expect((await singleSignOn(new TestBrowser(app), 'unverified')).status).toBe(403);
      await close();
    }
  });

  it('refuses an answer without its flow cookie (started elsewhere) or with a forged one', async () => {
    const { app, close } = await kit();
    const browser = new TestBrowser(app);
    await browser.get('/admin/login');
    const start = await browser.get('/admin/login/oidc');
    const back = await new ProviderBrowser().signIn(start.headers.get('location')!, 'camille');
    const stranger = new TestBrowser(app);
    const res = await stranger.get(back.slice(GALETTE.length));
    expect(res.status).toBe(403);
    expect(stranger.lastBody).toContain('a commencé dans un autre navigateur');
    const forged = await app.request(back.slice(GALETTE.length), {
      headers: {
        cookie: `galette_oidc=${browser.cookies.get('galette_oidc')!.replace(/.$/, 'x')}`,
      },
    });
    expect(forged.status).toBe(403);
    expect(browser.cookies.has('sessionid')).toBe(false);
    await close();
  });

  it('asks the second factor of a user who has one, after the provider', async () => {
    const { app, accounts, store, close } = await kit();
    await accounts.users.addUser(CLI_PRINCIPAL, { email: 'camille@agglo.example.fr' });
    const user = await accounts.users.get(CLI_PRINCIPAL, 'camille@agglo.example.fr');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await store.accounts.updateUser(user.id, { totpSecret: secret, totpEnabledAt: new Date() });
    const browser = new TestBrowser(app);
    const res = await singleSignOn(browser, 'camille');
    expect(res.status).toBe(200);
    expect(browser.cookies.has('sessionid')).toBe(false);
    const challenge = /name="challenge" value="([^"]+)"/.exec(browser.lastBody)![1]!;
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const done = await browser.post('/admin/login/second-factor', { challenge, code });
    expect(done.status).toBe(303);
    expect(browser.cookies.has('sessionid')).toBe(true);
    await close();
  });

  it('is absent when no provider is configured, and says so when the provider is down', async () => {
    const store = await openStore('sqlite::memory:');
    await store.migrate();
    const plain = createApp({ store });
    expect((await plain.request('/admin/login/oidc')).status).toBe(404);
    expect(await (await plain.request('/admin/login')).text()).not.toContain('Se connecter avec');
    await store.close();

    const { app, close } = await kit({ issuer: 'http://127.0.0.1:9' });
    const down = await app.request('/admin/login/oidc');
    expect(down.status).toBe(503);
    expect(await down.text()).toContain('Le fournisseur d’identité ne répond pas');
    await close();
  });
});
