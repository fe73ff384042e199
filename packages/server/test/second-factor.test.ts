import { CLI_PRINCIPAL } from '@galette/core';
import { openStore } from '@galette/storage';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createAccountServices } from '../src/accounts/index.js';
import { createApp, type AppOptions } from '../src/index.js';
import { A, CONSOLE, PASSWORD, presetPortal, TestBrowser } from './console-kit.js';

const EDITOR = 'editor@example.org';
const ADMIN = 'admin@example.org';

/** A console whose clock the test moves, so that codes of distinct 30-second steps can be typed. */
async function kit(options: Partial<AppOptions> = {}) {
  const store = await openStore('sqlite::memory:');
  await store.migrate();
  for (const id of [A, CONSOLE]) await store.saveAndPublish(presetPortal(id));
  let clock = Date.now();
  const now = () => new Date(clock);
  const accounts = createAccountServices(store, { secret: 'second factor test', now });
  for (const [email, grant] of [
    [EDITOR, { role: 'editor', portals: [A] }],
    [ADMIN, { role: 'admin' }],
  ] as const) {
    await accounts.users.addUser(CLI_PRINCIPAL, {
      email,
      displayName: email,
      ...grant,
      password: PASSWORD,
    });
  }
  const app = createApp({ store, accounts, secret: 'second factor test', ...options });
  return {
    store,
    accounts,
    app,
    advance: (ms: number) => (clock += ms),
    codeOf: (secret: string) =>
      new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock }),
    close: () => store.close(),
  };
}

/** Turns the second factor on through the account pages; returns the secret the page showed. */
async function enable(browser: TestBrowser, codeOf: (secret: string) => string): Promise<string> {
  const page = await browser.get('/admin/account/second-factor');
  expect(page.status).toBe(200);
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  const secret = /name="secret" value="([A-Z2-7]{32})"/.exec(browser.lastBody)![1]!;
  expect(browser.lastBody).toContain(`otpauth://totp/`);
  const res = await browser.post('/admin/account/second-factor', { secret, code: codeOf(secret) });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/admin/account?notice=secondFactorOn');
  return secret;
}

