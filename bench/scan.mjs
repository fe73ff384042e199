/* global URL, console, process, setInterval, clearInterval */
// npm run bench:scan — `galette scan` on a 50-page site with Galette's widget (the demo portal:
// gated statistics, an exempt audience script, a gated video frame), the five main scenarios
// (no action, refuse all, accept all, withdraw, statistics only). Prints page views per minute,
// total time and peak memory (this process plus every Chromium process, resident set), for
// each concurrency in BENCH_CONCURRENCY (default "1,2,3,5"). Goal: ≤ 60 s and ≤ 1.5 GB.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parsePortalFile } from '@galette/core';
import { runScan } from '@galette/scanner';
import { createApp, startServer } from '@galette/server';
import { openStore } from '@galette/storage';

const PAGES = 50;
const DEMO = 'demo.galette.localhost';
const SCENARIOS = ['no-action', 'refuse-all', 'accept-all', 'withdraw', 'category:statistics'];
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,2,3,5').split(',').map(Number);

const store = await openStore('sqlite::memory:');
await store.migrate();
const preset = new URL(`../packages/cli/presets/demo/${DEMO}.json`, import.meta.url);
const revision = await store.saveAndPublish(
  parsePortalFile(JSON.parse(readFileSync(preset, 'utf8'))),
);
const app = createApp({ store, consents: { rateLimit: false } });
// A site of 50 pages, each the demo page's scripts and frame, linked in a chain and listed in
// the sitemap.
const page = (
  n,
) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page ${n}</title>
<script src="/p/${DEMO}/widget.js" defer></script>
<script type="text/plain" data-galette="statistics" src="/demo-assets/gtag.js"></script>
<script src="/demo-assets/matomo.js"></script></head>
<body><h1>Page ${n}</h1><p>${'Jeu de données ouvert. '.repeat(40)}</p>
<iframe data-galette="marketing" data-src="/demo-assets/video.html" title="vidéo"></iframe>
<nav>${[n - 1, n + 1, 0]
  .filter((i) => i >= 0 && i < PAGES)
  .map((i) => `<a href="/site/${i}">${i}</a>`)
  .join(' ')}</nav></body></html>`;
app.get('/site/:n', (c) => c.html(page(Number(c.req.param('n')))));
app.get('/sitemap.xml', (c) =>
  c.body(
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: PAGES }, (_, i) => `<url><loc>${origin}/site/${i}</loc></url>`).join('')}</urlset>`,
    200,
    { 'content-type': 'application/xml' },
  ),
);
const server = await startServer({ app, port: 0, hostname: '127.0.0.1' });
const origin = `http://127.0.0.1:${server.port}`;

/** Resident memory of this process and its descendants (Chromium and its helpers), in bytes. */
function treeRss() {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb * 1024]));
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

console.log(
  `bench:scan — ${PAGES} pages × ${SCENARIOS.length} scenarios (${SCENARIOS.join(', ')})`,
);
console.log('concurrency\tpage views\ttotal s\tviews/min\tpeak MB\terrors');
for (const concurrency of LEVELS) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss())), 250);
  const started = process.hrtime.bigint();
  const { result } = await runScan({
    url: `${origin}/site/0`,
    revision,
    pages: PAGES,
    depth: PAGES,
    scenarios: SCENARIOS,
    concurrency,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const views = result.scenarios.reduce((n, s) => n + s.visits.length, 0);
  console.log(
    [
      concurrency,
      views,
      seconds.toFixed(1),
      ((views / seconds) * 60).toFixed(0),
      (peak / 2 ** 20).toFixed(0),
      result.summary.errors,
    ].join('\t'),
  );
  if (result.coverage.pagesScanned.length !== PAGES) {
    console.log(`  only ${result.coverage.pagesScanned.length} pages scanned`);
  }
}
await server.close();
await store.close();
