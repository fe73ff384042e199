import { can, CLI_PRINCIPAL, ValidationError } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { addDuration, hashToken } from './token-service.js';
import { accountsKit } from './test-kit.js';

describe('TokenService', () => {
  it('creates a token shown once, kept only as a hash, that authenticates as its role', async () => {
    const { services, store, clock, close } = await accountsKit();
    const { token, record } = await services.tokens.create(CLI_PRINCIPAL, {
      name: 'stats-export',
      role: 'viewer',
      portals: ['opendata.paris.fr'],
      expires: 'P90D',
    });
    expect(token).toMatch(/^galette_[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({
      id: expect.any(String),
      name: 'stats-export',
      role: 'viewer',
      portals: ['opendata.paris.fr'],
      createdAt: clock.now().toISOString(),
      createdBy: 'cli',
      expiresAt: '2026-05-31T09:00:00.000Z',
    });
    expect(JSON.stringify(await store.accounts.listTokens())).not.toContain(token.slice(8));
    expect(await store.accounts.findTokenByHash(hashToken(token))).toBeDefined();

    clock.advance(5000);
    const principal = await services.tokens.verify(token);
    expect(principal).toEqual({
      kind: 'token',
      tokenId: record.id,
      name: 'stats-export',
      grants: [{ role: 'viewer', portalId: 'opendata.paris.fr' }],
    });
    expect(can(principal!, 'stats.read', 'opendata.paris.fr')).toBe(true);
    expect(can(principal!, 'stats.read', 'opendata.finistere.fr')).toBe(false);
    expect(can(principal!, 'draft.edit', 'opendata.paris.fr')).toBe(false);
    expect((await services.tokens.list(CLI_PRINCIPAL))[0]?.lastUsedAt).toBe(
      clock.now().toISOString(),
    );

    for (const bad of [undefined, '', token.slice(8), `${token}x`, `galette_${'A'.repeat(43)}`]) {
      expect(await services.tokens.verify(bad)).toBeUndefined();
    }
    const audit = await services.audit.query(CLI_PRINCIPAL, { action: 'token.create' });
    expect(audit.entries[0]?.changes).toEqual({
      role: 'viewer',
      portals: ['opendata.paris.fr'],
      expiresAt: '2026-05-31T09:00:00.000Z',
    });
    expect(JSON.stringify(audit)).not.toContain(token.slice(8));
    await close();
  });

  it('stops accepting a token once revoked or expired', async () => {
    const { services, clock, close } = await accountsKit();
    const short = await services.tokens.create(CLI_PRINCIPAL, {
      name: 'short',
      role: 'admin',
      expires: 'PT1H',
    });
    const revoked = await services.tokens.create(CLI_PRINCIPAL, { name: 'ci', role: 'admin' });
    expect((await services.tokens.verify(short.token))?.grants).toEqual([{ role: 'admin' }]);
    await services.tokens.revoke(CLI_PRINCIPAL, 'ci');
    expect(await services.tokens.verify(revoked.token)).toBeUndefined();
    await expect(services.tokens.revoke(CLI_PRINCIPAL, 'ci')).rejects.toMatchObject({
      code: 'not_found',
    });
    clock.advance(3_600_000);
    expect(await services.tokens.verify(short.token)).toBeUndefined();
    // A revoked token's name can be given again.
    await services.tokens.create(CLI_PRINCIPAL, { name: 'ci', role: 'admin' });
    await expect(
      services.tokens.create(CLI_PRINCIPAL, { name: 'ci', role: 'admin' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await services.tokens.list(CLI_PRINCIPAL)).map((t) => t.name)).toEqual(['ci', 'short']);
    await close();
  });

  it('names every bad field, and lets only administrators manage tokens', async () => {
    const { services, close } = await accountsKit();
    const error = await services.tokens
      .create(CLI_PRINCIPAL, {
        name: 'bad name!',
        role: 'editor',
        portals: ['nowhere.example'],
        expires: '90 days',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => `${e.path}: ${e.code}`)).toEqual([
      'name: not_a_token_name',
      'portal: unknown_portal',
      'expires: bad_duration',
    ]);
    const viewer = await services.tokens.create(CLI_PRINCIPAL, {
      name: 'viewer',
      role: 'viewer',
      portals: ['opendata.paris.fr'],
    });
    const asToken = (await services.tokens.verify(viewer.token))!;
    await expect(
      services.tokens.create(asToken, { name: 'mine', role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(services.tokens.list(asToken)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(services.tokens.revoke(asToken, 'viewer')).rejects.toMatchObject({
      code: 'forbidden',
    });
    const denied = await services.audit.query(CLI_PRINCIPAL, { actor: 'viewer' });
    expect(denied.entries.map((e) => [e.action, e.outcome, e.actor.kind])).toEqual([
      ['token.revoke', 'denied', 'token'],
      ['token.list', 'denied', 'token'],
      ['token.create', 'denied', 'token'],
    ]);
    await close();
  });

  it('adds ISO 8601 durations in calendar terms', () => {
    const at = new Date('2026-01-31T12:00:00Z');
    expect(addDuration(at, 'P90D')?.toISOString()).toBe('2026-05-01T12:00:00.000Z');
    expect(addDuration(at, 'P1Y')?.toISOString()).toBe('2027-01-31T12:00:00.000Z');
    expect(addDuration(at, 'PT36H')?.toISOString()).toBe('2026-02-02T00:00:00.000Z');
    expect(addDuration(at, 'session')).toBeUndefined();
    expect(addDuration(at, 'P')).toBeUndefined();
  });
});
