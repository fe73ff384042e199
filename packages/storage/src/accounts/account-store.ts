import type { Grant, Role } from '@galette/core';

/** A user as stored, without secrets (see `UserSecrets`). */
export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  /** A supported language code (`fr`, `en`). */
  readonly language: string;
  readonly active: boolean;
  readonly createdAt: string;
  readonly lastSignInAt?: string;
  readonly hasPassword: boolean;
  readonly passwordChangedAt?: string;
  readonly oidc?: { readonly issuer: string; readonly subject: string };
  /** True once a second factor is confirmed. */
  readonly totpEnabled: boolean;
  /** Ordered: `admin` first, then by portal id. */
  readonly grants: readonly Grant[];
}

/** What only sign-in and the second factor read. */
export interface UserSecrets {
  readonly passwordHash?: string;
  readonly totpSecret?: string;
}

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly language: string;
  readonly passwordHash?: string;
  readonly oidc?: { readonly issuer: string; readonly subject: string };
  /** Defaults to now. */
  readonly at?: Date;
}

/** Fields to change; `null` clears an optional one. */
export interface UserPatch {
  readonly displayName?: string;
  readonly language?: string;
  readonly active?: boolean;
  /** Also sets `passwordChangedAt` to `at`. */
  readonly passwordHash?: string | null;
  readonly lastSignInAt?: Date;
  readonly oidc?: { readonly issuer: string; readonly subject: string } | null;
  readonly totpSecret?: string | null;
  /** Set with the secret once confirmed; null turns the second factor off. */
  readonly totpEnabledAt?: Date | null;
  readonly at?: Date;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the session id; also how a user's session list names each session. */
  readonly idHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly idleExpiresAt: string;
  readonly absoluteExpiresAt: string;
  readonly clientPseudonym?: string;
  readonly userAgent?: string;
}

export type PasswordLinkPurpose = 'set-password' | 'reset-password' | 'first-admin';

export interface PasswordLinkRecord {
  readonly tokenHash: string;
  /** Absent for the first administrator's link: the account is made when it is used. */
  readonly userId?: string;
  readonly purpose: PasswordLinkPurpose;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt?: string;
  readonly createdBy?: string;
}

export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Portal ids the role applies to; empty for `admin`. */
  readonly portals: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt?: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

export interface NewApiToken extends Omit<ApiTokenRecord, 'lastUsedAt' | 'revokedAt'> {
  readonly tokenHash: string;
}

