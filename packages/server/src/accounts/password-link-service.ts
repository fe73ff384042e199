import { LocalizedError, parseShape } from '@galette/core';
import type { PasswordLinkPurpose, Store, UserRecord } from '@galette/storage';
import { firstAdminShape, linkPasswordShape } from './account-shapes.js';
import type { AuditLog } from './audit-log.js';
import type { PasswordHasher } from './password-hasher.js';
import { hashLinkToken, issuePasswordLink, type IssuedLink } from './password-links.js';
import type { RequestMeta } from './request-meta.js';
import { userActor } from './session-service.js';

/** What the set-password page shows before the link is used. */
export interface LinkInfo {
  readonly purpose: PasswordLinkPurpose;
  /** The account's email; absent for the first administrator, who types it. */
  readonly email?: string;
  readonly expiresAt: string;
}

export interface UseLinkInput {
  readonly password: string;
  /** For the first administrator only. */
  readonly email?: string;
  readonly displayName?: string;
  readonly language?: string;
}

/**
 * Single-use links where a user chooses a password: the first administrator's (printed by
 * `galette serve` while no user exists), and those `AccountService` issues for new users and
 * resets. Used by the console's set-password page.
 */
export class PasswordLinkService {
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

  /**
   * When no user exists at all: a link where the first administrator creates their account.
   * Earlier ones stay usable (several nodes may start at once on one database, each printing
   * its own) until they expire or any account exists. Undefined once any user exists.
   */
  async firstAdminLink(): Promise<IssuedLink | undefined> {
    if ((await this.#accounts.countUsers()) > 0) return undefined;
    const link = await issuePasswordLink(
      this.#accounts,
      this.#now(),
      undefined,
      'first-admin',
      'galette serve',
    );
    await this.#audit.record({
      actor: { kind: 'cli', label: 'galette serve' },
      action: 'user.first-admin-link',
      outcome: 'success',
    });
    return link;
  }

  /** What a link is for, while it is usable; undefined for an unknown, used or expired one. */
  async inspectLink(token: string): Promise<LinkInfo | undefined> {
    const link = await this.#accounts.findPasswordLink(hashLinkToken(token));
    if (link === undefined || link.usedAt !== undefined) return undefined;
    if (Date.parse(link.expiresAt) <= this.#now().getTime()) return undefined;
    if (link.purpose === 'first-admin' && (await this.#accounts.countUsers()) > 0) return undefined;
    const user = link.userId === undefined ? undefined : await this.#accounts.getUser(link.userId);
    if (link.userId !== undefined && (user === undefined || !user.active)) return undefined;
    return {
      purpose: link.purpose,
      ...(user === undefined ? {} : { email: user.email }),
      expiresAt: link.expiresAt,
    };
  }

  /**
   * Sets the password a link was issued for (creating the first administrator when it is that
   * link) and ends the account's other sessions. Bad input leaves the link usable; a used,
   * expired or unknown link throws `not_found`.
   */
  async useLink(token: string, input: UseLinkInput, meta: RequestMeta = {}): Promise<UserRecord> {
    const info = await this.inspectLink(token);
    if (info === undefined) throw new LocalizedError('not_found', 'accounts.link.invalid');
    const first = info.purpose === 'first-admin';
    const admin = first
      ? parseShape(firstAdminShape, {
          email: input.email,
          name: input.displayName,
          language: input.language,
          password: input.password,
        })
      : undefined;
    if (!first) parseShape(linkPasswordShape, { password: input.password });
    if (first && (await this.#accounts.countUsers()) > 0) {
      throw new LocalizedError('not_found', 'accounts.link.invalid');
    }
    const passwordHash = await this.#hasher.hash(input.password);
    const link = await this.#accounts.consumePasswordLink(hashLinkToken(token), this.#now());
    if (link === undefined) throw new LocalizedError('not_found', 'accounts.link.invalid');
    let user: UserRecord;
    if (link.userId === undefined) {
      // Only the first administrator's link names no account: `admin` was checked above.
      const { email, name, language } = admin!;
      const created = await this.#accounts.createUser({
        email,
        displayName: name,
        language,
        passwordHash,
        at: this.#now(),
      });
      await this.#accounts.grant(created.id, { role: 'admin' }, { by: 'first-admin link' });
      user = (await this.#accounts.getUser(created.id))!;
    } else {
      user = await this.#accounts.updateUser(link.userId, { passwordHash, at: this.#now() });
      await this.#accounts.deleteUserSessions(user.id);
    }
    await this.#audit.record(
      {
        actor: userActor(user),
        action: first ? 'user.first-admin' : 'user.set-password',
        object: user.email,
        outcome: 'success',
      },
      meta,
    );
    return user;
  }
}
