import {
  isGlobalAction,
  isPortalAction,
  PORTAL_ROLE_ACTIONS,
  type Action,
  type PortalAction,
} from './actions.js';
import type { Principal } from './principal.js';

/**
 * Whether `principal` may do `action` (on `portalId`, for a per-portal action). Default deny: an
 * unknown action, a per-portal action without a portal, or a global action only admins hold all
 * answer false. Pure, so every caller (console, admin API, CLI) decides the same way.
 */
export function can(principal: Principal, action: Action, portalId?: string): boolean {
  if (isGlobalAction(action)) {
    if (action === 'account.self') return principal.kind === 'user';
    return isAdmin(principal);
  }
  if (!isPortalAction(action) || portalId === undefined || portalId === '') return false;
  if (isAdmin(principal)) return true;
  return principal.grants.some(
    (grant) =>
      grant.role !== 'admin' &&
      grant.portalId === portalId &&
      PORTAL_ROLE_ACTIONS[grant.role].has(action),
  );
}

export function isAdmin(principal: Principal): boolean {
  return principal.grants.some((grant) => grant.role === 'admin');
}

/**
 * The portals on which `principal` may do `action`: `'all'` for an admin, otherwise the ids of
 * its grants that allow it (for filtering lists and queries in the database).
 */
export function portalsWhere(principal: Principal, action: PortalAction): 'all' | string[] {
  if (isAdmin(principal)) return 'all';
  const ids = new Set<string>();
  for (const grant of principal.grants) {
    if (grant.role !== 'admin' && PORTAL_ROLE_ACTIONS[grant.role].has(action)) {
      ids.add(grant.portalId);
    }
  }
  return [...ids].sort();
}
