import { CLI_PRINCIPAL } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

const UNKNOWN = /unknown field|champ inconnu/;

describe('the account page forms (zod form shapes)', () => {
  it('refuse a field they do not have and a value too long, naming each, and change nothing', async () => {
    const { app, accounts, close } = await consoleKit();
    const editor = new TestBrowser(app);
    await editor.signIn(PEOPLE.editorA);
    const nameOf = async () =>
      (await accounts.users.get(CLI_PRINCIPAL, PEOPLE.editorA)).displayName;
    const before = await nameOf();

    const profile = await editor.post('/admin/account/profile', {
      name: 'N'.repeat(1001),
      language: 'en',
      role: 'admin',
    });
    expect(profile.status).toBe(400);
    const profileHtml = await profile.text();
    expect(profileHtml).toContain('id="name-error"');
    expect(profileHtml).toMatch(UNKNOWN);
    expect(await nameOf()).toBe(before);

    const password = await editor.post('/admin/account/password', {
      currentPassword: 'wrong',
      newPassword: 'p'.repeat(1001),
      confirm: 'p'.repeat(1001),
      email: 'someone.else@example.org',
    });
    expect(password.status).toBe(400);
    const passwordHtml = await password.text();
    expect(passwordHtml).toContain('id="newPassword-error"');
    expect(passwordHtml).toMatch(UNKNOWN);
    // Passwords are not written back into the page.
    expect(passwordHtml).not.toContain('p'.repeat(1001));

    const session = await editor.post('/admin/account/sessions/end', {
      session: 'x',
      user: PEOPLE.admin,
    });
    expect(session.status).toBe(400);
    expect(await session.text()).toMatch(UNKNOWN);

    const setup = await editor.post('/admin/account/second-factor', {
      secret: 'JBSWY3DPEHPK3PXP',
      code: '1'.repeat(101),
    });
    expect(setup.status).toBe(400);
    expect(await setup.text()).toContain('id="code-error"');

    // The same profile form without the extra field is taken.
    const good = await editor.post('/admin/account/profile', { name: 'Eddie', language: 'en' });
    expect(good.status).toBe(303);
    expect(await nameOf()).toBe('Eddie');
    await close();
  });
});
