import { siteOf } from '@galette/core/node';
import { z } from '@hono/zod-openapi';

/** Most pages a scan asked from the console or the API may visit. */
export const MAX_SCAN_PAGES = 200;

/** The scenarios of « main »: no choice, refuse all, accept all. */
export const MAIN_SCAN_SCENARIOS = ['no-action', 'refuse-all', 'accept-all'];

/** Body of `POST /api/v1/admin/portals/{portalId}/scans` (may be empty). */
export const scanStartShape = z.strictObject({
  url: z.string().max(2000).optional().meta({
    description:
      'Start address, an http(s) page of one of the portal’s own sites (its url and origins, same registrable domain by the public-suffix list); default the portal’s url.',
  }),
  pages: z
    .number()
    .int()
    .min(1)
    .max(MAX_SCAN_PAGES)
    .optional()
    .meta({ description: 'Most pages visited; default 20.' }),
  scenarios: z.enum(['all', 'main']).optional().meta({
    description:
      '`all` (default: no choice, refuse all, accept all, each category, withdraw) or `main` (the first three).',
  }),
});
export type ScanStart = z.output<typeof scanStartShape>;

/** The sites a portal's scans may visit: those of its url and origins. */
export function portalSites(portal: { url: string; origins: readonly string[] }): string[] {
  return [...new Set([portal.url, ...portal.origins].map((u) => siteOf(new URL(u).hostname)))];
}

/**
 * The start address, when it is an http(s) page of one of `sites`: a scan only visits the
 * portal's own sites, so no one can send the server's browser anywhere else.
 */
export function scanStartUrl(text: string, sites: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return /^https?:$/.test(url.protocol) && sites.includes(siteOf(url.hostname))
    ? url.href
    : undefined;
}
