import { isRole, type Grant, type Role } from '@galette/core';
import type { Selectable } from 'kysely';
import type {
  ApiTokensTable,
  PasswordLinksTable,
  RoleGrantsTable,
  SessionsTable,
  UsersTable,
} from './account-tables.js';
import type {
  ApiTokenRecord,
  PasswordLinkPurpose,
  PasswordLinkRecord,
  SessionRecord,
  UserRecord,
} from './account-store.js';

/** `portal_id` of the global admin grant. */
export const ADMIN_SCOPE = '*';

/** The unique key of an email: addresses differing only in case are one account. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function grantFromRow(row: Pick<RoleGrantsTable, 'role' | 'portal_id'>): Grant | undefined {
  if (row.role === 'admin') return { role: 'admin' };
  if (row.role === 'editor' || row.role === 'viewer') {
    return { role: row.role, portalId: row.portal_id };
  }
  return undefined;
}

/** Admin first, then by portal id (code-unit order, the same on every database). */
export function sortGrants(grants: Grant[]): Grant[] {
  const key = (g: Grant) => (g.role === 'admin' ? '' : `\u0001${g.portalId}`);
  return grants.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function userFromRow(row: Selectable<UsersTable>, grants: Grant[]): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    language: row.language,
    active: row.active === 1,
    createdAt: row.created_at,
    ...(row.last_sign_in_at === null ? {} : { lastSignInAt: row.last_sign_in_at }),
    hasPassword: row.password_hash !== null,
    ...(row.password_changed_at === null ? {} : { passwordChangedAt: row.password_changed_at }),
    ...(row.oidc_issuer === null || row.oidc_subject === null
      ? {}
      : { oidc: { issuer: row.oidc_issuer, subject: row.oidc_subject } }),
    totpEnabled: row.totp_secret !== null && row.totp_enabled_at !== null,
    grants: sortGrants(grants),
  };
}

export function sessionToRow(session: SessionRecord): SessionsTable {
  return {
    id_hash: session.idHash,
    user_id: session.userId,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
    idle_expires_at: session.idleExpiresAt,
    absolute_expires_at: session.absoluteExpiresAt,
    client_pseudonym: session.clientPseudonym ?? null,
    user_agent: session.userAgent ?? null,
  };
}

export function sessionFromRow(row: Selectable<SessionsTable>): SessionRecord {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    ...(row.client_pseudonym === null ? {} : { clientPseudonym: row.client_pseudonym }),
    ...(row.user_agent === null ? {} : { userAgent: row.user_agent }),
  };
}

export function linkFromRow(row: Selectable<PasswordLinksTable>): PasswordLinkRecord {
  return {
    tokenHash: row.token_hash,
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    purpose: row.purpose as PasswordLinkPurpose,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.used_at === null ? {} : { usedAt: row.used_at }),
    ...(row.created_by === null ? {} : { createdBy: row.created_by }),
  };
}

export function tokenFromRow(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  const role: Role = isRole(row.role) ? row.role : 'viewer';
  return {
    id: row.id,
    name: row.name,
    role,
    portals: JSON.parse(row.portals) as string[],
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}

/** A driver's unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
