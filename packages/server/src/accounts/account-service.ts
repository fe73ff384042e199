import {
  actorOf,
  can,
  ConflictError,
  formatGrant,
  LocalizedError,
  parseShape,
  type Principal,
} from '@galette/core';
import type { PasswordLinkPurpose, Store, UserRecord } from '@galette/storage';
import { grantShape, linkPasswordShape, newUserShape, revokeShape } from './account-shapes.js';
import type { AuditLog, AuditRecord } from './audit-log.js';
import type { PasswordHasher } from './password-hasher.js';
import { issuePasswordLink, type IssuedLink } from './password-links.js';
import type { RequestMeta } from './request-meta.js';

/** What `newUserShape` checks, under the names callers give it. */
export interface NewUserInput {
  readonly email: string;
  readonly displayName?: string;
  readonly language?: string;
  readonly role?: string;
  readonly portals?: readonly string[];
  /** Set at once (`--password-stdin`); without it the user gets a link to set their own. */
  readonly password?: string;
}

export interface AddedUser {
  readonly user: UserRecord;
  readonly link?: IssuedLink;
}

/**
 * Users and their roles, as administrators manage them: the one place the console, the admin
 * API and the CLI change them.
 * Every method checks the caller's permission, validates its input naming each bad field, and
 * writes the audit log (refusals included).
 */
export class AccountService {
  readonly #store: Store;
  readonly #hasher: PasswordHasher;
  readonly #audit: AuditLog;
  readonly #now: () => Date;

  constructor(parts: {
    readonly store: Store;
    readonly hasher: PasswordHasher;
    readonly audit: AuditLog;
    readonly now?: () => Date;
  }) {
    this.#store = parts.store;
    this.#hasher = parts.hasher;
    this.#audit = parts.audit;
    this.#now = parts.now ?? (() => new Date());
  }

