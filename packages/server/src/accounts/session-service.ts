import { createHash, randomBytes } from 'node:crypto';
import {
  actorOf,
  can,
  LocalizedError,
  isSupportedLanguage,
  lifetimeDays,
  parseLifetime,
  type Declaration,
  type Principal,
  type UserPrincipal,
} from '@galette/core';
import type { AccountStore, SessionRecord, UserRecord } from '@galette/storage';
import type { AuditLog } from './audit-log.js';
import type { ClientPseudonyms } from './client-pseudonyms.js';
import type { RequestMeta } from './request-meta.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The console's own portal, whose charter declares `sessionid`. */
export const CONSOLE_PORTAL_ID = 'galette.localhost';
export const SESSION_COOKIE = 'sessionid';

/**
 * How long sessions last. The absolute lifetime is the `sessionid` cookie's declared lifetime
 * (12 hours in the console's charter today); the idle timeout ends a session nobody used for
 * that long, sooner.
 */
export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR };

/** How long a policy read from the store is used before it is read again. */
const POLICY_MAX_AGE_MS = 60_000;

/** Activity is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The policy whose absolute lifetime is what `declarations` say of the `sessionid` cookie; the
 * default when it is not declared (or declared `session`). The idle timeout never exceeds it.
 */
export function sessionPolicyFromDeclarations(
  declarations: readonly Declaration[],
  idleMs = DEFAULT_SESSION_POLICY.idleMs,
): SessionPolicy {
  const declared = declarations.find(
    (d) => d.name === SESSION_COOKIE && (d.storage ?? 'cookie') === 'cookie',
  );
  const lifetime = declared?.lifetime === undefined ? undefined : parseLifetime(declared.lifetime);
  const absoluteMs =
    lifetime === undefined || lifetime.kind === 'session'
      ? DEFAULT_SESSION_POLICY.absoluteMs
      : Math.round(lifetimeDays(lifetime) * DAY);
  return { idleMs: Math.min(idleMs, absoluteMs), absoluteMs };
}

/** SHA-256 (hex) of a session id: the only form the store keeps. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export interface StartedSession {
  /** The value of the `sessionid` cookie; shown nowhere else. */
  readonly id: string;
  readonly session: SessionRecord;
  /** When the cookie must expire: the session's absolute end. */
  readonly expiresAt: Date;
}

export interface ValidSession {
  readonly principal: UserPrincipal;
  readonly session: SessionRecord;
}

/**
 * Console sessions in the store, so every node sharing the database knows them and a restart
 * keeps them. Ids are 256 random bits; only their hash is stored.
 */
export class SessionService {
  readonly #store: AccountStore;
  readonly #audit: AuditLog;
  readonly #pseudonyms: ClientPseudonyms;
  readonly #now: () => Date;
  readonly #readPolicy: () => Promise<SessionPolicy>;
  #policy: { readonly read: Promise<SessionPolicy>; readonly at: number } | undefined;

  /**
   * `policy` is fixed, or read (e.g. from the console's published charter) at first use, again
   * after `reloadPolicy`, and at least every minute: a publication no notification brought (the
   * CLI on the same SQLite file, a PostgreSQL listener reconnecting) applies within a minute.
   */
  constructor(
    store: AccountStore,
    audit: AuditLog,
    pseudonyms: ClientPseudonyms,
    options: {
      readonly now?: () => Date;
      readonly policy?: SessionPolicy | (() => Promise<SessionPolicy>);
    } = {},
  ) {
    this.#store = store;
    this.#audit = audit;
    this.#pseudonyms = pseudonyms;
    this.#now = options.now ?? (() => new Date());
    const policy = options.policy ?? DEFAULT_SESSION_POLICY;
    this.#readPolicy = typeof policy === 'function' ? policy : () => Promise.resolve(policy);
  }

