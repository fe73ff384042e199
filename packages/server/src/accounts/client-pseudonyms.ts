import { createHmac, randomBytes } from 'node:crypto';

/**
 * Keyed, daily-rotating pseudonyms of client addresses, for the audit log and sign-in
 * throttling: the same address gives the same pseudonym all day on every node sharing the key
 * (derived from `GALETTE_SECRET`), another the next day. Addresses themselves are never stored.
 */
export class ClientPseudonyms {
  readonly #key: Buffer;

  /** Without a secret, a random key: pseudonyms then differ between nodes and restarts. */
  constructor(secret: string | undefined) {
    this.#key =
      secret === undefined || secret === ''
        ? randomBytes(32)
        : createHmac('sha256', secret).update('galette account pseudonym').digest();
  }

  of(address: string | undefined, at: Date): string | undefined {
    if (address === undefined || address === '') return undefined;
    return createHmac('sha256', this.#key)
      .update(`${at.toISOString().slice(0, 10)}\n${address}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
