import { safeParseShape } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { firstAdminShape, grantShape, newUserShape, revokeShape } from './account-shapes.js';
import { tokenInputShape } from './token-input-shape.js';

const KNOWN = new Set(['opendata.paris.fr', 'opendata.finistere.fr']);

function problems(result: ReturnType<typeof safeParseShape>): string[] {
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('the account services’ shapes', () => {
  it('trim an email, refuse a blank one as missing and count a long one after trimming', () => {
    const user = safeParseShape(newUserShape(KNOWN), { email: '  Ann@Example.org ' });
    expect(user).toMatchObject({ ok: true, value: { email: 'Ann@Example.org', grants: [] } });
    expect(problems(safeParseShape(newUserShape(KNOWN), { email: '   ' }))).toEqual([
      'email: is required',
    ]);
    const long = ` ${'a'.repeat(250)}@b.fr `;
    expect(problems(safeParseShape(newUserShape(KNOWN), { email: long }))).toEqual([
      'email: must be at most 254 characters long (it has 255)',
    ]);
  });

  it('name a user after their email’s local part when no name is given', () => {
    const admin = safeParseShape(firstAdminShape, {
      email: 'root@example.org',
      password: 'correct horse battery',
    });
    expect(admin).toMatchObject({ ok: true, value: { name: 'root', language: 'fr' } });
  });

  it('list the allowed values of a refused one without guessing', () => {
    expect(
      problems(safeParseShape(newUserShape(KNOWN), { email: 'a@b.fr', language: 'fe' })),
    ).toEqual(['language: "fe" is not one of "fr", "en"']);
  });

  it('name each portal by index when several are given', () => {
    const token = safeParseShape(tokenInputShape(KNOWN), {
      name: 'ci',
      role: 'viewer',
      portal: ['opendata.paris.fr', 'nowhere.example', 'opendata.paris.fr'],
      expires: 'session',
    });
    expect(problems(token)).toEqual([
      'portal[1]: no portal "nowhere.example"',
      'portal[2]: "opendata.paris.fr" is listed twice',
      'expires: "session" is not an ISO 8601 duration such as P90D',
    ]);
    const grants = safeParseShape(grantShape(KNOWN), {
      role: 'editor',
      portal: ['opendata.paris.fr', 'opendata.finistere.fr'],
    });
    expect(grants).toEqual({
      ok: true,
      value: [
        { role: 'editor', portalId: 'opendata.paris.fr' },
        { role: 'editor', portalId: 'opendata.finistere.fr' },
      ],
    });
  });

  it('say nothing of the portals of a role already refused', () => {
    for (const shape of [grantShape(KNOWN), revokeShape]) {
      expect(problems(safeParseShape(shape, { role: 'owner' }))).toEqual([
        'role: "owner" is not one of "admin", "editor", "viewer"',
      ]);
    }
    expect(problems(safeParseShape(revokeShape, {}))).toEqual([
      'portal: the editor role is granted on at least one portal (--portal)',
    ]);
    expect(problems(safeParseShape(revokeShape, { role: 'admin', portal: ['x.fr'] }))).toEqual([
      'portal: the admin role covers every portal: name no portal',
    ]);
  });
});
