import { createHash, timingSafeEqual } from 'node:crypto';
import { GaletteError, translate } from '@galette/core';
import type { Context } from 'hono';
import { requestHeader } from '../request-header.js';

/**
 * Until the back office has logins, the admin API takes `Authorization: Bearer <GALETTE_SECRET>`;
 * without a secret it is closed. Digests are compared, in constant time, so neither the
 * comparison's duration nor the token's length leaks.
 */
export function requireAdminToken(c: Context, token: string | undefined, lang: string): void {
  const refuse = (key: 'consent.error.adminDisabled' | 'consent.error.adminToken') => {
    // The challenge belongs to 401 answers only (RFC 9110 §11.6.1).
    c.header('WWW-Authenticate', 'Bearer realm="galette-admin"');
    return new GaletteError('unauthorized', translate(lang, key));
  };
  if (!token) throw refuse('consent.error.adminDisabled');
  const given = /^Bearer\s+(\S+)\s*$/i.exec(requestHeader(c, 'authorization') ?? '')?.[1];
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (given === undefined || !timingSafeEqual(digest(given), digest(token))) {
    throw refuse('consent.error.adminToken');
  }
}
