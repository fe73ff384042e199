import { CLI_PRINCIPAL, type PortalFile } from '@galette/core';
import { openStore, type Store } from '@galette/storage';
import { describe, expect, it } from 'vitest';
import { createAccountServices } from '../src/accounts/index.js';
import { createApp } from '../src/index.js';
import { CONSOLE, PASSWORD, presetPortal, TestBrowser } from './console-kit.js';

const MINUTE = 60_000;

describe('console sessions last what the console’s published charter declares', () => {
  it('follows a publication of galette.localhost that shortens sessionid to one hour, without a restart', async () => {
    const store: Store = await openStore('sqlite::memory:');
    await store.migrate();
    await store.saveAndPublish(presetPortal(CONSOLE));
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const accounts = createAccountServices(store, { secret: 'lifetime', now: () => new Date(now) });
    await accounts.users.addUser(CLI_PRINCIPAL, {
      email: 'chef@example.org',
      role: 'admin',
      password: PASSWORD,
    });
    const app = createApp({ store, accounts, secret: 'lifetime' });
    const sessionMaxAge = (browser: TestBrowser) =>
      Number(
        /Max-Age=(\d+)/i.exec(browser.setCookies.find((h) => h.startsWith('sessionid='))!)![1],
      );

    // Signed in under the preset's charter first, so a policy read at start is in use.
    const before = new TestBrowser(app);
    expect((await before.signIn('chef@example.org')).status).toBe(303);
    expect(sessionMaxAge(before)).toBe(12 * 3600);

    const { token } = await accounts.tokens.create(CLI_PRINCIPAL, { name: 'ci', role: 'admin' });
    const api = (path: string, method = 'GET', json?: unknown) =>
      app.request(`/api/v1/admin/portals/${CONSOLE}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    const file = (await (await api('/draft')).json()) as PortalFile;
    const declarations = file.declarations.map((d) =>
      d.name === 'sessionid' ? { ...d, lifetime: 'PT1H' } : d,
    );
    expect((await api('/draft', 'PUT', { ...file, declarations })).status).toBe(200);
    const gate = (await (await api('/publish')).json()) as {
      warnings: string[];
      draftVersion: number;
    };
    const published = await api('/publish', 'POST', {
      acknowledge: gate.warnings,
      expectedVersion: gate.draftVersion,
    });
    expect(published.status).toBe(201);

    const browser = new TestBrowser(app);
    expect((await browser.signIn('chef@example.org')).status).toBe(303);
    expect(sessionMaxAge(browser)).toBe(3600);
    const [session] = (
      await store.accounts.listUserSessions(
        (await accounts.users.get(CLI_PRINCIPAL, 'chef@example.org')).id,
      )
    ).filter((s) => Date.parse(s.absoluteExpiresAt) - Date.parse(s.createdAt) === 60 * MINUTE);
    expect(session).toBeDefined();
    // Used half an hour in, still valid at 59 minutes; refused at 61, however recently used.
    now += 30 * MINUTE;
    expect((await browser.get('/admin/')).status).toBe(200);
    now += 29 * MINUTE;
    expect((await browser.get('/admin/')).status).toBe(200);
    now += 2 * MINUTE;
    const after = await browser.get('/admin/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/admin\/login/);
    // The session begun under the old charter keeps the lifetime it was given.
    expect((await before.get('/admin/')).status).toBe(200);
    await store.close();
  });
});
