import type { PortalRole } from './roles.js';

/**
 * Everything the back office, the admin API and the CLI may be asked to do on one portal. A route
 * names one of these (or a global action) in its rule; anything unnamed is refused.
 */
export const PORTAL_ACTIONS = [
  /** See the portal in lists, its name, address and where publication stands. */
  'portal.view',
  /** Its published revisions and their content (the charter history). */
  'revisions.read',
  'stats.read',
  'proofs.read',
  /** The audit log entries about this portal. */
  'audit.read',
  /** The unpublished draft: read, edit, preview. */
  'draft.read',
  'draft.edit',
  'draft.preview',
  'revision.publish',
  /** A portal's scans, their findings and evidence: read-only, so auditors (viewers) have it. */
  'scans.read',
  /** Starting a scan (it drives the server's browser over the portal's site) and scheduling. */
  'scans.run',
] as const;
export type PortalAction = (typeof PORTAL_ACTIONS)[number];

/** Actions that concern no single portal. */
export const GLOBAL_ACTIONS = [
  'portals.create',
  /** Archive a portal (its public pages answer 410, its proofs stay) or bring it back. */
  'portals.archive',
  'portals.delete',
  'users.manage',
  'tokens.manage',
  'settings.manage',
  /** The whole audit log, entries about no portal included (sign-ins, users, tokens). */
  'audit.readAll',
  /** One's own name, language, password, second factor and sessions: any signed-in user. */
  'account.self',
] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

export type Action = PortalAction | GlobalAction;

/** Every action, for tables and tests. */
export const ACTIONS: readonly Action[] = /* @__PURE__ */ (
  PORTAL_ACTIONS as readonly Action[]
).concat(GLOBAL_ACTIONS);

const VIEWER: ReadonlySet<PortalAction> = /* @__PURE__ */ new Set<PortalAction>([
  'portal.view',
  'revisions.read',
  'stats.read',
  'proofs.read',
  'audit.read',
  'scans.read',
]);

const EDITOR: ReadonlySet<PortalAction> = /* @__PURE__ */ new Set<PortalAction>([
  'portal.view',
  'revisions.read',
  'stats.read',
  'proofs.read',
  'audit.read',
  'draft.read',
  'draft.edit',
  'draft.preview',
  'revision.publish',
  'scans.read',
  'scans.run',
]);

/** What each per-portal role allows on its portal; `admin` allows everything everywhere. */
export const PORTAL_ROLE_ACTIONS: Readonly<Record<PortalRole, ReadonlySet<PortalAction>>> = {
  viewer: VIEWER,
  editor: EDITOR,
};

export function isPortalAction(action: string): action is PortalAction {
  return (PORTAL_ACTIONS as readonly string[]).includes(action);
}

export function isGlobalAction(action: string): action is GlobalAction {
  return (GLOBAL_ACTIONS as readonly string[]).includes(action);
}
