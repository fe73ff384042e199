import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a user has to type their code once the password checked. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;

/**
 * The proof, between the password step and the code step of a sign-in, that the password was
 * right: the user's id and an expiry, signed. It travels in the code form's hidden field, so the
 * console sets no cookie that its charter does not declare, and nodes sharing `GALETTE_SECRET`
 * accept each other's.
 */
export class SignInChallenges {
  readonly #key: Buffer;
  readonly #now: () => Date;

  constructor(secret: string | undefined, now: () => Date = () => new Date()) {
    // Without a configured secret, a key per process: a restart asks for the password again.
    this.#key = createHmac('sha256', secret ?? randomBytes(32))
      .update('galette sign-in challenge')
      .digest();
    this.#now = now;
  }

  issue(userId: string): string {
    const expires = this.#now().getTime() + CHALLENGE_LIFETIME_MS;
    const body = `${Buffer.from(userId).toString('base64url')}.${expires.toString(36)}`;
    return `${body}.${this.#sign(body)}`;
  }

  /** The user id of a valid, unexpired challenge, else undefined. */
  open(challenge: string): string | undefined {
    const parts = challenge.split('.');
    if (parts.length !== 3) return undefined;
    const [id, expires, mac] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${id}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (parseInt(expires, 36) < this.#now().getTime()) return undefined;
    return Buffer.from(id, 'base64url').toString();
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}
