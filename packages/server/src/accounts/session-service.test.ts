import { describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL } from '@galette/core';
import {
  DEFAULT_SESSION_POLICY,
  hashSessionId,
  sessionPolicyFromDeclarations,
} from './session-service.js';
import { sessionPolicyOf } from './account-services.js';
import { accountsKit, presetPortal } from './test-kit.js';

const HOUR = 3_600_000;

async function withUser() {
  const kit = await accountsKit();
  const { user } = await kit.services.users.addUser(CLI_PRINCIPAL, {
    email: 'agent@example.org',
    role: 'editor',
    portals: ['opendata.paris.fr'],
    password: 'correct horse battery',
  });
  return { ...kit, user };
}

describe('SessionService', () => {
  it('takes its absolute lifetime from the sessionid the console charter declares (12 h)', async () => {
    expect(sessionPolicyFromDeclarations(presetPortal('galette.localhost').declarations)).toEqual({
      idleMs: 2 * HOUR,
      absoluteMs: 12 * HOUR,
    });
    const kit = await accountsKit();
    expect(await sessionPolicyOf(kit.store)).toEqual({ idleMs: 2 * HOUR, absoluteMs: 12 * HOUR });
    await kit.close();
    expect(sessionPolicyFromDeclarations([])).toEqual(DEFAULT_SESSION_POLICY);
    const short = presetPortal('galette.localhost').declarations.map((d) =>
      d.name === 'sessionid' ? { ...d, lifetime: 'PT1H' } : d,
    );
    expect(sessionPolicyFromDeclarations(short)).toEqual({ idleMs: HOUR, absoluteMs: HOUR });
  });

  it('reads the charter again a minute later when no publication was signalled', async () => {
    const { services, store, clock, user, close } = await withUser();
    const lifetime = async () => {
      const started = await services.sessions.start(user.id);
      return started.expiresAt.getTime() - Date.parse(started.session.createdAt);
    };
    expect(await lifetime()).toBe(12 * HOUR);
    const charter = presetPortal('galette.localhost');
    // Published by another process (the CLI on the same file): nothing tells this one.
    await store.saveAndPublish({
      ...charter,
      declarations: charter.declarations.map((d) =>
        d.name === 'sessionid' ? { ...d, lifetime: 'PT1H' } : d,
      ),
    });
    clock.advance(30_000);
    expect(await lifetime()).toBe(12 * HOUR);
    clock.advance(30_000);
    expect(await lifetime()).toBe(HOUR);
    await close();
  });

  it('gives every session a new 256-bit id and stores only its SHA-256', async () => {
    const { services, store, user, close } = await withUser();
    const a = await services.sessions.start(user.id, {
      clientAddress: '192.0.2.1',
      userAgent: 'UA',
    });
    const b = await services.sessions.start(user.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    const stored = await store.accounts.listUserSessions(user.id);
    expect(stored.map((s) => s.idHash).sort()).toEqual(
      [hashSessionId(a.id), hashSessionId(b.id)].sort(),
    );
    expect(JSON.stringify(stored)).not.toContain(a.id);
    expect(JSON.stringify(stored)).not.toContain('192.0.2.1');
    expect(a.session.clientPseudonym).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.expiresAt.getTime() - Date.parse(a.session.createdAt)).toBe(12 * HOUR);
    await close();
  });

  it('validates a session into its user, with their roles', async () => {
    const { services, user, close } = await withUser();
    const { id, session } = await services.sessions.start(user.id);
    expect(await services.sessions.validate(id)).toEqual({
      principal: {
        kind: 'user',
        userId: user.id,
        email: 'agent@example.org',
        displayName: 'agent',
        language: 'fr',
        grants: [{ role: 'editor', portalId: 'opendata.paris.fr' }],
        secondFactor: false,
        sessionRef: session.idHash,
      },
      session,
    });
    expect(await services.sessions.validate(undefined)).toBeUndefined();
    expect(await services.sessions.validate('')).toBeUndefined();
    expect(await services.sessions.validate(`${id}x`)).toBeUndefined();
    await close();
  });

  it('ends a session left idle for 2 hours, and keeps one in use until 12 hours', async () => {
    const { services, clock, user, store, close } = await withUser();
    const idle = await services.sessions.start(user.id);
    const busy = await services.sessions.start(user.id);
    for (let step = 1; step <= 14; step += 1) {
      clock.advance(50 * 60_000);
      expect(await services.sessions.validate(busy.id), `${step * 50} min`).toBeDefined();
    }
    expect(await services.sessions.validate(idle.id)).toBeUndefined();
    // The idle session was deleted when seen expired.
    expect(await store.accounts.getSession(hashSessionId(idle.id))).toBeUndefined();
    // 11 h 40 so far; a minute past 12 h the busy one ends too.
    clock.advance(21 * 60_000);
    expect(await services.sessions.validate(busy.id)).toBeUndefined();
    await close();
  });

  it('refuses a replayed id after sign-out, and every session of a disabled user', async () => {
    const { services, user, close } = await withUser();
    const { id } = await services.sessions.start(user.id);
    const other = await services.sessions.start(user.id);
    expect(await services.sessions.end(id)).toBe(true);
    expect(await services.sessions.validate(id)).toBeUndefined();
    expect(await services.sessions.end(id)).toBe(false);
    const entries = await services.audit.query(CLI_PRINCIPAL, { action: 'auth.sign-out' });
    expect(entries.entries.map((e) => e.actor.label)).toEqual(['agent@example.org']);

    // Disabling ends sessions; a session row restored behind the service's back stays refused.
    await services.users.addUser(CLI_PRINCIPAL, { email: 'admin@example.org', role: 'admin' });
    await services.users.disable(CLI_PRINCIPAL, 'agent@example.org');
    expect(await services.sessions.validate(other.id)).toBeUndefined();
    await close();
  });

  it('signs a user out everywhere, keeping the current session when asked', async () => {
    const { services, user, close } = await withUser();
    const sessions = await Promise.all([1, 2, 3].map(() => services.sessions.start(user.id)));
    const current = (await services.sessions.validate(sessions[0]!.id))!.principal;
    expect(await services.sessions.endAll(current, user.id, { keepCurrent: true })).toBe(2);
    expect(await services.sessions.validate(sessions[0]!.id)).toBeDefined();
    expect(await services.sessions.validate(sessions[1]!.id)).toBeUndefined();
    expect(await services.sessions.list(current, user.id)).toHaveLength(1);
    expect(await services.sessions.endAll(CLI_PRINCIPAL, user.id)).toBe(1);
    expect(await services.sessions.validate(sessions[0]!.id)).toBeUndefined();
    await close();
  });

  it('lets only admins end or list the sessions of someone else', async () => {
    const { services, user, close } = await withUser();
    const { user: other } = await services.users.addUser(CLI_PRINCIPAL, {
      email: 'other@example.org',
      password: 'another long secret',
    });
    const own = await services.sessions.start(user.id);
    const theirs = await services.sessions.start(other.id);
    const me = (await services.sessions.validate(own.id))!.principal;
    await expect(services.sessions.endAll(me, other.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(services.sessions.list(me, other.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      services.sessions.endOne(me, other.id, theirs.session.idHash),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Naming someone else's session under one's own id ends nothing.
    expect(await services.sessions.endOne(me, user.id, theirs.session.idHash)).toBe(false);
    expect(await services.sessions.validate(theirs.id)).toBeDefined();
    expect(await services.sessions.endOne(CLI_PRINCIPAL, other.id, theirs.session.idHash)).toBe(
      true,
    );
    expect(await services.sessions.validate(theirs.id)).toBeUndefined();
    await close();
  });
});
