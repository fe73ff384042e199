import { siteOf } from '@galette/core/node';

/**
 * "Same site" is the registrable domain by the public-suffix list (core's `siteOf`): cookies and
 * requests are first-party when their host is on the scanned page's site.
 */
export { siteOf };

export function sameSite(a: string, b: string): boolean {
  return siteOf(a) === siteOf(b);
}

/** Whether a cookie domain (`.example.org` or a host) applies to `host`. */
export function domainMatches(cookieDomain: string, host: string): boolean {
  const d = cookieDomain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
