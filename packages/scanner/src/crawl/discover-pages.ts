import { parseRobots, SCANNER_USER_AGENT, type RobotsRules } from './robots.js';
import { hostOf, sameSite } from '../site.js';
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
  /** How pages are fetched; the global `fetch` by default (tests give their own). */
  readonly fetch?: typeof fetch;
}

const NOT_A_PAGE =
  /\.(pdf|zip|gz|tgz|csv|xlsx?|docx?|pptx?|odt|ods|json|xml|rss|atom|geojson|png|jpe?g|gif|svg|webp|ico|mp4|webm|mp3|woff2?|ttf|css|js)$/i;
const MAX_SITEMAPS = 5;

/**
 * Breadth-first discovery of the pages to scan, with plain HTTP (no browser): the start page,
 * then what `robots.txt` and `/sitemap.xml` list, then links, level by level. Pages on the start
 * URL's site (its registrable domain: `www.` and `data.` of one portal alike) are crawled, in
 * http or https; each origin's own `robots.txt` is obeyed for everything but the start page,
 * which the operator asked for by name. Every fetch stops at the page timeout or the deadline,
 * whichever comes first.
 */
export async function discoverPages(options: DiscoverOptions): Promise<Discovery> {
  const start = new URL(options.startUrl);
  start.hash = '';
  const origin = start.origin;
  const excluded: { url: string; reason: string }[] = [];
  const seen = new Set<string>([start.href]);
  const pages: DiscoveredPage[] = [];
  const fetchPage = options.fetch ?? fetch;
  const get = (url: string) =>
    fetchPage(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(
        Math.max(1, Math.min(options.pageTimeoutMs, options.deadline - Date.now())),
      ),
      headers: {
        'user-agent': options.userAgent ?? `Mozilla/5.0 (compatible; ${SCANNER_USER_AGENT})`,
      },
    });

  // One robots.txt per origin, read the first time a page of that origin comes up.
  const robotsByOrigin = new Map<string, Promise<RobotsRules>>();
  const robotsOf = (o: string) => {
    let rules = robotsByOrigin.get(o);
    if (!rules) {
      rules = get(`${o}/robots.txt`)
        .then(async (res) => parseRobots(res.ok ? await res.text() : ''))
        // No robots.txt, or none readable: everything is allowed.
        .catch(() => parseRobots(''));
      robotsByOrigin.set(o, rules);
    }
    return rules;
  };
  const robots = await robotsOf(origin);

  const queue: DiscoveredPage[] = [{ url: start.href, depth: 0, via: 'start' }];
  const consider = async (url: string, depth: number, via: DiscoveredPage['via']) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return;
    }
    u.hash = '';
    if (!/^https?:$/.test(u.protocol) || !sameSite(u.hostname, start.hostname)) return;
    if (seen.has(u.href)) return;
    seen.add(u.href);
    if (NOT_A_PAGE.test(u.pathname)) return;
    if (depth > options.maxDepth) {
      excluded.push({ url: u.href, reason: 'depth' });
      return;
    }
    if (!(await robotsOf(u.origin)).allows(u.pathname + u.search)) {
      excluded.push({ url: u.href, reason: 'robots.txt' });
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
      sitemapQueue.push(...sitemaps.filter((m) => sameSite(hostOf(m), start.hostname)));
      for (const loc of urls) await consider(loc, 1, 'sitemap');
    } catch {
      // An unreadable sitemap only means fewer pages: links still lead to them.
    }
  }

  // The start page goes first; sitemap entries follow it, ahead of the links found later.
  while (queue.length > 0 && pages.length < options.maxPages && Date.now() < options.deadline) {
    queue.sort((a, b) => a.depth - b.depth);
    const page = queue.shift()!;
    let html = '';
    // Links resolve against where a redirect led, not where it started.
    let base = page.url;
    try {
      const res = await get(page.url);
      if (res.url) base = res.url;
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
      for (const link of htmlLinks(html, base)) {
        if (Date.now() >= options.deadline) break;
        await consider(link, page.depth + 1, 'link');
      }
    }
  }
  const reason = pages.length >= options.maxPages ? 'page-limit' : 'time-limit';
  for (const rest of queue) excluded.push({ url: rest.url, reason });
  return { pages, excluded, truncated: queue.length > 0 };
}
