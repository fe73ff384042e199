/**
 * The roles of Galette's back office. `admin` is global; `editor` and `viewer` are granted on one
 * portal at a time.
 */
export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that are granted per portal. */
export type PortalRole = Exclude<Role, 'admin'>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * One grant: `admin` everywhere, or a role on one portal. A user holds at most one role per
 * portal (granting another replaces it).
 */
export type Grant =
  { readonly role: 'admin' } | { readonly role: PortalRole; readonly portalId: string };

/** Grants as a human reads them: `admin`, `editor@opendata.paris.fr`. */
export function formatGrant(grant: Grant): string {
  return grant.role === 'admin' ? 'admin' : `${grant.role}@${grant.portalId}`;
}
