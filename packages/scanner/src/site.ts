/**
 * "Same site" without a public-suffix list: the registrable domain is the last two labels, or
 * three under the few public second-level suffixes portals use (`gouv.fr`, `co.uk`…). An IP
 * address or a single-label host is its own site. Cookies and requests are first-party when
 * their host is on the scanned page's site.
 */
const SECOND_LEVEL = new Set([
  'gouv.fr',
  'asso.fr',
  'com.fr',
  'nom.fr',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'co.jp',
  'com.br',
  'co.nz',
  'github.io',
  'gitlab.io',
  'netlify.app',
  'vercel.app',
]);

export function siteOf(host: string): string {
  const h = host.replace(/^\./, '').replace(/\.$/, '').toLowerCase();
  if (/^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return h;
  const labels = h.split('.');
  const two = labels.slice(-2).join('.');
  if (labels.length >= 3 && SECOND_LEVEL.has(two)) return labels.slice(-3).join('.');
  // `*.localhost` names are distinct sites for a scan run against a local server.
  if (labels.at(-1) === 'localhost') return h;
  return two;
}

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
