import { ConflictError, NotFoundError } from '@galette/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStore, SessionRecord, Store } from '../src/index.js';

/** An empty store; `reopen` (when the backend persists) closes it and opens the same data. */
export interface ContractAccountStore extends Store {
  reopen?: () => Promise<Store>;
}

const HOUR = 3600_000;

function session(userId: string, n: number, at = new Date('2026-01-01T10:00:00Z')): SessionRecord {
  return {
    idHash: `${String(n).padStart(2, '0')}${'a'.repeat(62)}`,
    userId,
    createdAt: new Date(at.getTime() + n * 1000).toISOString(),
    lastSeenAt: at.toISOString(),
    idleExpiresAt: new Date(at.getTime() + 2 * HOUR).toISOString(),
    absoluteExpiresAt: new Date(at.getTime() + 12 * HOUR).toISOString(),
    clientPseudonym: 'pseudo',
    userAgent: 'Mozilla/5.0',
  };
}

/**
 * The behaviour every `AccountStore` owes its callers. `makeStore` returns a new, empty,
 * unmigrated store each time; tests in one file run one after the other.
 */
export function accountStoreContract(
  name: string,
  makeStore: () => Promise<ContractAccountStore>,
): void {
  describe(`AccountStore contract: ${name}`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    async function migrated(): Promise<ContractAccountStore> {
      const store = await makeStore();
      opened.push(store);
      expect((await store.migrate()).error).toBeUndefined();
      return store;
    }

    async function accounts(): Promise<AccountStore> {
      return (await migrated()).accounts;
    }

    it('creates users with a case-insensitive unique email and keeps secrets apart', async () => {
      const a = await accounts();
      expect(await a.countUsers()).toBe(0);
      const at = new Date('2026-01-01T09:00:00Z');
      const alice = await a.createUser({
        email: ' Alice@Example.org ',
        displayName: 'Alice Martin',
        language: 'fr',
        passwordHash: '$argon2id$fake',
        at,
      });
      expect(alice).toEqual({
        id: expect.any(String),
        email: 'Alice@Example.org',
        displayName: 'Alice Martin',
        language: 'fr',
        active: true,
        createdAt: at.toISOString(),
        hasPassword: true,
        passwordChangedAt: at.toISOString(),
        totpEnabled: false,
        grants: [],
      });
      expect(JSON.stringify(alice)).not.toContain('argon2');
      await expect(
        a.createUser({ email: 'ALICE@example.ORG', displayName: 'Other', language: 'en' }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await a.findUserByEmail('alice@EXAMPLE.org')).toEqual(alice);
      expect(await a.getUser(alice.id)).toEqual(alice);
      expect(await a.userSecrets(alice.id)).toEqual({ passwordHash: '$argon2id$fake' });
      expect(await a.getUser('nobody')).toBeUndefined();
      expect(await a.findUserByEmail('bob@example.org')).toBeUndefined();
      expect(await a.userSecrets('nobody')).toBeUndefined();

      const bob = await a.createUser({
        email: 'bob@example.org',
        displayName: 'Bob',
        language: 'en',
      });
      expect(bob.hasPassword).toBe(false);
      expect(await a.userSecrets(bob.id)).toEqual({});
      expect((await a.listUsers()).map((u) => u.email)).toEqual([
        'Alice@Example.org',
        'bob@example.org',
      ]);
      expect(await a.countUsers()).toBe(2);
    });

    it('updates a user field by field and refuses unknown ones', async () => {
      const a = await accounts();
      const user = await a.createUser({ email: 'c@example.org', displayName: 'C', language: 'fr' });
      const at = new Date('2026-02-01T08:00:00Z');
      const updated = await a.updateUser(user.id, {
        displayName: 'Camille',
        language: 'en',
        passwordHash: '$argon2id$new',
        lastSignInAt: at,
        totpSecret: 'JBSWY3DPEHPK3PXP',
        totpEnabledAt: at,
        at,
      });
      expect(updated).toMatchObject({
        displayName: 'Camille',
        language: 'en',
        hasPassword: true,
        passwordChangedAt: at.toISOString(),
        lastSignInAt: at.toISOString(),
        totpEnabled: true,
        active: true,
      });
      expect(await a.userSecrets(user.id)).toEqual({
        passwordHash: '$argon2id$new',
        totpSecret: 'JBSWY3DPEHPK3PXP',
      });
      const disabled = await a.updateUser(user.id, {
        active: false,
        totpSecret: null,
        totpEnabledAt: null,
      });
      expect(disabled).toMatchObject({ active: false, totpEnabled: false, displayName: 'Camille' });
      expect(await a.updateUser(user.id, {})).toEqual(disabled);
      await expect(a.updateUser('nobody', { displayName: 'x' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('lets each TOTP time step be claimed once, and never an earlier one', async () => {
      const a = await accounts();
      const user = await a.createUser({
        email: 'totp@example.org',
        displayName: 'T',
        language: 'fr',
      });
      expect(await a.claimTotpStep(user.id, 59_000_000)).toBe(true);
      expect(await a.claimTotpStep(user.id, 59_000_000)).toBe(false);
      expect(await a.claimTotpStep(user.id, 58_999_999)).toBe(false);
      expect(await a.claimTotpStep(user.id, 59_000_001)).toBe(true);
      expect(await a.claimTotpStep('nobody', 59_000_002)).toBe(false);
    });

    it('finds users by their single sign-on identity, one account per identity', async () => {
      const a = await accounts();
      const oidc = { issuer: 'https://idp.example', subject: 'sub-1' };
      const user = await a.createUser({
        email: 'd@example.org',
        displayName: 'D',
        language: 'fr',
        oidc,
      });
      expect(user.oidc).toEqual(oidc);
      expect((await a.findUserByOidc(oidc.issuer, oidc.subject))?.id).toBe(user.id);
      expect(await a.findUserByOidc(oidc.issuer, 'sub-2')).toBeUndefined();
      const other = await a.createUser({
        email: 'e@example.org',
        displayName: 'E',
        language: 'fr',
      });
      await expect(a.updateUser(other.id, { oidc })).rejects.toBeInstanceOf(ConflictError);
      await expect(
        a.createUser({ email: 'f@example.org', displayName: 'F', language: 'fr', oidc }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('grants one role per portal, admin globally, and revokes them', async () => {
      const a = await accounts();
      const user = await a.createUser({ email: 'g@example.org', displayName: 'G', language: 'fr' });
      await a.grant(user.id, { role: 'viewer', portalId: 'b.example' }, { by: 'cli' });
      await a.grant(user.id, { role: 'viewer', portalId: 'a.example' });
      await a.grant(user.id, { role: 'editor', portalId: 'a.example' });
      await a.grant(user.id, { role: 'admin' });
      await a.grant(user.id, { role: 'admin' });
      expect((await a.getUser(user.id))?.grants).toEqual([
        { role: 'admin' },
        { role: 'editor', portalId: 'a.example' },
        { role: 'viewer', portalId: 'b.example' },
      ]);
      expect((await a.listUsers())[0]?.grants).toHaveLength(3);
      expect(await a.revoke(user.id, 'a.example', 'viewer')).toBe(false);
      expect(await a.revoke(user.id, 'a.example', 'editor')).toBe(true);
      expect(await a.revoke(user.id, 'a.example')).toBe(false);
      expect(await a.revoke(user.id, undefined)).toBe(true);
      expect((await a.getUser(user.id))?.grants).toEqual([
        { role: 'viewer', portalId: 'b.example' },
      ]);
      await expect(a.grant('nobody', { role: 'admin' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps sessions by hash: touch, list, end one, end all but one, purge expired', async () => {
      const a = await accounts();
      const user = await a.createUser({ email: 'h@example.org', displayName: 'H', language: 'fr' });
      const other = await a.createUser({
        email: 'i@example.org',
        displayName: 'I',
        language: 'fr',
      });
      const [s1, s2, s3] = [session(user.id, 1), session(user.id, 2), session(user.id, 3)];
      for (const s of [s1!, s2!, s3!, session(other.id, 4)]) await a.createSession(s);
      expect(await a.getSession(s1!.idHash)).toEqual(s1);
      expect(await a.getSession('0'.repeat(64))).toBeUndefined();
      const seen = new Date('2026-01-01T11:00:00Z');
      await a.touchSession(s1!.idHash, seen, new Date(seen.getTime() + 2 * HOUR));
      expect(await a.getSession(s1!.idHash)).toMatchObject({
        lastSeenAt: seen.toISOString(),
        idleExpiresAt: '2026-01-01T13:00:00.000Z',
        absoluteExpiresAt: s1!.absoluteExpiresAt,
      });
      expect((await a.listUserSessions(user.id)).map((s) => s.idHash)).toEqual(
        [s3, s2, s1].map((s) => s!.idHash),
      );
      expect(await a.deleteSession(s2!.idHash)).toBe(true);
      expect(await a.deleteSession(s2!.idHash)).toBe(false);
      expect(await a.deleteUserSessions(user.id, { except: s1!.idHash })).toBe(1);
      expect((await a.listUserSessions(user.id)).map((s) => s.idHash)).toEqual([s1!.idHash]);
      expect(await a.deleteUserSessions(user.id)).toBe(1);
      expect(await a.listUserSessions(other.id)).toHaveLength(1);
      // Idle expiry of session 4 is 12:00, absolute 22:00.
      expect(await a.deleteExpiredSessions(new Date('2026-01-01T11:59:59Z'))).toBe(0);
      expect(await a.deleteExpiredSessions(new Date('2026-01-01T12:00:00Z'))).toBe(1);
    });

    it('consumes a password link once, never after expiry; a new link voids the old', async () => {
      const a = await accounts();
      const user = await a.createUser({ email: 'j@example.org', displayName: 'J', language: 'fr' });
      const link = {
        tokenHash: 'l1'.padEnd(64, '0'),
        userId: user.id,
        purpose: 'set-password' as const,
        createdAt: '2026-01-01T10:00:00.000Z',
        expiresAt: '2026-01-02T10:00:00.000Z',
        createdBy: 'cli',
      };
      await a.createPasswordLink(link);
      expect(await a.findPasswordLink(link.tokenHash)).toEqual(link);
      expect(
        await a.consumePasswordLink(link.tokenHash, new Date('2026-01-02T10:00:00Z')),
      ).toBeUndefined();
      const used = await a.consumePasswordLink(link.tokenHash, new Date('2026-01-02T09:00:00Z'));
      expect(used).toEqual({ ...link, usedAt: '2026-01-02T09:00:00.000Z' });
      expect(
        await a.consumePasswordLink(link.tokenHash, new Date('2026-01-02T09:00:01Z')),
      ).toBeUndefined();

      const first = {
        ...link,
        tokenHash: 'l2'.padEnd(64, '0'),
        purpose: 'reset-password' as const,
      };
      const second = { ...first, tokenHash: 'l3'.padEnd(64, '0') };
      await a.createPasswordLink(first);
      await a.createPasswordLink(second);
      expect(await a.findPasswordLink(first.tokenHash)).toBeUndefined();
      // The used link stays as a record; only unused ones are voided.
      expect(await a.findPasswordLink(link.tokenHash)).toMatchObject({
        usedAt: expect.any(String),
      });
      const racing = await Promise.all(
        Array.from({ length: 5 }, () =>
          a.consumePasswordLink(second.tokenHash, new Date('2026-01-01T12:00:00Z')),
        ),
      );
      expect(racing.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('keeps every first-administrator link (one per node start), voiding no user’s link', async () => {
      const a = await accounts();
      const base = {
        purpose: 'first-admin' as const,
        createdAt: '2026-01-01T10:00:00.000Z',
        expiresAt: '2026-01-02T10:00:00.000Z',
      };
      const user = await a.createUser({ email: 'k@example.org', displayName: 'K', language: 'fr' });
      const own = { ...base, purpose: 'set-password' as const, userId: user.id };
      await a.createPasswordLink({ ...own, tokenHash: 'u1'.padEnd(64, '0') });
      await a.createPasswordLink({ ...base, tokenHash: 'f1'.padEnd(64, '0') });
      await a.createPasswordLink({ ...base, tokenHash: 'f2'.padEnd(64, '0') });
      for (const hash of ['f1', 'f2']) {
        expect(await a.findPasswordLink(hash.padEnd(64, '0'))).toEqual({
          ...base,
          tokenHash: hash.padEnd(64, '0'),
        });
      }
      expect(await a.findPasswordLink('u1'.padEnd(64, '0'))).toMatchObject({ userId: user.id });

      // Using one uses them all, at once: two used together make one first administrator.
      await a.createPasswordLink({ ...base, tokenHash: 'f3'.padEnd(64, '0') });
      const at = new Date('2026-01-01T12:00:00Z');
      const racing = await Promise.all(
        ['f1', 'f2', 'f3'].map((h) => a.consumePasswordLink(h.padEnd(64, '0'), at)),
      );
      expect(racing.filter((r) => r !== undefined)).toHaveLength(1);
      for (const hash of ['f1', 'f2', 'f3']) {
        expect(await a.findPasswordLink(hash.padEnd(64, '0'))).toMatchObject({
          usedAt: at.toISOString(),
        });
      }
      // A user's own link is not a first-administrator one: it stays usable.
      expect(await a.findPasswordLink('u1'.padEnd(64, '0'))).not.toHaveProperty('usedAt');
    });

    it('stores API tokens by hash with unique names among those not revoked', async () => {
      const a = await accounts();
      const token = {
        id: 't1',
        name: 'ci',
        tokenHash: 'h1'.padEnd(64, '0'),
        role: 'editor' as const,
        portals: ['a.example', 'b.example'],
        createdAt: '2026-01-01T10:00:00.000Z',
        createdBy: 'cli',
        expiresAt: '2026-04-01T10:00:00.000Z',
      };
      const created = await a.createToken(token);
      const { tokenHash: _hash, ...record } = token;
      expect(created).toEqual(record);
      await expect(
        a.createToken({ ...token, id: 't2', tokenHash: 'h2'.padEnd(64, '0') }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await a.findTokenByHash(token.tokenHash)).toEqual(record);
      expect(await a.findTokenByHash('h9'.padEnd(64, '0'))).toBeUndefined();
      await a.touchToken('t1', new Date('2026-01-05T00:00:00Z'));
      expect((await a.findTokenByHash(token.tokenHash))?.lastUsedAt).toBe(
        '2026-01-05T00:00:00.000Z',
      );

      const revoked = await a.revokeToken('ci', new Date('2026-01-06T00:00:00Z'));
      expect(revoked?.revokedAt).toBe('2026-01-06T00:00:00.000Z');
      expect(await a.revokeToken('ci', new Date())).toBeUndefined();
      const again = await a.createToken({
        ...token,
        id: 't3',
        tokenHash: 'h3'.padEnd(64, '0'),
        role: 'admin',
        createdAt: '2026-01-07T00:00:00.000Z',
      });
      expect(again.portals).toEqual([]);
      expect((await a.listTokens()).map((t) => t.id)).toEqual(['t3']);
      expect((await a.listTokens({ includeRevoked: true })).map((t) => t.id)).toEqual(['t3', 't1']);
    });

    it('appends audit entries and pages them newest first with filters and visibility', async () => {
      const a = await accounts();
      const base = new Date('2026-03-01T00:00:00Z').getTime();
      const actors = [
        { kind: 'user' as const, id: 'u1', label: 'alice@example.org' },
        { kind: 'cli' as const, label: 'cli' },
        { kind: 'token' as const, id: 't1', label: 'ci' },
      ];
      for (let i = 0; i < 30; i += 1) {
        await a.appendAudit({
          at: new Date(base + Math.floor(i / 2) * 60_000),
          actor: actors[i % 3]!,
          portalId: i % 5 === 0 ? undefined : i % 2 === 0 ? 'a.example' : 'b.example',
          action: i % 4 === 0 ? 'auth.sign-in' : i % 4 === 1 ? 'auth.sign-out' : 'draft.edit',
          object: `object ${i}`,
          outcome: i % 7 === 0 ? 'failure' : 'success',
          ...(i === 3 ? { changes: { displayName: ['C', 'Camille'], n: 2 } } : {}),
          ...(i === 3 ? { clientPseudonym: 'pseudo' } : {}),
        });
      }
      const all = await a.queryAudit({ visiblePortals: 'all', limit: 1000 });
      expect(all.total).toBe(30);
      expect(all.entries.map((e) => e.object)).toEqual(
        Array.from({ length: 30 }, (_, i) => `object ${29 - i}`),
      );
      expect(all.entries.find((e) => e.object === 'object 3')).toEqual({
        id: expect.any(String),
        at: new Date(base + 60_000).toISOString(),
        actor: actors[0],
        clientPseudonym: 'pseudo',
        portalId: 'b.example',
        action: 'draft.edit',
        object: 'object 3',
        outcome: 'success',
        changes: { displayName: ['C', 'Camille'], n: 2 },
      });

      const page = await a.queryAudit({ visiblePortals: 'all', limit: 7, offset: 7 });
      expect(page.total).toBe(30);
      expect(page.entries.map((e) => e.object)).toEqual(
        all.entries.slice(7, 14).map((e) => e.object),
      );

      const oldest: string[] = [];
      let after: string | undefined;
      for (;;) {
        const next = await a.queryAudit({
          visiblePortals: 'all',
          order: 'oldest-first',
          limit: 8,
          ...(after === undefined ? {} : { after }),
        });
        expect(next.total).toBe(30);
        if (next.entries.length === 0) break;
        oldest.push(...next.entries.map((e) => e.object!));
        after = next.entries.at(-1)!.id;
      }
      expect(oldest).toEqual(Array.from({ length: 30 }, (_, i) => `object ${i}`));

      const seen = async (query: Parameters<AccountStore['queryAudit']>[0]) =>
        (await a.queryAudit({ limit: 1000, ...query })).entries
          .map((e) => Number(e.object!.slice(7)))
          .sort((x, y) => x - y);
      const range = (pred: (i: number) => boolean) =>
        Array.from({ length: 30 }, (_, i) => i).filter(pred);

      expect(await seen({ visiblePortals: ['a.example'] })).toEqual(
        range((i) => i % 5 !== 0 && i % 2 === 0),
      );
      expect(await seen({ visiblePortals: [] })).toEqual([]);
      expect(await seen({ visiblePortals: ['b.example'], portalId: 'a.example' })).toEqual([]);
      expect(await seen({ visiblePortals: 'all', actor: 'ALICE@example.org' })).toEqual(
        range((i) => i % 3 === 0),
      );
      expect(await seen({ visiblePortals: 'all', actor: 't1' })).toEqual(range((i) => i % 3 === 2));
      expect(await seen({ visiblePortals: 'all', action: 'auth.' })).toEqual(
        range((i) => i % 4 <= 1),
      );
      expect(await seen({ visiblePortals: 'all', action: 'auth' })).toEqual([]);
      expect(await seen({ visiblePortals: 'all', action: 'draft.edit' })).toEqual(
        range((i) => i % 4 >= 2),
      );
      expect(
        await seen({
          visiblePortals: 'all',
          from: new Date(base + 2 * 60_000).toISOString(),
          to: new Date(base + 3 * 60_000).toISOString(),
        }),
      ).toEqual([4, 5, 6, 7]);
    });

    it('counts failed sign-ins per key and forgets them after the window', async () => {
      const a = await accounts();
      const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 10, m));
      expect(await a.recordLoginFailure('k1', t(0), t(-15))).toEqual({
        key: 'k1',
        failures: 1,
        firstFailureAt: t(0).toISOString(),
        lastFailureAt: t(0).toISOString(),
      });
      expect((await a.recordLoginFailure('k1', t(1), t(-14))).failures).toBe(2);
      expect(await a.recordLoginFailure('k1', t(2), t(-13))).toMatchObject({
        failures: 3,
        firstFailureAt: t(0).toISOString(),
        lastFailureAt: t(2).toISOString(),
      });
      await a.recordLoginFailure('k2', t(2), t(-13));
      expect(
        (await a.loginThrottle(['k1', 'k2', 'k3'])).map((s) => [s.key, s.failures]).sort(),
      ).toEqual([
        ['k1', 3],
        ['k2', 1],
      ]);
      // Quiet for longer than the window: counting restarts.
      expect(await a.recordLoginFailure('k1', t(30), t(15))).toMatchObject({
        failures: 1,
        firstFailureAt: t(30).toISOString(),
      });
      await a.clearLoginThrottle('k1');
      expect(await a.loginThrottle(['k1'])).toEqual([]);
      expect(await a.loginThrottle([])).toEqual([]);
    });

    it('lets one of the attempts that read one throttle state claim it, atomically', async () => {
      const a = await accounts();
      const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 10, m));
      // Ten first attempts at once for a key never seen: one row, one failure.
      const firsts = await Promise.all(
        Array.from({ length: 10 }, () => a.claimLoginAttempt('k1', undefined, t(0), t(-60))),
      );
      expect(firsts.filter((c) => c !== undefined)).toEqual([
        {
          key: 'k1',
          failures: 1,
          firstFailureAt: t(0).toISOString(),
          lastFailureAt: t(0).toISOString(),
        },
      ]);
      // Ten attempts that all read that state: one counts, the others must read again.
      const [seen] = await a.loginThrottle(['k1']);
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => a.claimLoginAttempt('k1', seen, t(1), t(-59))),
      );
      expect(claims.filter((c) => c !== undefined)).toEqual([
        {
          key: 'k1',
          failures: 2,
          firstFailureAt: t(0).toISOString(),
          lastFailureAt: t(1).toISOString(),
        },
      ]);
      expect(await a.loginThrottle(['k1'])).toEqual([claims.find((c) => c !== undefined)]);
      // A state read before is no longer the state: nothing changes.
      expect(await a.claimLoginAttempt('k1', seen, t(2), t(-58))).toBeUndefined();
      expect((await a.loginThrottle(['k1']))[0]?.failures).toBe(2);
      // A sign-in that did not fail gives its attempt back.
      await a.releaseLoginAttempt('k1');
      const [released] = await a.loginThrottle(['k1']);
      expect(released?.failures).toBe(1);
      // Quiet for longer than the window: the count restarts.
      expect(await a.claimLoginAttempt('k1', released, t(90), t(30))).toEqual({
        key: 'k1',
        failures: 1,
        firstFailureAt: t(90).toISOString(),
        lastFailureAt: t(90).toISOString(),
      });
      await a.releaseLoginAttempt('k1');
      await a.releaseLoginAttempt('k1');
      await a.releaseLoginAttempt('nothing');
      expect(await a.loginThrottle(['k1', 'nothing'])).toEqual([
        expect.objectContaining({ key: 'k1', failures: 0 }),
      ]);
    });

    it('keeps users, sessions and tokens across a restart', async () => {
      const store = await migrated();
      if (store.reopen === undefined) return;
      const user = await store.accounts.createUser({
        email: 'k@example.org',
        displayName: 'K',
        language: 'fr',
      });
      await store.accounts.createSession(session(user.id, 1));
      const reopened = await store.reopen();
      opened.push(reopened);
      expect(await reopened.accounts.getSession(session(user.id, 1).idHash)).toEqual(
        session(user.id, 1),
      );
      expect((await reopened.accounts.getUser(user.id))?.email).toBe('k@example.org');
    });
  });
}
