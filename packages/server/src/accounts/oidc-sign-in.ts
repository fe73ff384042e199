import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { UnavailableError, type Grant, type SupportedLanguage } from '@galette/core';
import type { Store, UserRecord } from '@galette/storage';
import * as oidc from 'openid-client';
import type { AuditLog } from './audit-log.js';
import type { RequestMeta } from './request-meta.js';
import { userActor } from './session-service.js';
import type { SignIn, SignInResult } from './sign-in.js';

/** Where the provider sends the browser back, under the console's origin. */
export const OIDC_CALLBACK_PATH = '/admin/login/oidc/callback';
/** The cookie that ties a provider's answer to the browser that asked (declared in the charter). */
export const OIDC_FLOW_COOKIE = 'galette_oidc';
/** How long a user has at the provider before the flow must start over. */
export const OIDC_FLOW_LIFETIME_S = 600;

/** Single sign-on settings (`GALETTE_OIDC_*`). */
export interface OidcSettings {
  /** The provider's issuer URL; its `/.well-known/openid-configuration` is read at first use. */
  readonly issuer: string;
  readonly clientId: string;
  /** Absent for a public client (PKCE alone). */
  readonly clientSecret?: string;
  /** Space-separated; default `openid email profile`. */
  readonly scopes?: string;
  /**
   * Email domains (lower case) allowed to sign in this way. Unset: only people who already have
   * an account (matched by verified email, see `trustEmail`) can, and no account is ever made.
   */
  readonly allowedDomains?: readonly string[];
  /**
   * What a first sign-in of an allowed person without an account gets: `refuse`, an account with
   * no role (an admin grants them later), or an account with these grants.
   */
  readonly newUsers: 'refuse' | { readonly grants: readonly Grant[] };
  /** The provider's name on the sign-in button, e.g. `ProConnect`. */
  readonly label: string;
  /**
   * Takes the provider's `email` as verified when it sends no `email_verified` claim (ProConnect,
   * whose identity providers verify agents' addresses but do not say so). Off: only an email
   * marked `email_verified: true` matches an account or makes one.
   */
  readonly trustEmail?: boolean;
}

export type OidcStart = { readonly url: string; readonly cookie: string };

/** Why a provider's answer did not sign anyone in; each is a line in the audit log. */
export type OidcRefusal =
  | 'flow-expired'
  | 'provider-error'
  | 'no-email'
  | 'domain-not-allowed'
  | 'no-account'
  | 'identity-taken'
  | 'disabled';

export type OidcResult =
  SignInResult | { readonly outcome: 'refused'; readonly reason: OidcRefusal };

interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly next?: string;
  readonly expires: number;
}

/**
 * Sign-in through an OpenID Connect provider (ProConnect for French public bodies): the
 * authorization code flow with PKCE, state and nonce, by `openid-client`. Whatever the provider
 * vouches for, Galette's own rules decide: the allowed domains, whether accounts are made, the
 * user's active flag and second factor, the audit log.
 */
export class OidcSignIn {
  readonly settings: OidcSettings;
  readonly #store: Store;
  readonly #signIn: SignIn;
  readonly #audit: AuditLog;
  readonly #now: () => Date;
  readonly #key: Buffer;
  #config: Promise<oidc.Configuration> | undefined;

  constructor(
    settings: OidcSettings,
    parts: {
      readonly store: Store;
      readonly signIn: SignIn;
      readonly audit: AuditLog;
      readonly secret?: string;
      readonly now?: () => Date;
    },
  ) {
    this.settings = settings;
    this.#store = parts.store;
    this.#signIn = parts.signIn;
    this.#audit = parts.audit;
    this.#now = parts.now ?? (() => new Date());
    this.#key = createHmac('sha256', parts.secret ?? randomBytes(32))
      .update('galette oidc flow')
      .digest();
  }

  /** The provider's authorization URL, and the flow cookie's value to set before going there. */
  async start(redirectUri: string, next?: string): Promise<OidcStart> {
    const config = await this.#configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const flow: Flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier,
      ...(next === undefined ? {} : { next }),
      expires: this.#now().getTime() + OIDC_FLOW_LIFETIME_S * 1000,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes ?? 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, cookie: this.#seal(flow) };
  }

  /** Where the user was heading when the flow started, if the cookie is still good. */
  nextOf(cookie: string | undefined): string | undefined {
    return this.#open(cookie)?.next;
  }

