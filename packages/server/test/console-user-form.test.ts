import { CLI_PRINCIPAL } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

describe('the users page forms (zod form shapes)', () => {
  it('refuse a field they do not have and a value too long, naming each, and change nothing', async () => {
    const { app, accounts, close } = await consoleKit();
    const admin = new TestBrowser(app);
    await admin.signIn(PEOPLE.admin);
    const bad = await admin.post('/admin/users', {
      email: 'camille@example.org',
      name: 'C'.repeat(1001),
      role: 'editor',
      portal: A,
      admin: 'yes',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="name-error"');
    expect(html).toMatch(/unknown field|champ inconnu/);
    // The email typed is kept for the next try.
    expect(html).toContain('value="camille@example.org"');
    const emails = async () => (await accounts.users.list(CLI_PRINCIPAL)).map((u) => u.email);
    expect(await emails()).not.toContain('camille@example.org');

    const grant = await admin.post('/admin/users/grant', {
      email: PEOPLE.viewerB,
      role: 'admin',
      scope: 'everything',
    });
    expect(grant.status).toBe(400);
    expect(await grant.text()).toMatch(/unknown field|champ inconnu/);
    const viewer = (await accounts.users.list(CLI_PRINCIPAL)).find(
      (u) => u.email === PEOPLE.viewerB,
    );
    expect(JSON.stringify(viewer)).not.toContain('"admin"');

    const disable = await admin.post('/admin/users/disable', { email: 'x'.repeat(1001) });
    expect(disable.status).toBe(400);
    expect(await disable.text()).toContain('id="email-error"');

    const good = await admin.post('/admin/users', {
      email: 'camille@example.org',
      role: 'editor',
      portal: A,
    });
    expect(good.status).toBe(200);
    expect(await emails()).toContain('camille@example.org');
    await close();
  });
});