  /** The lifetimes new sessions get. */
  policy(): Promise<SessionPolicy> {
    const at = this.#now().getTime();
    const kept = this.#policy;
    if (kept !== undefined && at - kept.at >= 0 && at - kept.at < POLICY_MAX_AGE_MS) {
      return kept.read;
    }
    const entry = { read: this.#readPolicy(), at };
    this.#policy = entry;
    // A failed read (database away) is not kept: the next session asks again.
    entry.read.catch(() => {
      if (this.#policy === entry) this.#policy = undefined;
    });
    return entry.read;
  }

  /** Reads the policy again at next use: the console's charter was published. */
  reloadPolicy(): void {
    this.#policy = undefined;
  }

  /** A new session with a new id (never one the client chose: no fixation). */
  async start(userId: string, meta: RequestMeta = {}): Promise<StartedSession> {
    const policy = await this.policy();
    const now = this.#now();
    const id = randomBytes(32).toString('base64url');
    const absolute = new Date(now.getTime() + policy.absoluteMs);
    const idle = new Date(Math.min(now.getTime() + policy.idleMs, absolute.getTime()));
    const pseudonym = this.#pseudonyms.of(meta.clientAddress, now);
    const session: SessionRecord = {
      idHash: hashSessionId(id),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      idleExpiresAt: idle.toISOString(),
      absoluteExpiresAt: absolute.toISOString(),
      ...(pseudonym === undefined ? {} : { clientPseudonym: pseudonym }),
      ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
    };
    await this.#store.createSession(session);
    return { id, session, expiresAt: absolute };
  }

  /**
   * The signed-in user behind a `sessionid` value, or undefined when the session is unknown,
   * expired (idle or absolute) or its user disabled. Expired sessions are deleted on sight.
   */
  async validate(id: string | undefined): Promise<ValidSession | undefined> {
    if (!id || id.length > 128) return undefined;
    const idHash = hashSessionId(id);
    const session = await this.#store.getSession(idHash);
    if (session === undefined) return undefined;
    const now = this.#now();
    const ms = now.getTime();
    if (ms >= Date.parse(session.idleExpiresAt) || ms >= Date.parse(session.absoluteExpiresAt)) {
      await this.#store.deleteSession(idHash);
      return undefined;
    }
    const user = await this.#store.getUser(session.userId);
    if (user === undefined || !user.active) {
      await this.#store.deleteSession(idHash);
      return undefined;
    }
    let current = session;
    if (ms - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
      const { idleMs } = await this.policy();
      const idle = new Date(Math.min(ms + idleMs, Date.parse(session.absoluteExpiresAt)));
      await this.#store.touchSession(idHash, now, idle);
      current = { ...session, lastSeenAt: now.toISOString(), idleExpiresAt: idle.toISOString() };
    }
    return { principal: userPrincipal(user, idHash), session: current };
  }

  /** Signs out: the session is deleted, so its id is worthless from now on. */
  async end(id: string | undefined, meta: RequestMeta = {}): Promise<boolean> {
    if (!id) return false;
    const idHash = hashSessionId(id);
    const session = await this.#store.getSession(idHash);
    if (session === undefined) return false;
    await this.#store.deleteSession(idHash);
    const user = await this.#store.getUser(session.userId);
    await this.#audit.record(
      {
        actor: user === undefined ? { kind: 'anonymous', label: session.userId } : userActor(user),
        action: 'auth.sign-out',
        outcome: 'success',
      },
      meta,
    );
    return true;
  }

  /** The user's sessions, newest first: their own (`account.self`) or anyone's for an admin. */
  async list(principal: Principal, userId: string): Promise<SessionRecord[]> {
    this.#mayManage(principal, userId);
    return this.#store.listUserSessions(userId);
  }

  /**
   * Ends one session of a user, named by its reference (`SessionRecord.idHash`), as shown in
   * their list of sessions.
   */
  async endOne(
    principal: Principal,
    userId: string,
    sessionRef: string,
    meta: RequestMeta = {},
  ): Promise<boolean> {
    this.#mayManage(principal, userId);
    const session = await this.#store.getSession(sessionRef);
    if (session === undefined || session.userId !== userId) return false;
    await this.#store.deleteSession(sessionRef);
    await this.#recordEnded(principal, userId, 'session.end', 1, meta);
    return true;
  }

  /**
   * Signs a user out everywhere: every session ends, but the caller's own one when
   * `keepCurrent` (a user signing out their other devices). Admins may do it to anyone.
   */
  async endAll(
    principal: Principal,
    userId: string,
    options: { readonly keepCurrent?: boolean } & RequestMeta = {},
  ): Promise<number> {
    this.#mayManage(principal, userId);
    const except =
      options.keepCurrent && principal.kind === 'user' ? principal.sessionRef : undefined;
    const ended = await this.#store.deleteUserSessions(
      userId,
      except === undefined ? {} : { except },
    );
    await this.#recordEnded(principal, userId, 'session.end-all', ended, options);
    return ended;
  }

  /** Deletes every expired session; run now and then (sessions also die when next seen). */
  purgeExpired(): Promise<number> {
    return this.#store.deleteExpiredSessions(this.#now());
  }

  #mayManage(principal: Principal, userId: string): void {
    const own = principal.kind === 'user' && principal.userId === userId;
    if (own ? !can(principal, 'account.self') : !can(principal, 'users.manage')) {
      throw new LocalizedError('forbidden', 'server.error.forbidden');
    }
  }

  async #recordEnded(
    principal: Principal,
    userId: string,
    action: string,
    ended: number,
    meta: RequestMeta,
  ): Promise<void> {
    const user = await this.#store.getUser(userId);
    await this.#audit.record(
      {
        actor: actorOf(principal),
        action,
        object: user?.email ?? userId,
        outcome: 'success',
        changes: { ended },
      },
      meta,
    );
  }
}

/** The principal of a signed-in user. */
export function userPrincipal(user: UserRecord, sessionRef?: string): UserPrincipal {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    language: isSupportedLanguage(user.language) ? user.language : 'fr',
    grants: user.grants,
    secondFactor: user.totpEnabled,
    ...(sessionRef === undefined ? {} : { sessionRef }),
  };
}

export function userActor(user: UserRecord) {
  return { kind: 'user' as const, id: user.id, label: user.email };
}