describe('second factor (TOTP)', () => {
  it('is set up with a code from the app, then asked after the password at each sign-in', async () => {
    const { app, store, advance, codeOf, close } = await kit();
    const browser = new TestBrowser(app);
    await browser.signIn(EDITOR);

    // A wrong code leaves it off and says which field is wrong.
    await browser.get('/admin/account/second-factor');
    const offered = /name="secret" value="([A-Z2-7]{32})"/.exec(browser.lastBody)![1]!;
    const wrong = await browser.post('/admin/account/second-factor', {
      secret: offered,
      code: '000000' === codeOf(offered) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(browser.lastBody).toContain('code incorrect, expiré ou déjà utilisé');
    // The same key is offered again, so the account the user already added in the app works.
    expect(browser.lastBody).toContain(`value="${offered}"`);

    const secret = await enable(browser, codeOf);
    await browser.get('/admin/account?notice=secondFactorOn');
    expect(browser.lastBody).toContain('La double authentification est activée.');

    const other = new TestBrowser(app);
    await other.get('/admin/login');
    const password = await other.post('/admin/login', { email: EDITOR, password: PASSWORD });
    // The password alone opens no session.
    expect(password.status).toBe(200);
    expect(other.cookies.has('sessionid')).toBe(false);
    const challenge = /name="challenge" value="([^"]+)"/.exec(other.lastBody)![1]!;
    expect(other.lastBody).toContain('autocomplete="one-time-code"');

    // The code used to set it up is spent: the same step's code is refused.
    const replay = await other.post('/admin/login/second-factor', {
      challenge,
      code: codeOf(secret),
    });
    expect(replay.status).toBe(400);
    expect(other.cookies.has('sessionid')).toBe(false);

    advance(30_000);
    const ok = await other.post('/admin/login/second-factor', { challenge, code: codeOf(secret) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin/');
    expect(other.cookies.has('sessionid')).toBe(true);
    expect((await other.get('/admin/')).status).toBe(200);

    const audit = await store.accounts.queryAudit({ visiblePortals: 'all', limit: 50 });
    const actions = audit.entries.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toContain('account.second-factor.enable:failure');
    expect(actions).toContain('account.second-factor.enable:success');
    expect(
      audit.entries.filter((e) => e.action === 'auth.sign-in' && e.outcome === 'failure').length,
    ).toBeGreaterThanOrEqual(1);
    // Neither the secret nor a code ever reaches the log.
    expect(JSON.stringify(audit.entries)).not.toContain(secret);
    await close();
  });

  it('sends an expired or forged challenge back to the password, and slows wrong codes down', async () => {
    const { app, advance, codeOf, close } = await kit();
    const browser = new TestBrowser(app);
    await browser.signIn(EDITOR);
    const secret = await enable(browser, codeOf);
    advance(30_000);

    const other = new TestBrowser(app);
    await other.get('/admin/login');
    await other.post('/admin/login', { email: EDITOR, password: PASSWORD });
    const challenge = /name="challenge" value="([^"]+)"/.exec(other.lastBody)![1]!;

    const forged = await other.post('/admin/login/second-factor', {
      challenge: challenge.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')),
      code: codeOf(secret),
    });
    expect(forged.status).toBe(400);
    expect(other.lastBody).toContain('Saisissez de nouveau votre adresse électronique');

    let last: Response | undefined;
    for (let i = 0; i < 4; i += 1) {
      last = await other.post('/admin/login/second-factor', { challenge, code: 'abcdef' });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right code waits out the delay.
    const early = await other.post('/admin/login/second-factor', {
      challenge,
      code: codeOf(secret),
    });
    expect(early.status).toBe(429);

    advance(6 * 60_000);
    const expired = await other.post('/admin/login/second-factor', {
      challenge,
      code: codeOf(secret),
    });
    expect(expired.status).toBe(400);
    expect(other.lastBody).toContain('Saisissez de nouveau votre adresse électronique');
    expect(other.cookies.has('sessionid')).toBe(false);
    await close();
  });

  it('is turned off with a current code, and removed by an administrator', async () => {
    const { app, accounts, advance, codeOf, close } = await kit();
    const browser = new TestBrowser(app);
    await browser.signIn(EDITOR);
    const secret = await enable(browser, codeOf);
    await browser.get('/admin/account');

    const refused = await browser.post('/admin/account/second-factor/disable', { code: '12' });
    expect(refused.status).toBe(400);
    advance(30_000);
    const off = await browser.post('/admin/account/second-factor/disable', {
      code: codeOf(secret),
    });
    expect(off.headers.get('location')).toBe('/admin/account?notice=secondFactorOff');
    expect((await accounts.users.get(CLI_PRINCIPAL, EDITOR)).totpEnabled).toBe(false);

    advance(30_000);
    await enable(browser, codeOf);
    const admin = new TestBrowser(app);
    await admin.signIn(ADMIN);
    await admin.get('/admin/users');
    expect(admin.lastBody).toContain(`Retirer la double authentification de ${EDITOR}`);
    const reset = await admin.post('/admin/users/second-factor/reset', { email: EDITOR });
    expect(reset.status).toBe(303);
    expect((await accounts.users.get(CLI_PRINCIPAL, EDITOR)).totpEnabled).toBe(false);
    // The editor may not do it to anyone.
    const denied = await browser.post('/admin/users/second-factor/reset', { email: ADMIN });
    expect(denied.status).toBe(403);
    await close();
  });

  it('when required for administrators, leads them to set it up before anything else', async () => {
    const { app, codeOf, close } = await kit({ requireSecondFactor: 'admins' });
    const admin = new TestBrowser(app);
    const signedIn = await admin.signIn(ADMIN);
    expect(signedIn.status).toBe(303);
    const home = await admin.get('/admin/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/admin/account/second-factor?required');
    expect((await admin.get('/admin/users')).status).toBe(303);
    const api = await admin.get('/api/v1/admin/portals/opendata.paris.fr/stats/consents');
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: 'forbidden' } });

    await admin.get('/admin/account/second-factor?required');
    expect(admin.lastBody).toContain('exige une double authentification');
    await enable(admin, codeOf);
    expect((await admin.get('/admin/users')).status).toBe(200);

    // Editors are not concerned by the admins' rule.
    const editor = new TestBrowser(app);
    await editor.signIn(EDITOR);
    expect((await editor.get('/admin/')).status).toBe(200);
    await close();
  });

  it('ends one other session from the account page, not the current one', async () => {
    const { app, close } = await kit();
    const phone = new TestBrowser(app);
    await phone.signIn(EDITOR);
    const desk = new TestBrowser(app);
    await desk.signIn(EDITOR);
    await desk.get('/admin/account');
    const refs = [...desk.lastBody.matchAll(/name="session" value="([0-9a-f]+)"/g)].map(
      (m) => m[1],
    );
    // Only the other session has a button.
    expect(refs).toHaveLength(1);
    const ended = await desk.post('/admin/account/sessions/end', { session: refs[0]! });
    expect(ended.headers.get('location')).toBe('/admin/account?notice=sessionEnded');
    expect((await phone.get('/admin/')).status).toBe(303);
    expect((await desk.get('/admin/')).status).toBe(200);
    await close();
  });
});