  /** The provider's answer at the callback: a session (or the second factor's step), or why not. */
  async finish(
    callbackUrl: URL,
    cookie: string | undefined,
    language: SupportedLanguage,
    meta: RequestMeta = {},
  ): Promise<OidcResult> {
    const flow = this.#open(cookie);
    if (flow === undefined) return this.#refuse('flow-expired', undefined, meta);
    const config = await this.#configuration();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      claims = { ...idClaims };
      // Many providers (ProConnect among them) give the email only at the userinfo endpoint.
      if (typeof claims.email !== 'string') {
        claims = {
          ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)),
          ...idClaims,
        };
      }
    } catch (error) {
      if (isUnreachable(error)) throw unavailable(error);
      return this.#refuse('provider-error', undefined, meta, { error: describe(error) });
    }
    return this.#signInWith(claims, language, meta);
  }

  async #signInWith(
    claims: Record<string, unknown>,
    language: SupportedLanguage,
    meta: RequestMeta,
  ): Promise<OidcResult> {
    const identity = { issuer: this.settings.issuer, subject: String(claims.sub) };
    const email = typeof claims.email === 'string' ? claims.email.trim() : undefined;
    const accounts = this.#store.accounts;
    let user = await accounts.findUserByOidc(identity.issuer, identity.subject);
    if (user === undefined) {
      // An email the provider does not vouch for could be anyone's (some let their users type
      // it): it must not open, link or make an account.
      const verified =
        claims.email_verified === true ||
        (this.settings.trustEmail === true && claims.email_verified === undefined);
      if (email === undefined || !verified) return this.#refuse('no-email', email, meta);
      const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
      const allowed = this.settings.allowedDomains;
      if (allowed !== undefined && !allowed.includes(domain)) {
        return this.#refuse('domain-not-allowed', email, meta);
      }
      const known = await accounts.findUserByEmail(email);
      if (known?.oidc !== undefined) return this.#refuse('identity-taken', email, meta);
      if (known !== undefined) {
        user = await accounts.updateUser(known.id, { oidc: identity });
      } else {
        if (allowed === undefined || this.settings.newUsers === 'refuse') {
          return this.#refuse('no-account', email, meta);
        }
        user = await this.#create(email, claims, language, identity, this.settings.newUsers.grants);
      }
    } else if (
      this.settings.allowedDomains !== undefined &&
      !this.settings.allowedDomains.includes(user.email.split('@').pop()!.toLowerCase())
    ) {
      return this.#refuse('domain-not-allowed', user.email, meta);
    }
    if (!user.active) return this.#refuse('disabled', user.email, meta, {}, user);
    return this.#signIn.signInVerified(user, 'oidc', meta);
  }

  async #create(
    email: string,
    claims: Record<string, unknown>,
    language: SupportedLanguage,
    identity: { issuer: string; subject: string },
    grants: readonly Grant[],
  ): Promise<UserRecord> {
    const accounts = this.#store.accounts;
    const name =
      [claims.given_name, claims.usual_name ?? claims.family_name]
        .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
        .join(' ') || (typeof claims.name === 'string' ? claims.name : email);
    const created = await accounts.createUser({
      email,
      displayName: name.slice(0, 200),
      language,
      oidc: identity,
      at: this.#now(),
    });
    for (const grant of grants) await accounts.grant(created.id, grant, { at: this.#now() });
    await this.#audit.record({
      actor: { kind: 'user', id: created.id, label: created.email },
      action: 'user.add',
      object: created.email,
      outcome: 'success',
      changes: {
        via: 'oidc',
        grants: grants.map((g) => (g.role === 'admin' ? 'admin' : `${g.role}@${g.portalId}`)),
      },
    });
    return (await accounts.getUser(created.id))!;
  }

  async #refuse(
    reason: OidcRefusal,
    email: string | undefined,
    meta: RequestMeta,
    changes: Record<string, unknown> = {},
    user?: UserRecord,
  ): Promise<OidcResult> {
    await this.#audit.record(
      {
        actor: user ? userActor(user) : { kind: 'anonymous', label: email ?? '(oidc)' },
        action: 'auth.sign-in',
        outcome: 'failure',
        changes: { method: 'oidc', reason, ...changes },
      },
      meta,
    );
    return { outcome: 'refused', reason };
  }

  #configuration(): Promise<oidc.Configuration> {
    this.#config ??= this.#discover().catch((error: unknown) => {
      // Not cached: the provider may be back on the next attempt.
      this.#config = undefined;
      throw unavailable(error);
    });
    return this.#config;
  }

  async #discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    const auth =
      this.settings.clientSecret === undefined
        ? oidc.None()
        : oidc.ClientSecretBasic(this.settings.clientSecret);
    return oidc.discovery(
      issuer,
      this.settings.clientId,
      undefined,
      auth,
      // Plain http only towards a provider on this machine (a test or a local proxy).
      isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }

  #seal(flow: Flow): string {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }

  #open(cookie: string | undefined): Flow | undefined {
    if (cookie === undefined) return undefined;
    const [body, mac] = cookie.split('.');
    if (body === undefined || mac === undefined) return undefined;
    const expected = Buffer.from(this.#mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString()) as Flow;
    return flow.expires > this.#now().getTime() ? flow : undefined;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}

function isLoopback(url: URL): boolean {
  return (
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' || url.hostname === '[::1]' || url.hostname.startsWith('127.'))
  );
}

/** Network failures reaching the provider are an outage (503), not the user's doing. */
function isUnreachable(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return (
    error instanceof TypeError &&
    /fetch failed/i.test(error.message) &&
    (cause?.code === undefined || /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR)/.test(cause.code))
  );
}

function unavailable(error: unknown): Error {
  return error instanceof UnavailableError
    ? error
    : new UnavailableError('the single sign-on provider cannot be reached', { cause: error });
}

function describe(error: unknown): string {
  const e = error as { error?: unknown; code?: unknown; message?: unknown };
  return String(e.error ?? e.code ?? e.message ?? 'error').slice(0, 200);
}
