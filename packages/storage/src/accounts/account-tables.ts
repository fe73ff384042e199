/*
 * Account tables, merged into `Database`. Portable like the others: timestamps are ISO 8601
 * text, JSON is text, booleans are integers 0/1. No secret is stored in a form that gives it
 * back: passwords as argon2id hashes, session ids, link and API tokens as SHA-256 digests.
 */

export interface UsersTable {
  id: string;
  /** As the user typed it (trimmed). */
  email: string;
  /** `email` lower-cased: the unique key, so addresses differing only in case are one account. */
  email_key: string;
  display_name: string;
  language: string;
  /** 0 or 1. */
  active: number;
  created_at: string;
  last_sign_in_at: string | null;
  /** argon2id PHC string; null until the user sets a password (or signs in only by OIDC). */
  password_hash: string | null;
  password_changed_at: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  /** Base32 TOTP secret, null without a second factor. */
  totp_secret: string | null;
  /** When the second factor was confirmed; null while it is only being set up. */
  totp_enabled_at: string | null;
  /** The last TOTP time step accepted (Unix time / 30 s); a code of that step or older is refused. */
  totp_last_step: number | string | null;
}

/** One role per user and portal; `portal_id` is `*` for the global `admin` role. */
export interface RoleGrantsTable {
  user_id: string;
  portal_id: string;
  role: string;
  granted_at: string;
  granted_by: string | null;
}

/** Sessions by the SHA-256 of their id; the id itself lives only in the `sessionid` cookie. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
  client_pseudonym: string | null;
  user_agent: string | null;
}

/** Single-use links where a user sets a password; `user_id` null for the first administrator. */
export interface PasswordLinksTable {
  token_hash: string;
  user_id: string | null;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  created_by: string | null;
}

export interface ApiTokensTable {
  id: string;
  /** Unique among tokens not revoked. */
  name: string;
  token_hash: string;
  role: string;
  /** JSON array of portal ids; empty for `admin`. */
  portals: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Append-only. `id` sorts in time order (see `auditEntryId`). */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  client_pseudonym: string | null;
  portal_id: string | null;
  action: string;
  object: string | null;
  outcome: string;
  /** Short JSON object of what changed; never a password, token or hash. */
  changes: string | null;
}

/** Failed sign-ins per key (a hashed account key, or a client address pseudonym). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  last_failure_at: string;
}

export interface AccountTables {
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  password_links: PasswordLinksTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  login_throttle: LoginThrottleTable;
}
