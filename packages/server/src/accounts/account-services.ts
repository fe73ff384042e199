import type { Store } from '@galette/storage';
import { AccountService } from './account-service.js';
import { AuditLog } from './audit-log.js';
import { ClientPseudonyms } from './client-pseudonyms.js';
import { OwnAccountService } from './own-account-service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordLinkService } from './password-link-service.js';
import {
  CONSOLE_PORTAL_ID,
  sessionPolicyFromDeclarations,
  SessionService,
  type SessionPolicy,
} from './session-service.js';
import { OidcSignIn, type OidcSettings } from './oidc-sign-in.js';
import { SecondFactorService } from './second-factor-service.js';
import { SignIn, type ThrottlePolicy } from './sign-in.js';
import { SignInChallenges } from './sign-in-challenge.js';
import { TokenService } from './token-service.js';

export interface AccountServicesOptions {
  /** `GALETTE_SECRET`: keys the client address pseudonyms, so all nodes agree on them. */
  readonly secret?: string;
  readonly now?: () => Date;
  /**
   * Defaults to what the console's charter declares (`sessionPolicyOf`, else 12 h / 2 h), read
   * at the first session and again after `sessions.reloadPolicy()`.
   */
  readonly sessionPolicy?: SessionPolicy;
  readonly throttle?: ThrottlePolicy;
  readonly hasher?: PasswordHasher;
  /** Single sign-on through an OpenID Connect provider (`GALETTE_OIDC_*`); off when absent. */
  readonly oidc?: OidcSettings;
}

/** Every account service, wired once on one store; the console, admin API and CLI share them. */
export interface AccountServices {
  readonly users: AccountService;
  readonly links: PasswordLinkService;
  readonly own: OwnAccountService;
  readonly sessions: SessionService;
  readonly signIn: SignIn;
  readonly secondFactor: SecondFactorService;
  /** Present when single sign-on is configured. */
  readonly oidc?: OidcSignIn;
  readonly tokens: TokenService;
  readonly audit: AuditLog;
  readonly hasher: PasswordHasher;
  readonly pseudonyms: ClientPseudonyms;
}

export function createAccountServices(
  store: Store,
  options: AccountServicesOptions = {},
): AccountServices {
  const now = options.now ?? (() => new Date());
  const hasher = options.hasher ?? new PasswordHasher();
  const pseudonyms = new ClientPseudonyms(options.secret);
  const audit = new AuditLog(store.accounts, pseudonyms, { now });
  const parts = { store, hasher, audit, pseudonyms, now };
  const sessions = new SessionService(store.accounts, audit, pseudonyms, {
    now,
    policy: options.sessionPolicy ?? (() => sessionPolicyOf(store)),
  });
  const secondFactor = new SecondFactorService({ store, audit, now });
  const signIn = new SignIn({
    ...parts,
    store: store.accounts,
    sessions,
    secondFactor,
    challenges: new SignInChallenges(options.secret, now),
    ...(options.throttle === undefined ? {} : { policy: options.throttle }),
  });
  const services: AccountServices = {
    users: new AccountService(parts),
    links: new PasswordLinkService(parts),
    own: new OwnAccountService(parts),
    sessions,
    signIn,
    secondFactor,
    tokens: new TokenService(parts),
    audit,
    hasher,
    pseudonyms,
  };
  if (options.oidc === undefined) return services;
  return {
    ...services,
    oidc: new OidcSignIn(options.oidc, {
      store,
      signIn,
      audit,
      now,
      ...(options.secret === undefined ? {} : { secret: options.secret }),
    }),
  };
}

/**
 * The session policy the console's own charter declares: the `sessionid` lifetime of
 * `galette.localhost`'s latest published revision (its draft when never published).
 */
export async function sessionPolicyOf(store: Store): Promise<SessionPolicy> {
  const revision = await store.latestRevision(CONSOLE_PORTAL_ID);
  const content = revision?.content ?? (await store.getPortal(CONSOLE_PORTAL_ID));
  return sessionPolicyFromDeclarations(content?.declarations ?? []);
}
