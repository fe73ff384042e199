import { createHash } from 'node:crypto';
import type { AccountStore, UserRecord } from '@galette/storage';
import type { AuditLog } from './audit-log.js';
import type { ClientPseudonyms } from './client-pseudonyms.js';
import { MAX_PASSWORD_LENGTH, type PasswordHasher } from './password-hasher.js';
import type { RequestMeta } from './request-meta.js';
import type { SecondFactorService } from './second-factor-service.js';
import type { SignInChallenges } from './sign-in-challenge.js';
import { userActor, type SessionService, type StartedSession } from './session-service.js';

/**
 * When sign-in slows down: after `free` failures in a row, each further attempt waits
 * `baseDelayMs · 2^(failures − free)`, at most `maxDelayMs`; failures are forgotten after
 * `windowMs` without one. Counted per account (any email typed, known or not, so the delay
 * reveals nothing) and per client address (password spraying across accounts).
 */
export interface ThrottlePolicy {
  readonly account: { readonly free: number };
  readonly address: { readonly free: number };
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  account: { free: 3 },
  address: { free: 20 },
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
};

export type SignInResult =
  | {
      readonly outcome: 'signed-in';
      readonly user: UserRecord;
      readonly session: StartedSession;
    }
  /** The password was right; the code of the user's second factor is asked next. */
  | { readonly outcome: 'second-factor'; readonly challenge: string }
  /** Wrong email or password, unknown or disabled account: one answer for all. */
  | { readonly outcome: 'failed' }
  | { readonly outcome: 'throttled'; readonly retryAfterSeconds: number };

/** Email and password sign-in with throttling; every attempt is audited. */
export class SignIn {
  readonly #store: AccountStore;
  readonly #hasher: PasswordHasher;
  readonly #sessions: SessionService;
  readonly #audit: AuditLog;
  readonly #pseudonyms: ClientPseudonyms;
  readonly #now: () => Date;
  readonly #policy: ThrottlePolicy;
  readonly #secondFactor: SecondFactorService;
  readonly #challenges: SignInChallenges;

  constructor(parts: {
    readonly store: AccountStore;
    readonly hasher: PasswordHasher;
    readonly sessions: SessionService;
    readonly audit: AuditLog;
    readonly pseudonyms: ClientPseudonyms;
    readonly now?: () => Date;
    readonly policy?: ThrottlePolicy;
    readonly secondFactor: SecondFactorService;
    readonly challenges: SignInChallenges;
  }) {
    this.#store = parts.store;
    this.#hasher = parts.hasher;
    this.#sessions = parts.sessions;
    this.#audit = parts.audit;
    this.#pseudonyms = parts.pseudonyms;
    this.#now = parts.now ?? (() => new Date());
    this.#policy = parts.policy ?? DEFAULT_THROTTLE_POLICY;
    this.#secondFactor = parts.secondFactor;
    this.#challenges = parts.challenges;
  }

  async signIn(email: string, password: string, meta: RequestMeta = {}): Promise<SignInResult> {
    const now = this.#now();
    const pseudonym = this.#pseudonyms.of(meta.clientAddress, now);
    const accountKey = throttleKey('account', email.trim().toLowerCase());
    const addressKey = pseudonym === undefined ? undefined : throttleKey('address', pseudonym);
    const keys = addressKey === undefined ? [accountKey] : [accountKey, addressKey];
    const user = await this.#store.findUserByEmail(email);
    const audit = (outcome: 'success' | 'failure', changes?: Record<string, unknown>) =>
      this.#audit.record(
        {
          actor: user === undefined ? anonymousActor(email) : userActor(user),
          action: 'auth.sign-in',
          outcome,
          ...(changes === undefined ? {} : { changes }),
        },
        meta,
      );

