import { createHmac } from 'node:crypto';

/** Turns a client address into the pseudonym stored for abuse tracing. */
export type Pseudonymizer = (address: string, at: Date) => string;

/**
 * A keyed pseudonym that rotates every UTC day: the same client gets the same pseudonym all day
 * on every node (the key derives from `GALETTE_SECRET`), so abuse can be traced, and another one
 * the next day, so visits cannot be linked over time. The address itself is never stored.
 */
export function createPseudonymizer(secret: string): Pseudonymizer {
  const key = createHmac('sha256', secret).update('galette consent pseudonym').digest();
  return (address, at) =>
    createHmac('sha256', key)
      .update(`${at.toISOString().slice(0, 10)}\n${address}`)
      .digest('base64url')
      .slice(0, 22);
}
