import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenPrincipal } from '@galette/core';
import type { ConsoleAuthenticator } from '../admin/console-router.js';

/**
 * Until API tokens are stored, the admin API takes `Authorization: Bearer <GALETTE_SECRET>` as
 * an administrator's token; without a secret it is closed. Digests are compared, in constant
 * time, so neither the comparison's duration nor the token's length leaks.
 */
export function secretAuthenticator(secret: string | undefined): ConsoleAuthenticator {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = secret ? digest(secret) : undefined;
  const principal: TokenPrincipal = {
    kind: 'token',
    tokenId: 'galette-secret',
    name: 'GALETTE_SECRET',
    grants: [{ role: 'admin' }],
  };
  return {
    session: () => Promise.resolve(undefined),
    token: (value) =>
      Promise.resolve(expected && timingSafeEqual(digest(value), expected) ? principal : undefined),
  };
}
