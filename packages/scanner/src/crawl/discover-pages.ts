import { parseRobots, SCANNER_USER_AGENT, type RobotsRules } from './robots.js';
import { htmlLinks, sitemapLocations } from './sitemap.js';

export interface DiscoveredPage {
  readonly url: string;
  readonly depth: number;
  readonly via: 'start' | 'sitemap' | 'link';
}

export interface Discovery {
  readonly pages: DiscoveredPage[];
  readonly excluded: { url: string; reason: string }[];
  /** Stopped by the page budget or the deadline with addresses still queued. */
  readonly truncated: boolean;
}

export interface DiscoverOptions {
  readonly startUrl: string;
  readonly maxPages: number;
  readonly maxDepth: number;
  readonly pageTimeoutMs: number;
  /** `Date.now()` past which nothing more is fetched. */
  readonly deadline: number;
  readonly userAgent?: string;
}

const NOT_A_PAGE =
  /\.(pdf|zip|gz|tgz|csv|xlsx?|docx?|pptx?|odt|ods|json|xml|rss|atom|geojson|png|jpe?g|gif|svg|webp|ico|mp4|webm|mp3|woff2?|ttf|css|js)$/i;
const MAX_SITEMAPS = 5;

/**
 * Breadth-first discovery of the pages to scan, with plain HTTP (no browser): the start page,
 * then what `robots.txt` and `/sitemap.xml` list, then links, level by level. Only the start
 * URL's origin is crawled; `robots.txt` is obeyed for everything but the start page, which the
 * operator asked for by name.
 */
export async function discoverPages(options: DiscoverOptions): Promise<Discovery> {
  const start = new URL(options.startUrl);
  start.hash = '';
  const origin = start.origin;
  const excluded: { url: string; reason: string }[] = [];
  const seen = new Set<string>([start.href]);
  const pages: DiscoveredPage[] = [];
  const get = (url: string) =>
    fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(options.pageTimeoutMs),
      headers: {
        'user-agent': options.userAgent ?? `Mozilla/5.0 (compatible; ${SCANNER_USER_AGENT})`,
      },
    });

  let robots: RobotsRules = parseRobots('');
  try {
    const res = await get(`${origin}/robots.txt`);
    if (res.ok) robots = parseRobots(await res.text());
  } catch {
    // No robots.txt: everything is allowed.
  }

  const queue: DiscoveredPage[] = [{ url: start.href, depth: 0, via: 'start' }];
  const consider = (url: string, depth: number, via: DiscoveredPage['via']) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return;
    }
    u.hash = '';
    if (u.origin !== origin || seen.has(u.href)) return;
    seen.add(u.href);
    if (NOT_A_PAGE.test(u.pathname)) return;
    if (!robots.allows(u.pathname + u.search)) {
      excluded.push({ url: u.href, reason: 'robots.txt' });
      return;
    }
    if (depth > options.maxDepth) {
      excluded.push({ url: u.href, reason: 'depth' });
      return;
    }
    queue.push({ url: u.href, depth, via });
  };

  const sitemapQueue = [...robots.sitemaps, `${origin}/sitemap.xml`];
  const sitemapsSeen = new Set<string>();
  while (
    sitemapQueue.length > 0 &&
    sitemapsSeen.size < MAX_SITEMAPS &&
    Date.now() < options.deadline
  ) {
    const url = sitemapQueue.shift()!;
    if (sitemapsSeen.has(url)) continue;
    sitemapsSeen.add(url);
    try {
      const res = await get(url);
      if (!res.ok) continue;
      const { urls, sitemaps } = sitemapLocations(await res.text());
      sitemapQueue.push(...sitemaps);
      for (const loc of urls) consider(loc, 1, 'sitemap');
    } catch {
      // An unreadable sitemap only means fewer pages: links still lead to them.
    }
  }

  // The start page goes first; sitemap entries follow it, ahead of the links found later.
  while (queue.length > 0 && pages.length < options.maxPages && Date.now() < options.deadline) {
    queue.sort((a, b) => a.depth - b.depth);
    const page = queue.shift()!;
    let html = '';
    try {
      const res = await get(page.url);
      const type = res.headers.get('content-type') ?? '';
      if (!/html/i.test(type)) {
        if (page.via !== 'start') excluded.push({ url: page.url, reason: 'not-html' });
        if (page.via !== 'start') continue;
      } else {
        html = await res.text();
      }
    } catch {
      // The browser will try it and record the failure; fetching is only for links.
    }
    pages.push(page);
    if (page.depth < options.maxDepth) {
      for (const link of htmlLinks(html, page.url)) consider(link, page.depth + 1, 'link');
    }
  }
  for (const rest of queue) excluded.push({ url: rest.url, reason: 'page-limit' });
  return { pages, excluded, truncated: queue.length > 0 };
}
