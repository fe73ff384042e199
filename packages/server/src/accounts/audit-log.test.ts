import { CLI_PRINCIPAL, type Principal } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { MAX_AUDIT_CHANGES_LENGTH, sanitizeChanges } from './audit-log.js';
import { accountsKit } from './test-kit.js';

const viewerOf = (portalId: string): Principal => ({
  kind: 'user',
  userId: 'u',
  email: 'v@example.org',
  displayName: 'V',
  language: 'fr',
  grants: [{ role: 'viewer', portalId }],
});

describe('AuditLog', () => {
  it('never keeps a password, token, hash or secret among the changes', () => {
    expect(
      sanitizeChanges({
        displayName: ['a', 'b'],
        password: 'hunter2',
        newPassword: 'x',
        token: 'galette_x',
        tokenHash: 'abc',
        nested: { passwordHash: '$argon2id', totpSecret: 'JBSW', kept: 1 },
        list: [{ apiToken: 'x', role: 'viewer' }],
      }),
    ).toEqual({ displayName: ['a', 'b'], nested: { kept: 1 }, list: [{ role: 'viewer' }] });
    // Secrets by any spelling go; facts about them (counts, flags, names) stay.
    expect(
      sanitizeChanges({
        sessionsEnded: 2,
        ended: 1,
        totpEnabled: true,
        sessionId: 's',
        session_id: 's',
        session: 's',
        idHash: 'h',
        cookie: 'c',
        sessionCookie: 'c',
        secret: 's',
        totpCode: '123456',
        'csrf-token': 't',
        Authorization: 'Bearer x',
        reason: 'bad-password',
        step: 'second-factor',
      }),
    ).toEqual({
      sessionsEnded: 2,
      ended: 1,
      totpEnabled: true,
      reason: 'bad-password',
      step: 'second-factor',
    });
    const long = sanitizeChanges({
      a: 'x'.repeat(150),
      b: Array.from({ length: 40 }, () => 'y'.repeat(150)),
    });
    expect(long).toEqual({ truncated: true, keys: ['a', 'b'] });
    expect(JSON.stringify(sanitizeChanges({ a: 'x'.repeat(1000) })).length).toBeLessThan(
      MAX_AUDIT_CHANGES_LENGTH,
    );
  });

  it('shows admins everything and viewers only their portals, refusing others', async () => {
    const { services, close } = await accountsKit();
    const record = (portalId: string | undefined, action: string) =>
      services.audit.record(
        {
          actor: { kind: 'cli', label: 'cli' },
          ...(portalId === undefined ? {} : { portalId }),
          action,
          outcome: 'success',
        },
        { clientAddress: '192.0.2.1' },
      );
    await record('opendata.paris.fr', 'revision.publish');
    await record('opendata.finistere.fr', 'revision.publish');
    await record(undefined, 'user.add');
    expect((await services.audit.query(CLI_PRINCIPAL)).total).toBe(3);
    const paris = await services.audit.query(viewerOf('opendata.paris.fr'));
    expect(paris.entries.map((e) => e.portalId)).toEqual(['opendata.paris.fr']);
    expect(paris.entries[0]?.clientPseudonym).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(paris)).not.toContain('192.0.2.1');
    await expect(
      services.audit.query(viewerOf('opendata.paris.fr'), { portalId: 'opendata.finistere.fr' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(services.audit.query({ ...viewerOf('x'), grants: [] })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const filtered = await services.audit.query(CLI_PRINCIPAL, {
      portalId: 'opendata.finistere.fr',
      action: 'revision.publish',
    });
    expect(filtered.total).toBe(1);
    await close();
  });
});