  get #accounts() {
    return this.#store.accounts;
  }

  async addUser(
    principal: Principal,
    input: NewUserInput,
    meta: RequestMeta = {},
  ): Promise<AddedUser> {
    await this.#require(principal, 'user.add', input.email, meta);
    const {
      email,
      name: displayName,
      language,
      grants,
      password,
    } = parseShape(newUserShape(await this.#portalIds()), {
      email: input.email,
      name: input.displayName,
      language: input.language,
      role: input.role,
      portal: input.portals,
      password: input.password,
    });

    const passwordHash = password === undefined ? undefined : await this.#hasher.hash(password);
    const by = actorOf(principal).label;
    const created = await this.#accounts
      .createUser({
        email,
        displayName,
        language,
        ...(passwordHash === undefined ? {} : { passwordHash }),
        at: this.#now(),
      })
      .catch((error: unknown) => {
        throw error instanceof ConflictError
          ? new LocalizedError('conflict', 'accounts.error.emailTaken', { email })
          : error;
      });
    for (const grant of grants)
      await this.#accounts.grant(created.id, grant, { by, at: this.#now() });
    const link =
      password === undefined ? await this.#issueLink(created.id, 'set-password', by) : undefined;
    await this.#record(principal, meta, {
      action: 'user.add',
      object: email,
      outcome: 'success',
      changes: { displayName, language, grants: grants.map(formatGrant), link: link !== undefined },
    });
    const user = (await this.#accounts.getUser(created.id)) ?? created;
    return link === undefined ? { user } : { user, link };
  }

  async list(principal: Principal, meta: RequestMeta = {}): Promise<UserRecord[]> {
    await this.#require(principal, 'user.list', undefined, meta);
    return this.#accounts.listUsers();
  }

  async get(principal: Principal, email: string, meta: RequestMeta = {}): Promise<UserRecord> {
    await this.#require(principal, 'user.read', email, meta);
    return this.#user(email);
  }

  /** Gives `email` a role (on each of `portals`, or globally for admin), replacing one held there. */
  async grant(
    principal: Principal,
    email: string,
    role: string,
    portals: readonly string[],
    meta: RequestMeta = {},
  ): Promise<UserRecord> {
    await this.#require(principal, 'user.grant', email, meta);
    const grants = parseShape(grantShape(await this.#portalIds()), { role, portal: portals });
    const user = await this.#user(email);
    const by = actorOf(principal).label;
    for (const grant of grants) await this.#accounts.grant(user.id, grant, { by, at: this.#now() });
    await this.#record(principal, meta, {
      action: 'user.grant',
      object: user.email,
      outcome: 'success',
      changes: { granted: grants.map(formatGrant) },
    });
    return (await this.#accounts.getUser(user.id))!;
  }

  /**
   * Takes away the role `email` holds on each of `portals` (or the admin role when `role` is
   * admin); with `role`, only where it is that role. Refuses to remove the last administrator.
   */
  async revoke(
    principal: Principal,
    email: string,
    options: { readonly role?: string; readonly portals?: readonly string[] },
    meta: RequestMeta = {},
  ): Promise<UserRecord> {
    await this.#require(principal, 'user.revoke', email, meta);
    const { role, portal: portals } = parseShape(revokeShape, {
      role: options.role,
      portal: options.portals,
    });
    const user = await this.#user(email);
    if (role === 'admin') await this.#keepAnAdmin(user);
    const revoked: string[] = [];
    const scopes: (string | undefined)[] = role === 'admin' ? [undefined] : [...portals];
    for (const portalId of scopes) {
      if (await this.#accounts.revoke(user.id, portalId, role)) {
        revoked.push(portalId === undefined ? 'admin' : `${role ?? '*'}@${portalId}`);
      }
    }
    if (revoked.length === 0) {
      throw new LocalizedError('not_found', 'accounts.error.noSuchRole', { email: user.email });
    }
    await this.#record(principal, meta, {
      action: 'user.revoke',
      object: user.email,
      outcome: 'success',
      changes: { revoked },
    });
    return (await this.#accounts.getUser(user.id))!;
  }

  /** Disables an account and ends every session it has at once. */
  async disable(principal: Principal, email: string, meta: RequestMeta = {}): Promise<UserRecord> {
    await this.#require(principal, 'user.disable', email, meta);
    const user = await this.#user(email);
    await this.#keepAnAdmin(user);
    const updated = await this.#accounts.updateUser(user.id, { active: false });
    const ended = await this.#accounts.deleteUserSessions(user.id);
    await this.#record(principal, meta, {
      action: 'user.disable',
      object: user.email,
      outcome: 'success',
      changes: { active: [user.active, false], sessionsEnded: ended },
    });
    return updated;
  }

  async enable(principal: Principal, email: string, meta: RequestMeta = {}): Promise<UserRecord> {
    await this.#require(principal, 'user.enable', email, meta);
    const user = await this.#user(email);
    const updated = await this.#accounts.updateUser(user.id, { active: true });
    await this.#record(principal, meta, {
      action: 'user.enable',
      object: user.email,
      outcome: 'success',
      changes: { active: [user.active, true] },
    });
    return updated;
  }

  /**
   * Sets `email`'s password at once (`users reset-password --password-stdin`, for scripts and
   * for an administrator who cannot send a link): the same rule as a link's, and the account's
   * sessions ended, as a password set by a link does.
   */
  async setPassword(
    principal: Principal,
    email: string,
    password: string,
    meta: RequestMeta = {},
  ): Promise<UserRecord> {
    await this.#require(principal, 'user.reset-password', email, meta);
    const user = await this.#user(email);
    const checked = parseShape(linkPasswordShape, { password }).password;
    const passwordHash = await this.#hasher.hash(checked);
    const updated = await this.#accounts.updateUser(user.id, { passwordHash, at: this.#now() });
    const ended = await this.#accounts.deleteUserSessions(user.id);
    await this.#record(principal, meta, {
      action: 'user.set-password',
      object: user.email,
      outcome: 'success',
      changes: { sessionsEnded: ended },
    });
    return updated;
  }

  /** A single-use link (24 h) where `email` chooses a new password; earlier links stop working. */
  async resetPasswordLink(
    principal: Principal,
    email: string,
    meta: RequestMeta = {},
  ): Promise<IssuedLink> {
    await this.#require(principal, 'user.reset-password', email, meta);
    const user = await this.#user(email);
    const link = await this.#issueLink(user.id, 'reset-password', actorOf(principal).label);
    await this.#record(principal, meta, {
      action: 'user.reset-password',
      object: user.email,
      outcome: 'success',
    });
    return link;
  }

  #issueLink(userId: string, purpose: PasswordLinkPurpose, by: string): Promise<IssuedLink> {
    return issuePasswordLink(this.#accounts, this.#now(), userId, purpose, by);
  }

  async #user(email: string): Promise<UserRecord> {
    const user = await this.#accounts.findUserByEmail(email);
    if (user === undefined) {
      throw new LocalizedError('not_found', 'accounts.error.noSuchUser', { email: email.trim() });
    }
    return user;
  }

  /** The caller must hold `users.manage`; a refusal is audited and thrown as `forbidden`. */
  async #require(
    principal: Principal,
    action: string,
    object: string | undefined,
    meta: RequestMeta,
  ): Promise<void> {
    if (can(principal, 'users.manage')) return;
    await this.#record(principal, meta, {
      action,
      ...(object === undefined ? {} : { object: object.trim().slice(0, 254) }),
      outcome: 'denied',
    });
    throw new LocalizedError('forbidden', 'accounts.error.forbiddenUsers');
  }

  /** Refuses to leave the platform without an active administrator. */
  async #keepAnAdmin(user: UserRecord): Promise<void> {
    if (!user.active || !user.grants.some((g) => g.role === 'admin')) return;
    const admins = (await this.#accounts.listUsers()).filter(
      (u) => u.active && u.grants.some((g) => g.role === 'admin'),
    );
    if (admins.length <= 1) {
      throw new LocalizedError('conflict', 'accounts.error.lastAdmin', { email: user.email });
    }
  }

  async #record(
    principal: Principal,
    meta: RequestMeta,
    entry: Omit<AuditRecord, 'actor'>,
  ): Promise<void> {
    await this.#audit.record({ actor: actorOf(principal), ...entry }, meta);
  }

  async #portalIds(): Promise<ReadonlySet<string>> {
    return new Set((await this.#store.listPortals()).map((p) => p.id));
  }
}
