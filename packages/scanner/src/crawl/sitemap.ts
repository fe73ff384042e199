/** The `<loc>` addresses of a sitemap or sitemap index (XML), entities decoded. */
export function sitemapLocations(xml: string): { urls: string[]; sitemaps: string[] } {
  const urls: string[] = [];
  const sitemaps: string[] = [];
  const isIndex = /<sitemapindex[\s>]/i.test(xml);
  for (const m of xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)) {
    const loc = m[1]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
    (isIndex ? sitemaps : urls).push(loc);
  }
  return { urls, sitemaps };
}

/** Links of an HTML page (`<a href>`, `<area href>`), resolved against its address. */
export function htmlLinks(html: string, base: string): string[] {
  const out: string[] = [];
  const baseTag = /<base\s[^>]*href\s*=\s*["']([^"']+)["']/i.exec(html);
  const resolvedBase = baseTag ? (safeUrl(baseTag[1]!, base) ?? base) : base;
  for (const m of html.matchAll(
    /<(?:a|area)\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi,
  )) {
    const href = (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&').trim();
    if (!href || /^(javascript|mailto|tel|data):/i.test(href)) continue;
    const url = safeUrl(href, resolvedBase);
    if (url) out.push(url);
  }
  return out;
}

function safeUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
