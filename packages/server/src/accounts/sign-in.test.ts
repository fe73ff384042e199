import { CLI_PRINCIPAL } from '@galette/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it, vi } from 'vitest';
import { PasswordHasher } from './password-hasher.js';
import { accountsKit } from './test-kit.js';

const PASSWORD = 'correct horse battery';

/** The real hasher, counting how many argon2 verifications each sign-in costs. */
class CountingHasher extends PasswordHasher {
  verifications = 0;
  override async verify(hash: string, password: string): Promise<boolean> {
    this.verifications += 1;
    return super.verify(hash, password);
  }
}

/** Wrong about every password, 50 ms per check (argon2's order): counts what it is asked. */
class SlowWrongHasher extends PasswordHasher {
  checks = 0;
  override async verify(): Promise<boolean> {
    this.checks += 1;
    await sleep(50);
    return false;
  }
  override async verifyNothing(): Promise<false> {
    this.checks += 1;
    await sleep(50);
    return false;
  }
}

async function kitWithUser() {
  const hasher = new CountingHasher();
  const kit = await accountsKit({ hasher });
  await kit.services.users.addUser(CLI_PRINCIPAL, {
    email: 'Agent@Example.org',
    role: 'viewer',
    portals: ['opendata.paris.fr'],
    password: PASSWORD,
  });
  return { ...kit, hasher };
}

