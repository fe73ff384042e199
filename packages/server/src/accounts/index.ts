export { AccountService, type AddedUser, type NewUserInput } from './account-service.js';
export {
  createAccountServices,
  sessionPolicyOf,
  type AccountServices,
  type AccountServicesOptions,
} from './account-services.js';
export {
  AuditLog,
  MAX_AUDIT_CHANGES_LENGTH,
  sanitizeChanges,
  type AuditFilters,
  type AuditRecord,
} from './audit-log.js';
export { ClientPseudonyms } from './client-pseudonyms.js';
export { OwnAccountService } from './own-account-service.js';
export {
  ARGON2ID_OWASP,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PasswordHasher,
} from './password-hasher.js';
export { PasswordLinkService, type LinkInfo, type UseLinkInput } from './password-link-service.js';
export {
  PASSWORD_LINK_TTL_MS,
  passwordLinkUrl,
  SET_PASSWORD_PATH,
  type IssuedLink,
} from './password-links.js';
export {
  OIDC_CALLBACK_PATH,
  OIDC_FLOW_COOKIE,
  OIDC_FLOW_LIFETIME_S,
  OidcSignIn,
  type OidcRefusal,
  type OidcResult,
  type OidcSettings,
} from './oidc-sign-in.js';
export type { RequestMeta } from './request-meta.js';
export { SecondFactorService, type SecondFactorProposal } from './second-factor-service.js';
export { CHALLENGE_LIFETIME_MS, SignInChallenges } from './sign-in-challenge.js';
export {
  CONSOLE_PORTAL_ID,
  DEFAULT_SESSION_POLICY,
  hashSessionId,
  SESSION_COOKIE,
  sessionPolicyFromDeclarations,
  SessionService,
  userPrincipal,
  type SessionPolicy,
  type StartedSession,
  type ValidSession,
} from './session-service.js';
export {
  DEFAULT_THROTTLE_POLICY,
  SignIn,
  type SignInResult,
  type ThrottlePolicy,
} from './sign-in.js';
export {
  addDuration,
  hashToken,
  TOKEN_PREFIX,
  tokenPrincipal,
  TokenService,
  type CreatedToken,
  type NewTokenInput,
} from './token-service.js';