export type AuditActorKind = 'user' | 'token' | 'cli' | 'anonymous';
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface NewAuditEntry {
  readonly at?: Date;
  readonly actor: { readonly kind: AuditActorKind; readonly id?: string; readonly label: string };
  readonly clientPseudonym?: string;
  readonly portalId?: string;
  /** Dotted name, e.g. `auth.sign-in`, `user.add`, `token.revoke`. */
  readonly action: string;
  /** What was acted on: an email, a token name, a portal id. */
  readonly object?: string;
  readonly outcome: AuditOutcome;
  /** What changed, already stripped of secrets by the caller. */
  readonly changes?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends Omit<NewAuditEntry, 'at'> {
  readonly id: string;
  readonly at: string;
}

export interface AuditQuery {
  /**
   * Which entries the reader may see: `all`, or only those about these portals (entries about
   * no portal are then hidden).
   */
  readonly visiblePortals: 'all' | readonly string[];
  readonly portalId?: string;
  /** An actor's id, or its label (email, token name, `cli`), case-insensitive. */
  readonly actor?: string;
  /** An exact action, or a prefix ending in `.` (`auth.`). */
  readonly action?: string;
  /** Inclusive ISO 8601 instants. */
  readonly from?: string;
  readonly to?: string;
  /** Newest first by default; exports read oldest first. */
  readonly order?: 'newest-first' | 'oldest-first';
  /**
   * Keyset paging for reading everything: only entries after this id in the chosen order. Stable
   * while entries arrive, unlike `offset`.
   */
  readonly after?: string;
  /** At most 1000; 50 by default. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** How many entries match the query in all. */
  readonly total: number;
}

export interface ThrottleState {
  readonly key: string;
  readonly failures: number;
  readonly firstFailureAt: string;
  readonly lastFailureAt: string;
}

/**
 * Users, roles, sessions, password links, API tokens, the audit log and sign-in throttling.
 * Every implementation passes `test/account-store-contract.ts`. Unknown ids make reads answer
 * undefined and updates throw `NotFoundError`; duplicates throw `ConflictError`.
 */
export interface AccountStore {
  /** Throws `ConflictError` when the email (case-insensitive) or OIDC identity is taken. */
  createUser(input: NewUser): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  findUserByOidc(issuer: string, subject: string): Promise<UserRecord | undefined>;
  /** Ordered by email. */
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  updateUser(id: string, patch: UserPatch): Promise<UserRecord>;
  userSecrets(id: string): Promise<UserSecrets | undefined>;

  /** Gives a user a role on a portal (or `admin`), replacing the role held there. */
  grant(userId: string, grant: Grant, options?: { at?: Date; by?: string }): Promise<void>;
  /**
   * Takes away the role held on `portalId` (`undefined`: the admin role); with `role`, only if it
   * is that one. Returns false when there was nothing to take.
   */
  revoke(userId: string, portalId: string | undefined, role?: Role): Promise<boolean>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  /** Records activity and pushes the idle expiry; no effect on an unknown session. */
  touchSession(idHash: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session of a user (but `except`), returning how many ended. */
  deleteUserSessions(userId: string, options?: { except?: string }): Promise<number>;
  /** Newest first. */
  listUserSessions(userId: string): Promise<SessionRecord[]>;
  /** Deletes sessions whose idle or absolute expiry is past. */
  deleteExpiredSessions(now: Date): Promise<number>;

  /**
   * Stores a link, invalidating the same user's earlier unused links, so one link at a time
   * works. First-administrator links (no user) do not void each other: each node sharing the
   * database prints one at its start, and the operator opens whichever they read; creating the
   * first account voids them all (the service checks that no user exists).
   */
  createPasswordLink(link: PasswordLinkRecord): Promise<void>;
  findPasswordLink(tokenHash: string): Promise<PasswordLinkRecord | undefined>;
  /** Marks the link used if it is unused and unexpired at `at`; undefined otherwise. Atomic. */
  consumePasswordLink(tokenHash: string, at: Date): Promise<PasswordLinkRecord | undefined>;

  /** Throws `ConflictError` when a token not revoked has that name. */
  createToken(token: NewApiToken): Promise<ApiTokenRecord>;
  findTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  /** Ordered by name, then newest first; revoked ones only when asked. */
  listTokens(options?: { includeRevoked?: boolean }): Promise<ApiTokenRecord[]>;
  /** Revokes the token of that name not yet revoked; undefined when there is none. */
  revokeToken(name: string, at: Date): Promise<ApiTokenRecord | undefined>;
  touchToken(id: string, at: Date): Promise<void>;

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  queryAudit(query: AuditQuery): Promise<AuditPage>;

  /**
   * Counts one failed sign-in for `key`. Failures whose last one is older than `windowStart`
   * are forgotten first, so the count restarts at 1.
   */
  recordLoginFailure(key: string, at: Date, windowStart: Date): Promise<ThrottleState>;
  loginThrottle(keys: readonly string[]): Promise<ThrottleState[]>;
  /**
   * Counts a sign-in attempt for `key` before its password or code is checked, if the key's
   * state is still `seen` (as `loginThrottle` read it; undefined: no failure yet): one failure
   * more, the last at `at` (the count restarts at 1 when `seen` is older than `windowStart`).
   * Undefined, and nothing changes, when another attempt changed the state first: the caller
   * reads it again and decides again. Atomic, so concurrent attempts cannot all pass through
   * one state that still had free attempts.
   */
  claimLoginAttempt(
    key: string,
    seen: ThrottleState | undefined,
    at: Date,
    windowStart: Date,
  ): Promise<ThrottleState | undefined>;
  /** Gives back one attempt claimed by a sign-in that did not fail. */
  releaseLoginAttempt(key: string): Promise<void>;
  clearLoginThrottle(key: string): Promise<void>;

  /**
   * Records that a user's TOTP code of time step `step` was used. False, and nothing changes,
   * when that step or a later one was used already: each code works once.
   */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
}
