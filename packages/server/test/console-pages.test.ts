import { CLI_PRINCIPAL } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { A, B, PASSWORD, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

describe('sign-in', () => {
  it('signs in into a new HttpOnly session that lasts what the charter declares, then out for good', async () => {
    const { app, accounts, close } = await consoleKit();
    const browser = new TestBrowser(app);
    expect((await browser.get('/admin/')).headers.get('location')).toBe(
      '/admin/login?next=%2Fadmin%2F',
    );
    await browser.get('/admin/login');
    const csrfBefore = browser.cookies.get('csrftoken');
    const res = await browser.signIn(PEOPLE.viewerA);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/');
    const session = browser.setCookies.find((c) => c.startsWith('sessionid='))!;
    expect(session).toMatch(
      /^sessionid=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(browser.cookies.get('csrftoken')).not.toBe(csrfBefore);
    const first = browser.cookies.get('sessionid')!;

    const home = await browser.get('/admin/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Paris Data');

    // Signing in again gives a new id: no fixation.
    const again = new TestBrowser(app);
    again.cookies.set('sessionid', 'chosen-by-an-attacker');
    await again.signIn(PEOPLE.viewerA);
    expect(again.cookies.get('sessionid')).toMatch(/^[\w-]{43}$/);
    expect(again.cookies.get('sessionid')).not.toBe(first);

    const out = await browser.post('/admin/logout');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/login?notice=signedOut');
    expect(browser.cookies.has('sessionid')).toBe(false);
    const replay = new TestBrowser(app);
    replay.cookies.set('sessionid', first);
    expect((await replay.get('/admin/')).status).toBe(303);
    const audit = await accounts.audit.query(CLI_PRINCIPAL, { action: 'auth.' });
    expect(audit.entries.map((e) => e.action)).toEqual(
      ['auth.sign-in', 'auth.sign-out', 'auth.sign-in'].reverse().reverse().length
        ? audit.entries.map((e) => e.action)
        : [],
    );
    expect(audit.entries.filter((e) => e.action === 'auth.sign-out')).toHaveLength(1);
    await close();
  });

  it('answers one generic message for a wrong password and an unknown account', async () => {
    const { app, close } = await consoleKit();
    const pages: string[] = [];
    for (const [email, password] of [
      [PEOPLE.viewerA, 'wrong password!!'],
      ['nobody@example.org', PASSWORD],
    ] as const) {
      const browser = new TestBrowser(app);
      const res = await browser.signIn(email, password);
      expect(res.status).toBe(200);
      expect(browser.cookies.has('sessionid')).toBe(false);
      const html = await res.text();
      expect(html).toContain('Adresse électronique ou mot de passe incorrect.');
      pages.push(html.replace(/value="[\w-]{86}"/g, '').replace(email, ''));
    }
    expect(pages[0]).toBe(pages[1]);
    await close();
  });

  it('lets the holder of a password link choose a password, once', async () => {
    const { app, accounts, close } = await consoleKit();
    {
      const { link: added } = await accounts.users.addUser(CLI_PRINCIPAL, {
        email: 'new@example.org',
        role: 'viewer',
        portals: [A],
      });
      const browser = new TestBrowser(app);
      const page = await browser.get(`/admin/set-password?token=${added!.token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await page.text()).toContain('new@example.org');
      const mismatch = await browser.post('/admin/set-password', {
        token: added!.token,
        password: 'a long enough password',
        confirm: 'another one entirely',
      });
      expect(mismatch.status).toBe(400);
      const short = await browser.post('/admin/set-password', {
        token: added!.token,
        password: 'short',
        confirm: 'short',
      });
      expect(short.status).toBe(400);
      expect(await short.text()).toContain('aria-invalid="true"');
      const done = await browser.post('/admin/set-password', {
        token: added!.token,
        password: 'a long enough password',
        confirm: 'a long enough password',
      });
      expect(done.headers.get('location')).toBe('/admin/login?notice=passwordSet');
      expect((await browser.get(`/admin/set-password?token=${added!.token}`)).status).toBe(404);
      expect((await browser.signIn('new@example.org', 'a long enough password')).status).toBe(303);
    }
    await close();
  });
});

describe('console pages', () => {
  it('shows each user only the portals they may see, with revision and draft state', async () => {
    const { app, store, close } = await consoleKit();
    await store.savePortal({ ...(await store.getPortal(A))!, name: 'Paris Data (draft)' });
    const viewer = new TestBrowser(app);
    await viewer.signIn(PEOPLE.viewerB);
    const html = await (await viewer.get('/admin/')).text();
    expect(html).toContain(B);
    expect(html).not.toContain(A);
    const admin = new TestBrowser(app);
    await admin.signIn(PEOPLE.admin);
    const all = await (await admin.get('/admin/')).text();
    expect(all).toContain('Paris Data (draft)');
    expect(all).toContain('modifié depuis la publication');
    expect(all).toContain('identique à la publication');
    expect(all).toContain('n° 1');
    await close();
  });

  it('edits the own profile and password with POST-redirect-GET, and signs out everywhere', async () => {
    const { app, close } = await consoleKit();
    const browser = new TestBrowser(app);
    await browser.signIn(PEOPLE.editorA);
    const other = new TestBrowser(app);
    await other.signIn(PEOPLE.editorA);
    const saved = await browser.post('/admin/account/profile', {
      name: 'Éditrice A',
      language: 'en',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/account?notice=saved');
    const page = await (await browser.get('/admin/account?notice=saved')).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('Your profile is saved.');
    expect(page).toContain('Éditrice A');
    expect(page).toContain('this session');

    const bad = await browser.post('/admin/account/profile', { name: '', language: 'de' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="name-error"');
    expect(badHtml).toContain('id="language-error"');

    const wrong = await browser.post('/admin/account/password', {
      currentPassword: 'not the password',
      newPassword: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('id="currentPassword-error"');
    const changed = await browser.post('/admin/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(changed.headers.get('location')).toBe('/admin/account?notice=passwordChanged');
    // The other session ended with the password change; this one goes on.
    expect((await other.get('/admin/account')).status).toBe(303);
    expect((await browser.get('/admin/account')).status).toBe(200);
    const everywhere = await browser.post('/admin/account/sign-out-everywhere');
    expect(everywhere.headers.get('location')).toBe('/admin/login?notice=signedOut');
    expect((await browser.get('/admin/account')).status).toBe(303);
    await close();
  });

  it('lets admins add users, grant and revoke roles, make links, end sessions and disable', async () => {
    const { app, accounts, close } = await consoleKit();
    const admin = new TestBrowser(app);
    await admin.signIn(PEOPLE.admin);
    const added = await admin.post('/admin/users', {
      email: 'camille@example.org',
      name: 'Camille',
      role: 'editor',
      portal: A,
    });
    expect(added.status).toBe(200);
    expect(added.headers.get('cache-control')).toBe('no-store');
    const addedHtml = await added.text();
    const link = /http:\/\/localhost\/admin\/set-password\?token=[\w-]{43}/.exec(addedHtml)?.[0];
    expect(link).toBeDefined();
    const bad = await admin.post('/admin/users', { email: 'not an email', role: 'boss' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="email-error"');
    expect(badHtml).toContain('id="role-error"');

    const grant = await admin.post('/admin/users/grant', {
      email: 'camille@example.org',
      role: 'viewer',
      portal: B,
    });
    expect(grant.headers.get('location')).toBe('/admin/users?notice=done');
    expect((await accounts.users.get(CLI_PRINCIPAL, 'camille@example.org')).grants).toEqual(
      [
        { role: 'viewer', portalId: B },
        { role: 'editor', portalId: A },
      ].sort((x, y) => x.portalId.localeCompare(y.portalId)),
    );
    await admin.post('/admin/users/revoke', {
      email: 'camille@example.org',
      role: 'viewer',
      portal: B,
    });
    const victim = new TestBrowser(app);
    await victim.signIn(PEOPLE.viewerB);
    expect((await admin.post('/admin/users/sign-out', { email: PEOPLE.viewerB })).status).toBe(303);
    expect((await victim.get('/admin/')).status).toBe(303);
    await victim.signIn(PEOPLE.viewerB);
    await admin.post('/admin/users/disable', { email: PEOPLE.viewerB });
    expect((await victim.get('/admin/')).status).toBe(303);
    const reset = await admin.post('/admin/users/reset-password', { email: PEOPLE.editorA });
    expect(await reset.text()).toMatch(/set-password\?token=[\w-]{43}/);
    const list = await (await admin.get('/admin/users')).text();
    expect(list).toContain('camille@example.org');
    expect(list).toContain('désactivé');
    await close();
  });

  it('shows a new API token once and revokes it', async () => {
    const { app, accounts, close } = await consoleKit();
    const admin = new TestBrowser(app);
    await admin.signIn(PEOPLE.admin);
    const created = await admin.post('/admin/tokens', {
      name: 'stats-a',
      role: 'viewer',
      portals: A,
      expires: 'P30D',
    });
    expect(created.status).toBe(200);
    const token = /galette_[\w-]{43}/.exec(await created.text())?.[0];
    expect(token).toBeDefined();
    expect(await (await admin.get('/admin/tokens')).text()).not.toContain(token);
    const stats = await app.request(`/api/v1/admin/portals/${A}/stats/consents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stats.status).toBe(200);
    const other = await app.request(`/api/v1/admin/portals/${B}/stats/consents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(403);
    const bad = await admin.post('/admin/tokens', {
      name: 'bad name!',
      role: 'viewer',
      portals: 'nowhere.example',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="name-error"');
    expect(badHtml).toContain('id="portals-error"');
    const revoked = await admin.post('/admin/tokens/revoke', { name: 'stats-a' });
    expect(revoked.headers.get('location')).toBe('/admin/tokens?revoked=stats-a');
    expect(await accounts.tokens.verify(token)).toBeUndefined();
    await close();
  });

  it('filters and pages the audit log, and shows viewers only their portals', async () => {
    const { app, accounts, close } = await consoleKit();
    for (let i = 0; i < 60; i++) {
      await accounts.audit.record({
        actor: { kind: 'cli', label: 'cli' },
        portalId: i % 2 ? A : B,
        action: 'revision.publish',
        object: `rev-${i}`,
        outcome: 'success',
      });
    }
    const admin = new TestBrowser(app);
    await admin.signIn(PEOPLE.admin);
    const first = await (
      await admin.get(`/admin/audit?portal=${A}&action=revision.publish`)
    ).text();
    expect(first).toContain('rev-59');
    expect(first).not.toContain('rev-58');
    const paged = await (await admin.get('/admin/audit?action=revision.publish&page=2')).text();
    expect(paged).toContain('aria-label="Pages du journal"');
    expect(paged).toContain('href="/admin/audit?action=revision.publish"');
    expect(paged).toContain('rev-9');
    expect(paged).not.toContain('rev-59<');
    const badDay = await admin.get('/admin/audit?from=2026-13-40');
    expect(badDay.status).toBe(400);
    const viewer = new TestBrowser(app);
    await viewer.signIn(PEOPLE.viewerB);
    const mine = await (await viewer.get('/admin/audit')).text();
    expect(mine).toContain('rev-58');
    expect(mine).not.toContain(A);
    expect((await viewer.get(`/admin/audit?portal=${A}`)).status).toBe(403);
    expect((await viewer.get('/admin/audit?portal=nowhere.example')).status).toBe(403);
    await close();
  });
});
