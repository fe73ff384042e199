import { isIP } from 'node:net';
import { getDomain } from 'tldts-experimental';

/**
 * A host's site, its registrable domain by the public-suffix list (private suffixes such as
 * `github.io` included, so two projects there are two sites): what "same site" means for a
 * crawl and for the sites a portal may scan. An IP address is its own site, and so is each
 * `*.localhost` name, distinct sites for scans of a local server.
 */
export function siteOf(host: string): string {
  const h = host
    .replace(/^\[|\]$/g, '')
    .replace(/^\./, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (isIP(h) !== 0 || h === 'localhost' || h.endsWith('.localhost')) return h;
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}
