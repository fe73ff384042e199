import {
  actorOf,
  can,
  fieldError,
  LocalizedError,
  ValidationError,
  type Principal,
} from '@galette/core';
import type { Store, UserRecord } from '@galette/storage';
import { Secret, TOTP } from 'otpauth';
import type { AuditLog } from './audit-log.js';
import type { RequestMeta } from './request-meta.js';

/** RFC 6238's defaults, the only ones every authenticator app reads. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone clock 30 s off still works, a code lives at most 90 s. */
const WINDOW = 1;
/** 160 bits, RFC 4226's recommended secret length. */
const SECRET_BYTES = 20;
const BASE32_SECRET = /^[A-Z2-7]{32}$/;
const CODE = /^\d{6}$/;

/** What the account page shows to set an authenticator app up. */
export interface SecondFactorProposal {
  /** Base32, for typing into the app. */
  readonly secret: string;
  /** `otpauth://totp/…`, which phones open in their authenticator app. */
  readonly uri: string;
}

/**
 * The optional second factor: a TOTP code (RFC 6238) from an authenticator app. Secrets are
 * proposed to the user, stored only once a code from the app confirms them, and each code is
 * accepted once (the store keeps the last time step used), so an observed code cannot be replayed.
 */
export class SecondFactorService {
  readonly #store: Store;
  readonly #audit: AuditLog;
  readonly #now: () => Date;
  readonly #issuer: string;

  constructor(parts: {
    readonly store: Store;
    readonly audit: AuditLog;
    readonly now?: () => Date;
    /** The name authenticator apps show beside the code. */
    readonly issuer?: string;
  }) {
    this.#store = parts.store;
    this.#audit = parts.audit;
    this.#now = parts.now ?? (() => new Date());
    this.#issuer = parts.issuer ?? 'Galette';
  }

  /** A fresh secret for `email`; nothing is stored until `enable` confirms it. */
  propose(email: string): SecondFactorProposal {
    const secret = new Secret({ size: SECRET_BYTES }).base32;
    return { secret, uri: this.#totp(secret, email).toString() };
  }

  /** The proposal for a secret the user already has in hand (a form posted back with an error). */
  proposalFor(secret: string, email: string): SecondFactorProposal | undefined {
    return BASE32_SECRET.test(secret)
      ? { secret, uri: this.#totp(secret, email).toString() }
      : undefined;
  }

  /** Turns the second factor on for the signed-in user, once a code of `secret` checks. */
  async enable(principal: Principal, secret: string, code: string, meta: RequestMeta = {}) {
    const user = await this.#self(principal, 'account.second-factor.enable', meta);
    const normalized = secret.replace(/\s+/g, '').toUpperCase();
    if (!BASE32_SECRET.test(normalized)) {
      throw new ValidationError([fieldError('secret', 'not_a_totp_secret')]);
    }
    const step = this.#matchingStep(normalized, user.email, code);
    if (step === undefined || !(await this.#store.accounts.claimTotpStep(user.id, step))) {
      await this.#record(principal, user, 'account.second-factor.enable', 'failure', meta);
      throw new ValidationError([fieldError('code', 'wrong_totp_code')]);
    }
    await this.#store.accounts.updateUser(user.id, {
      totpSecret: normalized,
      totpEnabledAt: this.#now(),
    });
    await this.#record(principal, user, 'account.second-factor.enable', 'success', meta);
  }

  /** Turns the signed-in user's second factor off; a current code proves the phone is at hand. */
  async disable(principal: Principal, code: string, meta: RequestMeta = {}) {
    const user = await this.#self(principal, 'account.second-factor.disable', meta);
    if (!(await this.check(user.id, code))) {
      await this.#record(principal, user, 'account.second-factor.disable', 'failure', meta);
      throw new ValidationError([fieldError('code', 'wrong_totp_code')]);
    }
    await this.#clear(user.id);
    await this.#record(principal, user, 'account.second-factor.disable', 'success', meta);
  }

  /** An administrator removes someone's second factor (a lost phone); they set it up again. */
  async reset(principal: Principal, userId: string, meta: RequestMeta = {}) {
    const user = await this.#store.accounts.getUser(userId);
    if (!can(principal, 'users.manage') || user === undefined) {
      await this.#audit.record(
        {
          actor: actorOf(principal),
          action: 'user.second-factor.reset',
          object: userId,
          outcome: 'denied',
        },
        meta,
      );
      throw new LocalizedError('forbidden', 'server.error.forbidden');
    }
    await this.#clear(user.id);
    await this.#record(principal, user, 'user.second-factor.reset', 'success', meta);
  }

  /** Whether `code` is the user's current code, used for the first time (sign-in, disabling). */
  async check(userId: string, code: string): Promise<boolean> {
    const [user, secrets] = await Promise.all([
      this.#store.accounts.getUser(userId),
      this.#store.accounts.userSecrets(userId),
    ]);
    if (user === undefined || !user.totpEnabled || secrets?.totpSecret === undefined) return false;
    const step = this.#matchingStep(secrets.totpSecret, user.email, code);
    return step !== undefined && (await this.#store.accounts.claimTotpStep(user.id, step));
  }

  #matchingStep(secret: string, email: string, code: string): number | undefined {
    const token = code.replace(/\s+/g, '');
    if (!CODE.test(token)) return undefined;
    const timestamp = this.#now().getTime();
    const delta = this.#totp(secret, email).validate({ token, timestamp, window: WINDOW });
    if (delta === null) return undefined;
    return Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
  }

  #totp(secret: string, email: string): TOTP {
    return new TOTP({
      issuer: this.#issuer,
      label: email,
      algorithm: 'SHA1',
      digits: DIGITS,
      period: PERIOD_SECONDS,
      secret: Secret.fromBase32(secret),
    });
  }

  async #clear(userId: string): Promise<void> {
    await this.#store.accounts.updateUser(userId, { totpSecret: null, totpEnabledAt: null });
  }

  async #self(principal: Principal, action: string, meta: RequestMeta): Promise<UserRecord> {
    const user =
      principal.kind === 'user' && can(principal, 'account.self')
        ? await this.#store.accounts.getUser(principal.userId)
        : undefined;
    if (user === undefined || !user.active) {
      await this.#audit.record({ actor: actorOf(principal), action, outcome: 'denied' }, meta);
      throw new LocalizedError('forbidden', 'server.error.forbidden');
    }
    return user;
  }

  async #record(
    principal: Principal,
    user: UserRecord,
    action: string,
    outcome: 'success' | 'failure',
    meta: RequestMeta,
  ): Promise<void> {
    await this.#audit.record(
      { actor: actorOf(principal), action, object: user.email, outcome },
      meta,
    );
  }
}
