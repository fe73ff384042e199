import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id configuration (Password Storage Cheat Sheet): 19 MiB of memory, two passes,
 * one lane. About 30–60 ms per hash on a server core.
 */
export const ARGON2ID_OWASP = {
  algorithm: 2, // Argon2id (a const enum in @node-rs/argon2's types)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Shortest password accepted: 12 characters, the ANSSI's floor for a password that guards an
 * account (recommandations relatives à l'authentification multifacteur et aux mots de passe).
 */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest: hashing is bounded work, whatever a client sends. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Hashes passwords with argon2id and checks them. For accounts that do not exist (or have no
 * password), `verifyNothing` does the same work against a fixed hash, so that a sign-in takes as
 * long whether the email is known or not.
 */
export class PasswordHasher {
  readonly #options: typeof ARGON2ID_OWASP;
  #dummy: Promise<string> | undefined;

  constructor(options: typeof ARGON2ID_OWASP = ARGON2ID_OWASP) {
    this.#options = options;
  }

  hash(password: string): Promise<string> {
    return hash(password, this.#options);
  }

  /** False for a wrong password or a hash that is not an argon2 PHC string. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real verification, and always answers false. */
  async verifyNothing(password: string): Promise<false> {
    this.#dummy ??= this.hash('galette: no such account');
    await this.verify(await this.#dummy, password);
    return false;
  }
}
