import { describe, expect, it } from 'vitest';
import { ACTIONS, GLOBAL_ACTIONS, PORTAL_ACTIONS, type Action } from './actions.js';
import { can, portalsWhere } from './can.js';
import { CLI_PRINCIPAL, type Principal } from './principal.js';
import type { Grant } from './roles.js';

const A = 'opendata.paris.fr';
const B = 'opendata.finistere.fr';

function user(grants: Grant[]): Principal {
  return {
    kind: 'user',
    userId: 'u1',
    email: 'agent@example.org',
    displayName: 'Agent',
    language: 'fr',
    grants,
  };
}

const principals: Record<string, Principal> = {
  'no grant': user([]),
  'viewer of A': user([{ role: 'viewer', portalId: A }]),
  'editor of A': user([{ role: 'editor', portalId: A }]),
  'viewer of B': user([{ role: 'viewer', portalId: B }]),
  'editor of B': user([{ role: 'editor', portalId: B }]),
  admin: user([{ role: 'admin' }]),
  'token editor of A': {
    kind: 'token',
    tokenId: 't1',
    name: 'ci',
    grants: [{ role: 'editor', portalId: A }],
  },
  'token admin': { kind: 'token', tokenId: 't2', name: 'ops', grants: [{ role: 'admin' }] },
  cli: CLI_PRINCIPAL,
};

const READ: readonly Action[] = [
  'portal.view',
  'revisions.read',
  'stats.read',
  'proofs.read',
  'audit.read',
  'scans.read',
];
const EDIT: readonly Action[] = [
  ...READ,
  'draft.read',
  'draft.edit',
  'draft.preview',
  'revision.publish',
  'scans.run',
];

/** What each principal may do on portal A, written out by hand from the role list. */
const ON_A: Record<string, readonly Action[]> = {
  'no grant': [],
  'viewer of A': READ,
  'editor of A': EDIT,
  'viewer of B': [],
  'editor of B': [],
  admin: PORTAL_ACTIONS,
  'token editor of A': EDIT,
  'token admin': PORTAL_ACTIONS,
  cli: PORTAL_ACTIONS,
};

const GLOBAL: Record<string, readonly Action[]> = {
  'no grant': ['account.self'],
  'viewer of A': ['account.self'],
  'editor of A': ['account.self'],
  'viewer of B': ['account.self'],
  'editor of B': ['account.self'],
  admin: GLOBAL_ACTIONS,
  'token editor of A': [],
  'token admin': GLOBAL_ACTIONS.filter((a) => a !== 'account.self'),
  cli: GLOBAL_ACTIONS.filter((a) => a !== 'account.self'),
};

describe('can', () => {
  const cells = Object.keys(principals).flatMap((who) =>
    ACTIONS.map((action) => [who, action] as const),
  );

  it.each(cells)('%s × %s on portal A', (who, action) => {
    const expected = PORTAL_ACTIONS.includes(action as never)
      ? ON_A[who]!.includes(action)
      : GLOBAL[who]!.includes(action);
    expect(can(principals[who]!, action, A)).toBe(expected);
  });

  it('a role on portal B gives nothing on portal A, and a role on A nothing on B', () => {
    for (const action of PORTAL_ACTIONS) {
      expect(can(principals['editor of B']!, action, A)).toBe(false);
      expect(can(principals['editor of A']!, action, B)).toBe(false);
      expect(can(principals['editor of B']!, action, B)).toBe(true);
    }
  });

  it('denies by default: per-portal actions without a portal, unknown actions', () => {
    for (const action of PORTAL_ACTIONS) {
      expect(can(principals.admin!, action)).toBe(false);
      expect(can(principals['editor of A']!, action, '')).toBe(false);
    }
    expect(can(principals.admin!, 'portal.destroy' as Action, A)).toBe(false);
    expect(can(principals.admin!, 'toString' as Action)).toBe(false);
  });

  it('lists the portals where an action is allowed', () => {
    const both = user([
      { role: 'viewer', portalId: B },
      { role: 'editor', portalId: A },
    ]);
    expect(portalsWhere(both, 'stats.read')).toEqual([B, A].sort());
    expect(portalsWhere(both, 'draft.edit')).toEqual([A]);
    expect(portalsWhere(principals['no grant']!, 'portal.view')).toEqual([]);
    expect(portalsWhere(principals.admin!, 'draft.edit')).toBe('all');
  });
});
