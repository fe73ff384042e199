import { CLI_PRINCIPAL } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { PASSWORD, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

const UNKNOWN = /unknown field|champ inconnu/;
const FAILED = /Adresse électronique ou mot de passe incorrect|Wrong email address or password/;

describe('the sign-in forms (zod form shapes)', () => {
  it('refuse a field they do not have and a value far too long, naming each, and sign no one in', async () => {
    const { app, accounts, close } = await consoleKit();
    const browser = new TestBrowser(app);
    await browser.get('/admin/login');

    // The right password, but with a field the form does not have: no session.
    const extra = await browser.post('/admin/login', {
      email: PEOPLE.admin,
      password: PASSWORD,
      remember: 'forever',
    });
    expect(extra.status).toBe(400);
    const extraHtml = await extra.text();
    expect(extraHtml).toMatch(UNKNOWN);
    expect(extraHtml).not.toMatch(FAILED);
    expect((await browser.get('/admin/account')).status).toBe(303);

    const long = await browser.post('/admin/login', { email: 'e'.repeat(1001), password: 'x' });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('id="email-error"');

    // A wrong password is still the one generic failure, whoever it names.
    const wrong = await browser.post('/admin/login', { email: PEOPLE.admin, password: 'nope' });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toMatch(FAILED);

    const code = await browser.post('/admin/login/second-factor', {
      challenge: 'c',
      code: '1'.repeat(101),
    });
    expect(code.status).toBe(400);
    expect(await code.text()).toContain('id="code-error"');

    const link = await browser.post('/admin/set-password', {
      token: 'no-such-token',
      password: PASSWORD,
      confirm: PASSWORD,
      role: 'admin',
    });
    // An unknown link is still « not found », whatever else was sent.
    expect(link.status).toBe(404);
    const { token } = await accounts.users.resetPasswordLink(CLI_PRINCIPAL, PEOPLE.viewerA);
    const reset = await browser.post('/admin/set-password', {
      token,
      password: 'a new password, long enough',
      confirm: 'a new password, long enough',
      role: 'admin',
    });
    expect(reset.status).toBe(400);
    expect(await reset.text()).toMatch(UNKNOWN);
    // The link was not used: it still sets the password once the form is right.
    const set = await browser.post('/admin/set-password', {
      token,
      password: 'a new password, long enough',
      confirm: 'a new password, long enough',
    });
    expect(set.status).toBe(303);

    const good = await browser.post('/admin/login', { email: PEOPLE.admin, password: PASSWORD });
    expect(good.status).toBe(303);
    await close();
  });
});
