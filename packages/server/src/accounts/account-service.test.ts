import { CLI_PRINCIPAL, ValidationError } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { accountsKit } from './test-kit.js';

const PASSWORD = 'correct horse battery';

function fields(error: unknown): string[] {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).errors.map((e) => `${e.path}: ${e.code}`);
}

describe('AccountService', () => {
  it('adds a user with a role on a portal and a single-use link to set their password', async () => {
    const { services, clock, close } = await accountsKit();
    const { user, link } = await services.users.addUser(CLI_PRINCIPAL, {
      email: 'Camille.Martin@Example.org',
      displayName: 'Camille Martin',
      language: 'en',
      role: 'editor',
      portals: ['opendata.paris.fr', 'opendata.finistere.fr'],
    });
    expect(user).toMatchObject({
      email: 'Camille.Martin@Example.org',
      displayName: 'Camille Martin',
      language: 'en',
      active: true,
      hasPassword: false,
      grants: [
        { role: 'editor', portalId: 'opendata.finistere.fr' },
        { role: 'editor', portalId: 'opendata.paris.fr' },
      ],
    });
    expect(link?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link?.expiresAt.getTime()).toBe(clock.now().getTime() + 24 * 3_600_000);
    expect(await services.links.inspectLink(link!.token)).toEqual({
      purpose: 'set-password',
      email: 'Camille.Martin@Example.org',
      expiresAt: link!.expiresAt.toISOString(),
    });
    // A password too short names the field and leaves the link usable.
    await expect(services.links.useLink(link!.token, { password: 'short' })).rejects.toSatisfy(
      (e) => fields(e).join() === 'password: password_too_short',
    );
    const set = await services.links.useLink(link!.token, { password: PASSWORD });
    expect(set.hasPassword).toBe(true);
    expect(await services.links.inspectLink(link!.token)).toBeUndefined();
    await expect(services.links.useLink(link!.token, { password: PASSWORD })).rejects.toMatchObject(
      { code: 'not_found' },
    );
    expect((await services.signIn.signIn('camille.martin@example.org', PASSWORD)).outcome).toBe(
      'signed-in',
    );
    const audit = await services.audit.query(CLI_PRINCIPAL, {});
    expect(audit.entries.map((e) => [e.action, e.actor.label, e.object])).toEqual([
      ['auth.sign-in', 'Camille.Martin@Example.org', undefined],
      ['user.set-password', 'Camille.Martin@Example.org', 'Camille.Martin@Example.org'],
      ['user.add', 'cli', 'Camille.Martin@Example.org'],
    ]);
    expect(audit.entries[2]?.changes).toEqual({
      displayName: 'Camille Martin',
      language: 'en',
      grants: ['editor@opendata.paris.fr', 'editor@opendata.finistere.fr'],
      link: true,
    });
    expect(JSON.stringify(audit)).not.toContain(link!.token);
    await close();
  });

  it('names every bad field and stores nothing', async () => {
    const { services, store, close } = await accountsKit();
    const bad = await services.users
      .addUser(CLI_PRINCIPAL, {
        email: 'not an email',
        displayName: 'line\nbreak',
        language: 'de',
        role: 'editor',
        portals: ['opendata.paris.fr', 'nowhere.example'],
        password: 'short',
      })
      .catch((e: unknown) => e);
    expect(fields(bad)).toEqual([
      'email: not_an_email',
      'name: control_characters',
      'language: not_one_of',
      'portal[1]: unknown_portal',
      'password: password_too_short',
    ]);
    expect(
      fields(
        await services.users
          .addUser(CLI_PRINCIPAL, { email: 'a@example.org', role: 'viewer' })
          .catch((e: unknown) => e),
      ),
    ).toEqual(['portal: role_needs_portal']);
    expect(
      fields(
        await services.users
          .addUser(CLI_PRINCIPAL, {
            email: 'a@example.org',
            role: 'admin',
            portals: ['opendata.paris.fr'],
          })
          .catch((e: unknown) => e),
      ),
    ).toEqual(['portal: admin_takes_no_portal']);
    expect(
      fields(
        await services.users
          .addUser(CLI_PRINCIPAL, { email: 'a@example.org', role: 'owner' })
          .catch((e: unknown) => e),
      ),
    ).toEqual(['role: not_one_of']);
    expect(await store.accounts.countUsers()).toBe(0);
    await services.users.addUser(CLI_PRINCIPAL, { email: 'a@example.org' });
    await expect(
      services.users.addUser(CLI_PRINCIPAL, { email: 'A@EXAMPLE.ORG' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await close();
  });

  it('lets only administrators manage users, auditing each refusal', async () => {
    const { services, close } = await accountsKit();
    await services.users.addUser(CLI_PRINCIPAL, {
      email: 'editor@example.org',
      role: 'editor',
      portals: ['opendata.paris.fr'],
      password: PASSWORD,
    });
    const signedIn = await services.signIn.signIn('editor@example.org', PASSWORD);
    if (signedIn.outcome !== 'signed-in') throw new Error('sign-in failed');
    const editor = (await services.sessions.validate(signedIn.session.id))!.principal;
    const refusals = [
      services.users.addUser(editor, { email: 'x@example.org', role: 'admin' }),
      services.users.list(editor),
      services.users.grant(editor, 'editor@example.org', 'admin', []),
      services.users.revoke(editor, 'editor@example.org', {
        role: 'editor',
        portals: ['opendata.paris.fr'],
      }),
      services.users.disable(editor, 'editor@example.org'),
      services.users.resetPasswordLink(editor, 'editor@example.org'),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toMatchObject({ code: 'forbidden' });
    const denied = await services.audit.query(CLI_PRINCIPAL, { actor: 'editor@example.org' });
    expect(
      denied.entries
        .filter((e) => e.outcome === 'denied')
        .map((e) => e.action)
        .sort(),
    ).toEqual([
      'user.add',
      'user.disable',
      'user.grant',
      'user.list',
      'user.reset-password',
      'user.revoke',
    ]);
    expect((await services.users.get(CLI_PRINCIPAL, 'editor@example.org')).grants).toEqual([
      { role: 'editor', portalId: 'opendata.paris.fr' },
    ]);
    await close();
  });

  it('grants and revokes roles, never leaving the platform without an active admin', async () => {
    const { services, close } = await accountsKit();
    await services.users.addUser(CLI_PRINCIPAL, { email: 'boss@example.org', role: 'admin' });
    await services.users.addUser(CLI_PRINCIPAL, { email: 'ann@example.org' });
    const ann = await services.users.grant(CLI_PRINCIPAL, 'ann@example.org', 'viewer', [
      'opendata.paris.fr',
      'opendata.finistere.fr',
    ]);
    expect(ann.grants).toHaveLength(2);
    const upgraded = await services.users.grant(CLI_PRINCIPAL, 'ann@example.org', 'editor', [
      'opendata.paris.fr',
    ]);
    expect(upgraded.grants).toEqual([
      { role: 'viewer', portalId: 'opendata.finistere.fr' },
      { role: 'editor', portalId: 'opendata.paris.fr' },
    ]);
    const revoked = await services.users.revoke(CLI_PRINCIPAL, 'ann@example.org', {
      portals: ['opendata.finistere.fr'],
    });
    expect(revoked.grants).toEqual([{ role: 'editor', portalId: 'opendata.paris.fr' }]);
    await expect(
      services.users.revoke(CLI_PRINCIPAL, 'ann@example.org', {
        role: 'viewer',
        portals: ['opendata.paris.fr'],
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      services.users.grant(CLI_PRINCIPAL, 'nobody@example.org', 'admin', []),
    ).rejects.toMatchObject({ code: 'not_found' });

    await expect(
      services.users.revoke(CLI_PRINCIPAL, 'boss@example.org', { role: 'admin' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(services.users.disable(CLI_PRINCIPAL, 'boss@example.org')).rejects.toMatchObject({
      code: 'conflict',
    });
    await services.users.grant(CLI_PRINCIPAL, 'ann@example.org', 'admin', []);
    expect(
      (await services.users.revoke(CLI_PRINCIPAL, 'boss@example.org', { role: 'admin' })).grants,
    ).toEqual([]);
    await close();
  });

  it('disables an account: its sessions end at once and it cannot sign in', async () => {
    const { services, close } = await accountsKit();
    await services.users.addUser(CLI_PRINCIPAL, { email: 'dee@example.org', password: PASSWORD });
    const signedIn = await services.signIn.signIn('dee@example.org', PASSWORD);
    if (signedIn.outcome !== 'signed-in') throw new Error('sign-in failed');
    const disabled = await services.users.disable(CLI_PRINCIPAL, 'dee@example.org');
    expect(disabled.active).toBe(false);
    expect(await services.sessions.list(CLI_PRINCIPAL, disabled.id)).toEqual([]);
    expect(await services.sessions.validate(signedIn.session.id)).toBeUndefined();
    const [disabling] = (await services.audit.query(CLI_PRINCIPAL, { action: 'user.disable' }))
      .entries;
    expect(disabling?.changes).toEqual({ active: [true, false], sessionsEnded: 1 });
    expect((await services.signIn.signIn('dee@example.org', PASSWORD)).outcome).toBe('failed');
    await services.users.enable(CLI_PRINCIPAL, 'dee@example.org');
    expect((await services.signIn.signIn('dee@example.org', PASSWORD)).outcome).toBe('signed-in');
    await close();
  });

  it('resets a password by link: the older link dies, using it ends every session', async () => {
    const { services, clock, close } = await accountsKit();
    await services.users.addUser(CLI_PRINCIPAL, { email: 'eve@example.org', password: PASSWORD });
    const signedIn = await services.signIn.signIn('eve@example.org', PASSWORD);
    if (signedIn.outcome !== 'signed-in') throw new Error('sign-in failed');
    const first = await services.users.resetPasswordLink(CLI_PRINCIPAL, 'eve@example.org');
    const second = await services.users.resetPasswordLink(CLI_PRINCIPAL, 'eve@example.org');
    expect(await services.links.inspectLink(first.token)).toBeUndefined();
    expect((await services.links.inspectLink(second.token))?.purpose).toBe('reset-password');
    clock.advance(24 * 3_600_000);
    expect(await services.links.inspectLink(second.token)).toBeUndefined();
    const third = await services.users.resetPasswordLink(CLI_PRINCIPAL, 'eve@example.org');
    await services.links.useLink(third.token, { password: 'a brand new passphrase' });
    expect(await services.sessions.validate(signedIn.session.id)).toBeUndefined();
    expect((await services.signIn.signIn('eve@example.org', PASSWORD)).outcome).toBe('failed');
    expect(
      (await services.signIn.signIn('eve@example.org', 'a brand new passphrase')).outcome,
    ).toBe('signed-in');
    await close();
  });

  it('issues a first-administrator link only while no user exists; it creates an admin', async () => {
    const { services, close } = await accountsKit();
    // Two nodes starting on one database each print a link: both work until an account exists.
    const other = await services.links.firstAdminLink();
    const link = await services.links.firstAdminLink();
    expect(link).toBeDefined();
    expect(await services.links.inspectLink(other!.token)).toMatchObject({
      purpose: 'first-admin',
    });
    expect(await services.links.inspectLink(link!.token)).toEqual({
      purpose: 'first-admin',
      expiresAt: link!.expiresAt.toISOString(),
    });
    await expect(services.links.useLink(link!.token, { password: PASSWORD })).rejects.toSatisfy(
      (e) => fields(e).join() === 'email: required',
    );
    const admin = await services.links.useLink(link!.token, {
      email: 'root@example.org',
      displayName: 'Root',
      language: 'en',
      password: PASSWORD,
    });
    expect(admin).toMatchObject({
      email: 'root@example.org',
      language: 'en',
      grants: [{ role: 'admin' }],
    });
    expect(await services.links.firstAdminLink()).toBeUndefined();
    // The other node's link is void now: there is a first administrator.
    expect(await services.links.inspectLink(other!.token)).toBeUndefined();
    await expect(
      services.links.useLink(other!.token, { email: 'eve@example.org', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await close();
  });

  it('lets a signed-in user change their own password, name and language', async () => {
    const { services, close } = await accountsKit();
    await services.users.addUser(CLI_PRINCIPAL, { email: 'fay@example.org', password: PASSWORD });
    const sign = async (password: string) => {
      const result = await services.signIn.signIn('fay@example.org', password);
      if (result.outcome !== 'signed-in') throw new Error(result.outcome);
      return result.session.id;
    };
    const [here, elsewhere] = [await sign(PASSWORD), await sign(PASSWORD)];
    const me = (await services.sessions.validate(here))!.principal;
    await expect(services.own.changeOwnPassword(me, 'not my password', 'x')).rejects.toSatisfy(
      (e) => fields(e).join() === 'currentPassword: wrong_password,newPassword: password_too_short',
    );
    await services.own.changeOwnPassword(me, PASSWORD, 'my new long passphrase');
    expect(await services.sessions.validate(here)).toBeDefined();
    expect(await services.sessions.validate(elsewhere)).toBeUndefined();
    expect(await sign('my new long passphrase')).toBeTruthy();

    const updated = await services.own.updateOwnProfile(me, { displayName: 'Fay', language: 'en' });
    expect(updated).toMatchObject({ displayName: 'Fay', language: 'en' });
    await expect(services.own.updateOwnProfile(me, { language: 'xx' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      services.own.updateOwnProfile(CLI_PRINCIPAL, { displayName: 'x' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const audit = await services.audit.query(CLI_PRINCIPAL, { action: 'account.' });
    expect(audit.entries.map((e) => [e.action, e.outcome])).toEqual([
      ['account.profile', 'denied'],
      ['account.profile', 'success'],
      ['account.password', 'success'],
      ['account.password', 'failure'],
    ]);
    expect(audit.entries[1]?.changes).toEqual({
      displayName: ['fay', 'Fay'],
      language: ['fr', 'en'],
    });
    // The other session ended with the password change, and the log says so.
    expect(audit.entries[2]?.changes).toEqual({ sessionsEnded: 1 });
    await close();
  });
});
