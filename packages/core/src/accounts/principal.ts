import type { SupportedLanguage } from '../i18n/supported-languages.js';
import type { Grant } from './roles.js';

/** A person signed in to the console through a session. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly language: SupportedLanguage;
  readonly grants: readonly Grant[];
  /** The session that authenticated the request (its stored reference, never the cookie value). */
  readonly sessionRef?: string;
  /** Whether the user has a confirmed second factor (TOTP). */
  readonly secondFactor?: boolean;
}

/** A program calling the admin API with `Authorization: Bearer galette_…`. */
export interface TokenPrincipal {
  readonly kind: 'token';
  readonly tokenId: string;
  readonly name: string;
  readonly grants: readonly Grant[];
}

/**
 * The operator at the `galette` command: whoever can run it can read the database anyway, so it
 * acts as an administrator.
 */
export interface CliPrincipal {
  readonly kind: 'cli';
  readonly grants: readonly Grant[];
}

/** Who is asking. */
export type Principal = UserPrincipal | TokenPrincipal | CliPrincipal;

export const CLI_PRINCIPAL: CliPrincipal = { kind: 'cli', grants: [{ role: 'admin' }] };

/** How the audit log names an actor. */
export interface Actor {
  readonly kind: 'user' | 'token' | 'cli' | 'anonymous';
  /** The user's or token's id; absent for the CLI and anonymous requests. */
  readonly id?: string;
  /** Email, token name, `cli`, or what an anonymous request claimed (an email typed at sign-in). */
  readonly label: string;
}

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { kind: 'user', id: principal.userId, label: principal.email };
    case 'token':
      return { kind: 'token', id: principal.tokenId, label: principal.name };
    case 'cli':
      return { kind: 'cli', label: 'cli' };
  }
}
