import { GaletteError, translate, type PortalContent } from '@galette/core';
import type { Context } from 'hono';
import { requestHeader } from '../request-header.js';
import { ownOrigin } from './client-address.js';
import type { ConsentApi } from './consent-api.js';

const ECHOED_ORIGIN_LENGTH = 100;

/**
 * CORS for the consent routes. A request without `Origin` does not come from a page (a server,
 * `curl`) and CORS has nothing to say about it. One with an `Origin` must come from the portal's
 * declared origins or from Galette itself; it then gets the headers that let the page read the
 * answer, errors included.
 */
export function checkConsentOrigin(
  c: Context,
  api: ConsentApi,
  portal: Pick<PortalContent, 'id' | 'origins'>,
  lang: string,
  options: { readonly refuse: boolean } = { refuse: true },
): boolean {
  const origin = requestHeader(c, 'origin');
  c.header('Vary', 'Origin', { append: true });
  if (origin === undefined) return true;
  const allowed =
    portal.origins.includes(origin) ||
    api.selfOrigins.has(origin) ||
    origin === ownOrigin(c, api.trustProxy);
  if (allowed) {
    c.header('Access-Control-Allow-Origin', origin);
    // So the widget can read when to retry after a 429.
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    return true;
  }
  if (!options.refuse) return false;
  const shown =
    origin.length > ECHOED_ORIGIN_LENGTH ? `${origin.slice(0, ECHOED_ORIGIN_LENGTH)}…` : origin;
  throw new GaletteError(
    'forbidden',
    translate(lang, 'consent.error.originNotAllowed', { origin: shown, portalId: portal.id }),
  );
}
