/* global URL, console, process, setInterval, clearInterval */
// npm run bench:scan — `galette scan` on a 50-page site with Galette's widget (the demo portal:
// gated statistics, an exempt audience script, a gated video frame), the five main scenarios
// (no action, refuse all, accept all, withdraw, statistics only). Prints page views per minute,
// total time and peak memory (this process plus every Chromium process: proportional set size,
// which counts memory shared between Chromium's processes once, and the resident set summed,
// which counts it in each), for each concurrency in BENCH_CONCURRENCY (default "1,2,3,5"), with
// the load average before and after (the machine may be shared). Goal: ≤ 60 s and ≤ 1.5 GB.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parsePortalFile } from '@galette/core';
import { runScan } from '@galette/scanner';
import { createApp, startServer } from '@galette/server';
import { openStore } from '@galette/storage';

const PAGES = Number(process.env.BENCH_PAGES ?? 50);
const DEMO = 'demo.galette.localhost';
const SCENARIOS = process.env.BENCH_SCENARIOS?.split(',') ?? [
  'no-action',
  'refuse-all',
  'accept-all',
  'withdraw',
  'category:statistics',
];
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

/** This process and its descendants (Chromium and its helpers). */
function tree() {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb * 1024]));
  const pids = [];
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop();
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return { pids, rss };
}

/** Memory of the tree in bytes: proportional (Linux smaps_rollup) and resident, summed. */
function treeMemory() {
  const { pids, rss } = tree();
  let pss = 0;
  let resident = 0;
  for (const pid of pids) {
    resident += rss.get(pid) ?? 0;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      pss += m ? Number(m[1]) * 1024 : (rss.get(pid) ?? 0);
    } catch {
      pss += rss.get(pid) ?? 0;
    }
  }
  return { pss, resident };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

console.log(
  `bench:scan — ${PAGES} pages × ${SCENARIOS.length} scenarios (${SCENARIOS.join(', ')})`,
);
console.log(
  'concurrency\tpage views\ttotal s\tviews/min\tpeak PSS MB\tpeak RSS MB\terrors\tload before → after',
);
for (const concurrency of LEVELS) {
  let peak = { pss: 0, resident: 0 };
  const before = load();
  const sampler = setInterval(() => {
    let m;
    try {
      m = treeMemory();
    } catch {
      return; // `ps` itself failed on a loaded machine: this sample is skipped.
    }
    peak = { pss: Math.max(peak.pss, m.pss), resident: Math.max(peak.resident, m.resident) };
  }, 250);
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
      (peak.pss / 2 ** 20).toFixed(0),
      (peak.resident / 2 ** 20).toFixed(0),
      result.summary.errors,
      `${before} → ${load()}`,
    ].join('\t'),
  );
  if (result.coverage.pagesScanned.length !== PAGES) {
    console.log(`  only ${result.coverage.pagesScanned.length} pages scanned`);
  }
  for (const f of result.findings.filter((f) => f.severity === 'error')) {
    console.log(
      `  error: ${f.rule} ${f.scenario} ${f.subject.kind}:${f.subject.name} ${JSON.stringify(f.details)}`,
    );
  }
  for (const s of result.coverage.scenariosNotPlayed)
    console.log(`  not played: ${s.id} ${s.reason}`);
  for (const p of result.coverage.pagesFailed.slice(0, 5)) {
    console.log(`  failed: ${p.scenario} ${p.url} ${p.reason}`);
  }
}
await server.close();
await store.close();