    // The attempt counts as a failure before argon2 runs, so attempts sent at once cannot all
    // pass through the same free state; a right password gives it back.
    const wait = await this.#claim(keys, accountKey, now);
    if (wait > 0) {
      await audit('failure', { reason: 'throttled' });
      return { outcome: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
    }

    const secrets = user === undefined ? undefined : await this.#store.userSecrets(user.id);
    const usable = user?.active === true && secrets?.passwordHash !== undefined;
    // The same argon2 work whether or not the account exists, is active or has a password.
    const ok =
      usable && password.length <= MAX_PASSWORD_LENGTH
        ? await this.#hasher.verify(secrets.passwordHash!, password)
        : await this.#hasher.verifyNothing(password.slice(0, MAX_PASSWORD_LENGTH));
    if (!ok || user === undefined) {
      await audit('failure', {
        reason: user === undefined ? 'unknown-account' : !user.active ? 'disabled' : 'bad-password',
      });
      return { outcome: 'failed' };
    }

    for (const key of keys) await this.#store.releaseLoginAttempt(key);
    if (user.totpEnabled) {
      // Earlier failures stay counted until the code checks too: the password alone opens nothing.
      await audit('success', { step: 'password', next: 'second-factor' });
      return { outcome: 'second-factor', challenge: this.#challenges.issue(user.id) };
    }
    await this.#store.clearLoginThrottle(accountKey);
    return this.#finish(user, meta, now, audit);
  }

  /**
   * Sign-in of a user whom another party vouched for (single sign-on): the session starts, or
   * the second factor is asked like after a password.
   */
  async signInVerified(
    user: UserRecord,
    method: 'oidc',
    meta: RequestMeta = {},
  ): Promise<SignInResult> {
    const audit = (outcome: 'success', changes?: Record<string, unknown>) =>
      this.#audit.record(
        {
          actor: userActor(user),
          action: 'auth.sign-in',
          outcome,
          changes: { method, ...changes },
        },
        meta,
      );
    if (user.totpEnabled) {
      await audit('success', { next: 'second-factor' });
      return { outcome: 'second-factor', challenge: this.#challenges.issue(user.id) };
    }
    return this.#finish(user, meta, this.#now(), audit);
  }

  /**
   * The second step for users with a second factor: the challenge the password step gave and
   * the app's current code. Wrong codes count as failed sign-ins (same growing delays); an
   * expired or forged challenge sends the user back to the password.
   */
  async completeSecondFactor(
    challenge: string,
    code: string,
    meta: RequestMeta = {},
  ): Promise<SignInResult | { readonly outcome: 'expired' }> {
    const now = this.#now();
    const userId = this.#challenges.open(challenge);
    const user = userId === undefined ? undefined : await this.#store.getUser(userId);
    if (user === undefined || !user.active || !user.totpEnabled) return { outcome: 'expired' };
    const pseudonym = this.#pseudonyms.of(meta.clientAddress, now);
    const accountKey = throttleKey('account', user.email.toLowerCase());
    const keys =
      pseudonym === undefined ? [accountKey] : [accountKey, throttleKey('address', pseudonym)];
    const audit = (outcome: 'success' | 'failure', changes?: Record<string, unknown>) =>
      this.#audit.record(
        {
          actor: userActor(user),
          action: 'auth.sign-in',
          outcome,
          changes: { step: 'second-factor', ...changes },
        },
        meta,
      );
    const wait = await this.#claim(keys, accountKey, now);
    if (wait > 0) {
      await audit('failure', { reason: 'throttled' });
      return { outcome: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    if (!(await this.#secondFactor.check(user.id, code))) {
      await audit('failure', { reason: 'wrong-code' });
      return { outcome: 'second-factor', challenge };
    }
    for (const key of keys) await this.#store.releaseLoginAttempt(key);
    await this.#store.clearLoginThrottle(accountKey);
    return this.#finish(user, meta, now, audit);
  }

  async #finish(
    user: UserRecord,
    meta: RequestMeta,
    now: Date,
    audit: (outcome: 'success') => Promise<unknown>,
  ): Promise<SignInResult> {
    const signedIn = await this.#store.updateUser(user.id, { lastSignInAt: now });
    const session = await this.#sessions.start(user.id, meta);
    await audit('success');
    return { outcome: 'signed-in', user: signedIn, session };
  }

  /**
   * Counts this attempt on every key, unless one of them must wait: then nothing is counted and
   * the wait is returned. An attempt that loses a race for a key (another one counted first)
   * gives back what it counted and decides again on what the store now holds.
   */
  async #claim(keys: readonly string[], accountKey: string, now: Date): Promise<number> {
    const windowStart = new Date(now.getTime() - this.#policy.windowMs);
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round += 1) {
      const states = await this.#store.loginThrottle(keys);
      const wait = this.#waitMs(states, accountKey, now);
      if (wait > 0) return wait;
      const claimed: string[] = [];
      for (const key of keys) {
        const seen = states.find((state) => state.key === key);
        if ((await this.#store.claimLoginAttempt(key, seen, now, windowStart)) === undefined) break;
        claimed.push(key);
      }
      if (claimed.length === keys.length) return 0;
      for (const key of claimed) await this.#store.releaseLoginAttempt(key);
    }
    // So many attempts at once that this one never got its turn: it waits like a throttled one.
    return this.#policy.baseDelayMs;
  }

  #waitMs(
    states: readonly { key: string; failures: number; lastFailureAt: string }[],
    accountKey: string,
    now: Date,
  ): number {
    let wait = 0;
    for (const state of states) {
      const free = state.key === accountKey ? this.#policy.account.free : this.#policy.address.free;
      const last = Date.parse(state.lastFailureAt);
      if (now.getTime() - last >= this.#policy.windowMs || state.failures < free) continue;
      const delay = Math.min(
        this.#policy.baseDelayMs * 2 ** (state.failures - free),
        this.#policy.maxDelayMs,
      );
      wait = Math.max(wait, last + delay - now.getTime());
    }
    return wait;
  }
}

/** Rounds of reading and claiming before an attempt that keeps losing races gives up. */
const MAX_CLAIM_ROUNDS = 50;

/** Throttle keys are digests: the table never holds an email someone typed. */
function throttleKey(kind: 'account' | 'address', value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
}

/** An unknown account is named by what was typed, if it looks like an email (not a password). */
function anonymousActor(typed: string) {
  const email = typed.trim();
  const plausible = /^[^\s@]{1,64}@[^\s@]{1,190}$/.test(email);
  return { kind: 'anonymous' as const, label: plausible ? email : '(not an email)' };
}