describe('SignIn', () => {
  it('signs in with the right password, whatever the case of the email, into a new session', async () => {
    const { services, clock, close } = await kitWithUser();
    clock.advance(1000);
    const result = await services.signIn.signIn(' agent@EXAMPLE.org', PASSWORD, {
      clientAddress: '198.51.100.7',
      userAgent: 'Firefox',
    });
    expect(result.outcome).toBe('signed-in');
    if (result.outcome !== 'signed-in') return;
    expect(result.user.lastSignInAt).toBe(clock.now().toISOString());
    const valid = await services.sessions.validate(result.session.id);
    expect(valid?.principal.email).toBe('Agent@Example.org');
    const audit = await services.audit.query(CLI_PRINCIPAL, { action: 'auth.sign-in' });
    expect(audit.entries).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ kind: 'user', label: 'Agent@Example.org' }),
        outcome: 'success',
        clientPseudonym: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      }),
    ]);
    await close();
  });

  it('answers one generic failure for a wrong password, an unknown or a disabled account, each after one argon2 verification', async () => {
    const { services, hasher, close } = await kitWithUser();
    await services.users.addUser(CLI_PRINCIPAL, { email: 'gone@example.org', password: PASSWORD });
    await services.users.addUser(CLI_PRINCIPAL, { email: 'admin@example.org', role: 'admin' });
    await services.users.disable(CLI_PRINCIPAL, 'gone@example.org');
    await services.users.addUser(CLI_PRINCIPAL, { email: 'nopassword@example.org' });
    const attempts: [string, string][] = [
      ['agent@example.org', 'wrong password!!'],
      ['nobody@example.org', PASSWORD],
      ['gone@example.org', PASSWORD],
      ['nopassword@example.org', PASSWORD],
      ['agent@example.org', 'x'.repeat(10_000)],
    ];
    for (const [email, password] of attempts) {
      const before = hasher.verifications;
      expect(await services.signIn.signIn(email, password)).toEqual({ outcome: 'failed' });
      expect(hasher.verifications - before, email).toBe(1);
    }
    const audit = await services.audit.query(CLI_PRINCIPAL, { action: 'auth.sign-in' });
    expect(audit.entries.map((e) => [e.actor.label, e.outcome, e.changes?.reason])).toEqual(
      [
        ['Agent@Example.org', 'failure', 'bad-password'],
        ['nobody@example.org', 'failure', 'unknown-account'],
        ['gone@example.org', 'failure', 'disabled'],
        ['nopassword@example.org', 'failure', 'bad-password'],
        ['Agent@Example.org', 'failure', 'bad-password'],
      ].reverse(),
    );
    // Something typed in the email field that is no email (a password, say) is not logged.
    await services.signIn.signIn('hunter2 hunter2', PASSWORD);
    const last = await services.audit.query(CLI_PRINCIPAL, { action: 'auth.sign-in', limit: 1 });
    expect(last.entries[0]?.actor.label).toBe('(not an email)');
    await close();
  });

  it('slows an account down after 3 failures, doubling the wait, and forgets on success', async () => {
    const { services, clock, close } = await kitWithUser();
    const attempt = (password: string) =>
      services.signIn.signIn('agent@example.org', password, { clientAddress: '203.0.113.5' });
    for (let i = 0; i < 3; i += 1)
      expect((await attempt('wrong one, sorry')).outcome).toBe('failed');
    // The right password does not get through while the account waits, and does not count.
    expect(await attempt(PASSWORD)).toEqual({ outcome: 'throttled', retryAfterSeconds: 1 });
    clock.advance(1000);
    expect((await attempt('wrong one, sorry')).outcome).toBe('failed');
    expect(await attempt(PASSWORD)).toEqual({ outcome: 'throttled', retryAfterSeconds: 2 });
    clock.advance(2000);
    expect((await attempt('wrong one, sorry')).outcome).toBe('failed');
    expect(await attempt(PASSWORD)).toEqual({ outcome: 'throttled', retryAfterSeconds: 4 });
    // The same account from another address waits too: the count is per account.
    expect(
      (await services.signIn.signIn('agent@example.org', PASSWORD, { clientAddress: '192.0.2.99' }))
        .outcome,
    ).toBe('throttled');
    clock.advance(4000);
    expect((await attempt(PASSWORD)).outcome).toBe('signed-in');
    expect((await attempt('wrong one, sorry')).outcome).toBe('failed');
    expect((await attempt(PASSWORD)).outcome).toBe('signed-in');
    const throttled = await services.audit.query(CLI_PRINCIPAL, { action: 'auth.sign-in' });
    expect(throttled.entries.filter((e) => e.changes?.reason === 'throttled')).toHaveLength(4);
    await close();
  });

  it('lets no more than the free attempts check a password when they are sent at once', async () => {
    const hasher = new SlowWrongHasher();
    const { services, close } = await accountsKit({ hasher });
    await services.users.addUser(CLI_PRINCIPAL, { email: 'agent@example.org', password: PASSWORD });
    for (const email of ['agent@example.org', 'nobody@example.org']) {
      const before = hasher.checks;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          services.signIn.signIn(email, `wrong guess ${i}`, { clientAddress: `192.0.2.${i}` }),
        ),
      );
      // 3 free attempts; one more at most if it raced the third.
      expect(hasher.checks - before, email).toBeLessThanOrEqual(4);
      expect(results.filter((r) => r.outcome === 'failed').length).toBe(hasher.checks - before);
      expect(results.filter((r) => r.outcome === 'throttled').length).toBeGreaterThanOrEqual(16);
    }
    // Every attempt is audited, the throttled ones too.
    const audit = await services.audit.query(CLI_PRINCIPAL, { action: 'auth.sign-in', limit: 100 });
    expect(audit.entries).toHaveLength(40);
    expect(audit.entries.filter((e) => e.changes?.reason === 'throttled').length).toBe(
      40 - hasher.checks,
    );
    await close();
  });

  it('lets no more than the free wrong codes be checked when they are sent at once', async () => {
    const { services, clock, close } = await kitWithUser();
    const signedIn = await services.signIn.signIn('agent@example.org', PASSWORD);
    if (signedIn.outcome !== 'signed-in') throw new Error(signedIn.outcome);
    const principal = (await services.sessions.validate(signedIn.session.id))!.principal;
    const { secret } = services.secondFactor.propose('agent@example.org');
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({
      timestamp: clock.now().getTime(),
    });
    await services.secondFactor.enable(principal, secret, code);
    clock.advance(60_000);
    const password = await services.signIn.signIn('agent@example.org', PASSWORD);
    if (password.outcome !== 'second-factor') throw new Error(password.outcome);
    const check = services.secondFactor.check.bind(services.secondFactor);
    const checks = vi.spyOn(services.secondFactor, 'check').mockImplementation(async (...args) => {
      await sleep(50);
      return check(...args);
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        services.signIn.completeSecondFactor(password.challenge, '000000'),
      ),
    );
    expect(checks.mock.calls.length).toBeLessThanOrEqual(4);
    expect(results.filter((r) => r.outcome === 'throttled').length).toBeGreaterThanOrEqual(16);
    await close();
  });

  it('waits at most 15 minutes, and forgets failures after an hour without one', async () => {
    const { services, clock, close } = await kitWithUser();
    const attempt = (password: string) => services.signIn.signIn('agent@example.org', password);
    let retry = 0;
    for (let i = 0; i < 30; i += 1) {
      const result = await attempt('wrong one, sorry');
      if (result.outcome === 'throttled') {
        retry = result.retryAfterSeconds;
        clock.advance(retry * 1000);
      }
    }
    expect(retry).toBe(15 * 60);
    clock.advance(60 * 60_000);
    expect((await attempt(PASSWORD)).outcome).toBe('signed-in');
    await close();
  });

  it('slows an address down after 20 failures across accounts, not other addresses', async () => {
    const { services, close } = await kitWithUser();
    const from = (clientAddress: string, email: string, password = 'wrong one, sorry') =>
      services.signIn.signIn(email, password, { clientAddress });
    for (let i = 0; i < 20; i += 1) {
      expect((await from('203.0.113.9', `user${i}@example.org`)).outcome).toBe('failed');
    }
    expect((await from('203.0.113.9', 'agent@example.org', PASSWORD)).outcome).toBe('throttled');
    expect((await from('203.0.113.10', 'agent@example.org', PASSWORD)).outcome).toBe('signed-in');
    await close();
  });
});
