import { createHash, randomBytes } from 'node:crypto';
import type { AccountStore, PasswordLinkPurpose } from '@galette/storage';

/** How long a set-password link works. */
export const PASSWORD_LINK_TTL_MS = 24 * 3_600_000;

/** The console page where a link's holder chooses a password (served by the console). */
export const SET_PASSWORD_PATH = '/admin/set-password';

/** A link just issued: its token exists nowhere else (the store has its hash). */
export interface IssuedLink {
  readonly token: string;
  readonly expiresAt: Date;
}

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `<public url>/admin/set-password?token=…`, keeping any path prefix of the public URL. */
export function passwordLinkUrl(publicUrl: string, token: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl.slice(0, -1) : publicUrl;
  return `${base}${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * Stores a new link for `userId` (undefined: the first administrator) valid 24 hours, voiding
 * the earlier unused ones, and returns its token.
 */
export async function issuePasswordLink(
  store: AccountStore,
  now: Date,
  userId: string | undefined,
  purpose: PasswordLinkPurpose,
  by: string,
): Promise<IssuedLink> {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  await store.createPasswordLink({
    tokenHash,
    ...(userId === undefined ? {} : { userId }),
    purpose,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    createdBy: by,
  });
  return { token, expiresAt };
}
