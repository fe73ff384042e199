import {
  actorOf,
  can,
  fieldError,
  LocalizedError,
  parseShape,
  safeParseShape,
  ValidationError,
  type Principal,
} from '@galette/core';
import type { Store, UserRecord } from '@galette/storage';
import { newPasswordShape, profileShape } from './account-shapes.js';
import type { AuditLog, AuditRecord } from './audit-log.js';
import type { PasswordHasher } from './password-hasher.js';
import type { RequestMeta } from './request-meta.js';

/** What a signed-in user changes of their own account: password, display name, language. */
export class OwnAccountService {
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

  /** A signed-in user changes their password; their other sessions end. */
  async changeOwnPassword(
    principal: Principal,
    current: string,
    next: string,
    meta: RequestMeta = {},
  ): Promise<void> {
    const user = await this.#self(principal, 'account.password', meta);
    const checked = safeParseShape(newPasswordShape, { newPassword: next });
    const errors = checked.ok ? [] : [...checked.errors];
    const secrets = await this.#accounts.userSecrets(user.id);
    const ok =
      secrets?.passwordHash === undefined
        ? await this.#hasher.verifyNothing(current)
        : await this.#hasher.verify(secrets.passwordHash, current);
    if (!ok) errors.unshift(fieldError('currentPassword', 'wrong_password'));
    if (errors.length > 0) {
      await this.#record(principal, meta, {
        action: 'account.password',
        object: user.email,
        outcome: 'failure',
      });
      throw new ValidationError(errors);
    }
    await this.#accounts.updateUser(user.id, {
      passwordHash: await this.#hasher.hash(next),
      at: this.#now(),
    });
    const except = principal.kind === 'user' ? principal.sessionRef : undefined;
    const ended = await this.#accounts.deleteUserSessions(
      user.id,
      except === undefined ? {} : { except },
    );
    await this.#record(principal, meta, {
      action: 'account.password',
      object: user.email,
      outcome: 'success',
      changes: { sessionsEnded: ended },
    });
  }

  /** A signed-in user changes their display name or language. */
  async updateOwnProfile(
    principal: Principal,
    input: { readonly displayName?: string; readonly language?: string },
    meta: RequestMeta = {},
  ): Promise<UserRecord> {
    const user = await this.#self(principal, 'account.profile', meta);
    const { name: displayName, language } = parseShape(profileShape, {
      name: input.displayName,
      language: input.language,
    });
    const updated = await this.#accounts.updateUser(user.id, {
      ...(displayName === undefined ? {} : { displayName }),
      ...(language === undefined ? {} : { language }),
    });
    const changes: Record<string, unknown> = {};
    if (displayName !== undefined && displayName !== user.displayName) {
      changes.displayName = [user.displayName, displayName];
    }
    if (language !== undefined && language !== user.language) {
      changes.language = [user.language, language];
    }
    await this.#record(principal, meta, {
      action: 'account.profile',
      object: user.email,
      outcome: 'success',
      changes,
    });
    return updated;
  }

  async #self(principal: Principal, action: string, meta: RequestMeta): Promise<UserRecord> {
    const user =
      principal.kind === 'user' && can(principal, 'account.self')
        ? await this.#accounts.getUser(principal.userId)
        : undefined;
    if (user === undefined || !user.active) {
      await this.#record(principal, meta, { action, outcome: 'denied' });
      throw new LocalizedError('forbidden', 'server.error.forbidden');
    }
    return user;
  }

  async #record(
    principal: Principal,
    meta: RequestMeta,
    entry: Omit<AuditRecord, 'actor'>,
  ): Promise<void> {
    await this.#audit.record({ actor: actorOf(principal), ...entry }, meta);
  }
}
