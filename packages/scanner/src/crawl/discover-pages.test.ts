import { describe, expect, it } from 'vitest';
import { discoverPages, type DiscoverOptions } from './discover-pages.js';

type Site = Record<string, string | { body: string; type?: string; delayMs?: number }>;

/** A fetch over a map of addresses: HTML by default, 404 for anything missing. */
function fakeFetch(site: Site, log: string[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    log.push(url);
    const entry = site[url];
    if (entry === undefined) return new Response('', { status: 404 });
    const { body, type, delayMs } = typeof entry === 'string' ? { body: entry } : entry;
    if (delayMs) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delayMs);
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
    }
    const type_ = type ?? (url.endsWith('.txt') ? 'text/plain' : 'text/html');
    return new Response(body, { headers: { 'content-type': type_ } });
  }) as typeof fetch;
}

const links = (...hrefs: string[]) => hrefs.map((h) => `<a href="${h}">${h}</a>`).join(' ');
const discover = (site: Site, options: Partial<DiscoverOptions> = {}, log?: string[]) =>
  discoverPages({
    startUrl: 'https://www.example.org/',
    maxPages: 20,
    maxDepth: 2,
    pageTimeoutMs: 1000,
    deadline: Date.now() + 10_000,
    fetch: fakeFetch(site, log),
    ...options,
  });
const paths = (d: Awaited<ReturnType<typeof discoverPages>>) =>
  d.pages.map((p) => `${p.depth} ${p.via} ${p.url}`);

describe('discoverPages', () => {
  it('crawls the whole registrable domain, breadth first, and nothing of other sites', async () => {
    const d = await discover({
      'https://www.example.org/': links(
        '/a',
        'https://data.example.org/explore',
        'http://example.org/plain',
        'https://tracker.example.com/x',
        'mailto:x@example.org',
        '/file.pdf',
      ),
      'https://www.example.org/a': links('/a/deeper'),
      'https://www.example.org/a/deeper': links('/a/deepest'),
      'https://data.example.org/explore': links('/explore/dataset'),
      'https://data.example.org/explore/dataset': '',
      'http://example.org/plain': '',
      'https://www.example.org/sitemap.xml': {
        type: 'application/xml',
        body: '<urlset><url><loc>https://www.example.org/from-sitemap</loc></url><url><loc>https://elsewhere.net/no</loc></url></urlset>',
      },
      'https://www.example.org/from-sitemap': '',
    });
    expect(paths(d)).toEqual([
      '0 start https://www.example.org/',
      '1 sitemap https://www.example.org/from-sitemap',
      '1 link https://www.example.org/a',
      '1 link https://data.example.org/explore',
      '1 link http://example.org/plain',
      '2 link https://www.example.org/a/deeper',
      '2 link https://data.example.org/explore/dataset',
    ]);
    // /a/deeper is at the depth limit: its links are not followed.
    expect(d.excluded).toEqual([]);
    expect(d.truncated).toBe(false);
  });

  it("obeys each origin's own robots.txt, read once, but always scans the start page", async () => {
    const log: string[] = [];
    const d = await discover(
      {
        'https://www.example.org/robots.txt': 'User-agent: *\nDisallow: /\n',
        'https://www.example.org/': links(
          '/private',
          'https://data.example.org/a',
          'https://data.example.org/b',
        ),
        'https://data.example.org/robots.txt':
          'User-agent: galette\nDisallow: /b\n\nUser-agent: *\nDisallow: /\n',
        'https://data.example.org/a': '',
      },
      {},
      log,
    );
    expect(paths(d)).toEqual([
      '0 start https://www.example.org/',
      '1 link https://data.example.org/a',
    ]);
    expect(d.excluded).toEqual([
      { url: 'https://www.example.org/private', reason: 'robots.txt' },
      { url: 'https://data.example.org/b', reason: 'robots.txt' },
    ]);
    expect(log.filter((u) => u.endsWith('/robots.txt'))).toEqual([
      'https://www.example.org/robots.txt',
      'https://data.example.org/robots.txt',
    ]);
  });

  it('stops at the page budget and says what it left', async () => {
    const d = await discover(
      {
        'https://www.example.org/': links('/1', '/2', '/3', '/4'),
        'https://www.example.org/1': '',
      },
      { maxPages: 2 },
    );
    expect(d.pages.map((p) => p.url)).toEqual([
      'https://www.example.org/',
      'https://www.example.org/1',
    ]);
    expect(d.excluded.map((e) => `${e.reason} ${e.url}`)).toEqual([
      'page-limit https://www.example.org/2',
      'page-limit https://www.example.org/3',
      'page-limit https://www.example.org/4',
    ]);
    expect(d.truncated).toBe(true);
  });

  it('gives each page its time, and the crawl its deadline', async () => {
    const slow = { body: links('/never'), delayMs: 5000 };
    const started = Date.now();
    const d = await discover(
      {
        'https://www.example.org/': links('/1', '/2', '/3', '/4', '/5'),
        'https://www.example.org/1': slow,
        'https://www.example.org/2': slow,
        'https://www.example.org/3': slow,
        'https://www.example.org/4': slow,
        'https://www.example.org/5': slow,
      },
      { pageTimeoutMs: 300, deadline: Date.now() + 800 },
    );
    // Each slow page is given up after 300 ms (its links unknown: the browser will still try
    // it), and nothing is fetched past the deadline.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(d.pages.length).toBeGreaterThanOrEqual(2);
    expect(d.pages.length).toBeLessThanOrEqual(4);
    expect(d.excluded.length).toBe(6 - d.pages.length);
    expect(d.excluded.every((e) => e.reason === 'time-limit')).toBe(true);
    expect(d.excluded.at(-1)!.url).toBe('https://www.example.org/5');
    expect(d.truncated).toBe(true);
  });
});
