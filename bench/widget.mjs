/* global URL, console, process, performance, PerformanceObserver, MutationObserver, window, document, addEventListener */
// npm run bench:widget — the demo portal page (gated scripts, an embed) with Galette (one tag,
// and the two-stage load), vanilla-cookieconsent 3.1.0 and orejime 3.2.1 configured alike, and
// the page alone, interleaved in one run, cold loads (a fresh browser context each), on a
// desktop profile (loopback, no throttling) and a mobile one (4× slower CPU, 150 ms RTT,
// 1.6 Mb/s). Every file from one origin, gzip. For each: bytes before the first interaction and
// for the whole UI, first contentful paint, banner visible, delay after first paint, the tool's
// main-thread CPU and its share before first paint (from a Chromium trace, method printed),
// layout shift; medians and p90; ratios to the fastest open-source anchor.
//
// BENCH_RUNS (default 15) cold loads per page and profile; BENCH_PROFILES (`desktop,mobile`)
// and BENCH_PAGES (substrings of the page names) narrow a run while developing;
// BENCH_TRACE_DIR keeps each trace there, to open in DevTools; BENCH_TRACE_CATEGORIES replaces
// the trace categories (to profile: the printed numbers then carry their cost).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { parsePortalFile } from '@galette/core';
import { createApp, createRepresentation, respondWith, startServer } from '@galette/server';
import { openStore } from '@galette/storage';

import { TOOL_ASSETS, TOOLS, withoutConsentTool } from './lib/widget-tools.mjs';
import { launchChromium } from '../test-support/chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TRACE_DIR = process.env.BENCH_TRACE_DIR;
// For profiling only, e.g. `devtools.timeline,loading,disabled-by-default-v8.compile` or
// `…,disabled-by-default-v8.cpu_profiler` with BENCH_TRACE_DIR.
const CATEGORIES = process.env.BENCH_TRACE_CATEGORIES?.split(',') ?? [
  'devtools.timeline',
  'loading',
];
const DEMO = 'demo.galette.localhost';
const PROFILES = [
  { name: 'desktop', cpu: 1 },
  { name: 'mobile', cpu: 4, latency: 150, down: 1_600_000 / 8, up: 750_000 / 8 },
].filter((p) => (process.env.BENCH_PROFILES ?? 'desktop,mobile').split(',').includes(p.name));

const METHOD = `Method. Each sample is one cold load (new browser context, empty cache) of the same page,
pages interleaved, traced by Chromium (categories devtools.timeline and loading only: heavier
ones slow DOM calls down and would tax most the tool that makes the most). On the page's
renderer main thread, from navigation to 1 s after the load event, in thread CPU time (the
trace's tdur: what the main thread computed, not the time it waited for a core on a busy
machine; Chromium emulates the mobile profile's 4× slower CPU by keeping the thread busy, which
thread time includes):
- script: every EvaluateScript, v8.compile, FunctionCall and ParseAuthorStyleSheet slice whose
  script or stylesheet URL is one of the tool's files (its code, configuration and stylesheet;
  callbacks of its timers, events, observers, animation frames, idle callbacks and microtasks
  are FunctionCall slices with its URL), with everything nested in them (compilation, garbage
  collection, DOM calls, the style and layout they force), each instant counted once, less the
  script slices of other URLs nested in them (microtasks and observer callbacks of the page, or
  of this benchmark's probe, that run at the end of the tool's script);
- rendering: the main thread's UpdateLayoutTree, Layout, PrePaint, Paint and Layerize slices
  not nested in such a script slice, minus the median of the same sum for the page alone (what
  the tool's elements, styles and frames add to the page's own rendering);
- CPU = script + max(0, rendering − page alone's median); "before FCP" = the script time that
  ran before the trace's firstContentfulPaint of the page.
The same for every tool. The page runs no probe loop: a MutationObserver, installed on every
page alike, marks the banner's elements for Element Timing. Banner visible = first paint of
the banner (Element Timing renderTime), on the same clock as first-contentful-paint; delay
after first paint = max(0, banner visible − FCP). FCP, banner visible and "script wall" are
wall-clock times and carry the machine's load. Tracing itself costs every tool something: with
devtools.timeline on, Chromium records the JavaScript stack of each timer, frame request and
fetch a script starts, which makes V8 collect source positions of the functions on it.`;

/**
 * The server runs in a thread of its own (this file again, as a worker), so that what this
 * thread does meanwhile (parsing the last trace, collecting its garbage) never delays a response:
 * in one thread, files were seen answered 50 to 150 ms late.
 */
async function serve() {
  const store = await openStore('sqlite::memory:');
  await store.migrate();
  const preset = new URL(`../packages/cli/presets/demo/${DEMO}.json`, import.meta.url);
  await store.saveAndPublish(parsePortalFile(JSON.parse(readFileSync(preset, 'utf8'))));
  const demoHtml = await (
    await createApp({ store }).request(`/demo/${DEMO}`, { headers: { 'accept-language': 'fr' } })
  ).text();
  const app = createApp({ store, consents: { rateLimit: false } });
  const pages = [...TOOLS.map((tool) => tool.page(demoHtml)), withoutConsentTool(demoHtml)];
  pages.forEach((html, i) => {
    const page = createRepresentation(html, {
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-store',
    });
    app.get(`/bench/page/${i}`, (c) =>
      respondWith(page, c.req.header('accept-encoding'), undefined),
    );
  });
  for (const [name, body] of Object.entries(TOOL_ASSETS)) {
    const type = name.endsWith('.css')
      ? 'text/css; charset=utf-8'
      : 'text/javascript; charset=utf-8';
    const asset = createRepresentation(body, { contentType: type, cacheControl: 'no-store' });
    app.get(`/bench/assets/${name}`, (c) =>
      respondWith(asset, c.req.header('accept-encoding'), undefined),
    );
  }
  const server = await startServer({ app, port: 0, hostname: '127.0.0.1' });
  return `http://127.0.0.1:${server.port}`;
}

if (!isMainThread) {
  parentPort.postMessage(await serve());
  await new Promise(() => {}); // serves until the main thread ends
}
const serverThread = new Worker(new URL(import.meta.url));
const origin = await new Promise((resolve, reject) => {
  serverThread.once('message', resolve);
  serverThread.once('error', reject);
});
const ALONE = { name: 'page alone', banner: null, files: /^$/ };
let browser = await launchChromium();
const ALL = [...TOOLS, ALONE].map((tool, index) => Object.assign(tool, { index }));
const wanted = process.env.BENCH_PAGES?.split(',');
const SELECTED = ALL.filter(
  (t) => !wanted || t === ALONE || wanted.some((w) => t.name.includes(w)),
);

/**
 * Runs in the page before its own scripts: layout shifts, the load event, and the banner's first
 * paint. Every element that joins the banner gets an `elementtiming` attribute (before the frame
 * that paints it, since observer callbacks run before rendering), so Chromium reports when its
 * text or image is first painted. No animation frame loop: the page alone would pay for frames
 * it does not need.
 */
function probe(selector) {
  const state = { cls: 0, loaded: undefined, painted: [] };
  window.__bench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) state.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.painted.push(entry.renderTime || entry.loadTime);
  }).observe({ type: 'element', buffered: true });
  addEventListener('load', () => (state.loaded = performance.now()));
  // The page alone runs the same observer with a selector that matches nothing.
  const mark = (el) => el.setAttribute('elementtiming', 'banner');
  const find = new MutationObserver(() => {
    const banner = document.querySelector(selector || '[data-bench-none]');
    if (!banner) return;
    find.disconnect();
    mark(banner);
    banner.querySelectorAll('*').forEach(mark);
    new MutationObserver((records) =>
      records.forEach((r) =>
        r.addedNodes.forEach((n) => {
          if (n.nodeType !== 1) return;
          mark(n);
          n.querySelectorAll('*').forEach(mark);
        }),
      ),
    ).observe(banner, { childList: true, subtree: true });
  });
  find.observe(document, { childList: true, subtree: true });
}

async function openPage(profile) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    extraHTTPHeaders: { 'accept-encoding': 'gzip' },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  if (profile.latency) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.down,
      uploadThroughput: profile.up,
    });
  }
  return { context, page };
}

const SCRIPT = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'ParseAuthorStyleSheet',
]);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize']);
const urlOf = (e) =>
  e.args?.data?.url ?? e.args?.data?.styleSheetUrl ?? e.args?.fileName ?? e.args?.data?.fileName;

/** Script and rendering time on the page's renderer main thread, in ms (see METHOD). */
function analyse(events, pageUrl, files) {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) return undefined;
  const after = (name) =>
    events.find(
      (e) =>
        e.name === name &&
        e.pid === parse.pid &&
        e.ts >= parse.ts &&
        (e.args?.data?.isOutermostMainFrame ?? true),
    )?.ts;
  const fcp = after('firstContentfulPaint');
  const loadAt = after('MarkLoad');
  const end = loadAt === undefined ? Infinity : loadAt + 1_000_000; // 1 s after the load event
  const main = events
    .filter(
      (e) =>
        e.pid === parse.pid &&
        e.tid === parse.tid &&
        e.ph === 'X' &&
        e.dur !== undefined &&
        e.ts < end,
    )
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let script = 0;
  let wall = 0;
  let beforeFcp = 0;
  let render = 0;
  let coveredUntil = -Infinity;
  // Thread time (tdur): what the main thread itself spent, not the time it waited for a core.
  const cpuOf = (e) => e.tdur ?? e.dur;
  main.forEach((e, i) => {
    const stop = e.ts + e.dur;
    if (e.ts < coveredUntil) return; // nested in a slice already counted
    if (SCRIPT.has(e.name) && files.test(urlOf(e) ?? '')) {
      // Less the callbacks of other scripts that run inside it (microtasks and observers of the
      // page or of this benchmark's probe, run at the end of the tool's script): theirs.
      let own = cpuOf(e);
      let foreignUntil = -Infinity;
      for (let j = i + 1; j < main.length && main[j].ts < stop; j++) {
        const n = main[j];
        if (n.ts < foreignUntil || !SCRIPT.has(n.name)) continue;
        const url = urlOf(n);
        if (url !== undefined && !files.test(url)) {
          own -= cpuOf(n);
          foreignUntil = n.ts + n.dur;
        }
      }
      script += own;
      wall += e.dur;
      // A slice that straddles FCP counts in the proportion of its wall time before it.
      if (fcp !== undefined && e.ts < fcp)
        beforeFcp += (own * (Math.min(stop, fcp) - e.ts)) / e.dur;
      coveredUntil = stop;
    } else if (RENDER.has(e.name)) {
      render += cpuOf(e);
      coveredUntil = stop;
    }
  });
  const k = 1 / 1000;
  return { script: script * k, wall: wall / 1000, beforeFcp: beforeFcp * k, render: render * k };
}

let traceCount = 0;

async function measureOnce(tool, profile, trace) {
  const { context, page } = await openPage(profile);
  try {
    await context.addInitScript(probe, tool.banner);
    const url = `${origin}/bench/page/${tool.index}`;
    if (trace) await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(url, { timeout: 60_000 });
    await page.waitForFunction(
      (hasBanner) =>
        window.__bench.loaded !== undefined &&
        (!hasBanner || window.__bench.painted.length > 0) &&
        performance.now() > window.__bench.loaded + 1000,
      !!tool.banner,
      { timeout: 60_000, polling: 100 },
    );
    const result = await page.evaluate(
      (pattern) => ({
        visible: window.__bench.painted.length ? Math.min(...window.__bench.painted) : NaN,
        cls: window.__bench.cls,
        loaded: window.__bench.loaded,
        fcp:
          performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')
            ?.startTime ?? NaN,
        // Resource timing: what the tool fetched; a prefetch (initiator `link`) is not a load.
        bytes: performance
          .getEntriesByType('resource')
          .filter((r) => new RegExp(pattern).test(r.name) && r.initiatorType !== 'link')
          .reduce((sum, r) => sum + r.encodedBodySize, 0),
      }),
      tool.files.source,
    );
    if (trace) {
      const buffer = await browser.stopTracing();
      if (TRACE_DIR) {
        mkdirSync(TRACE_DIR, { recursive: true });
        const name = `${profile.name}-${tool.name.replace(/\W+/g, '-')}-${++traceCount}.json`;
        writeFileSync(`${TRACE_DIR}/${name}`, buffer);
      }
      const { traceEvents } = JSON.parse(buffer.toString());
      const cpu = analyse(traceEvents, url, tool.files);
      if (!cpu) throw new Error('the trace holds no parse of the page');
      Object.assign(result, cpu);
    }
    return result;
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * One sample. A load that fails (the browser or its renderer gone, as happens on a machine short
 * of memory or CPU) is retried in a fresh context, and in a fresh browser when it is gone; the
 * number of retries is printed with the results.
 */
let retries = 0;
async function measure(tool, profile, trace) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measureOnce(tool, profile, trace);
    } catch (error) {
      if (attempt === 3) throw error;
      retries++;
      console.error(
        `(${profile.name}, ${tool.name}: ${String(error.message).split('\n')[0]}; retried)`,
      );
      if (trace) await browser.stopTracing().catch(() => {});
      if (!browser.isConnected()) browser = await launchChromium();
    }
  }
}

/** Bytes of every file of the tool once its preferences are open (each file once). */
async function wholeUi(tool) {
  const { context, page } = await openPage(PROFILES[0] ?? { cpu: 1 });
  try {
    await page.goto(`${origin}/bench/page/${tool.index}`, { waitUntil: 'load' });
    await page.waitForSelector(tool.banner, { state: 'visible' });
    await page.waitForTimeout(1000); // past the idle prefetch, if any
    try {
      await page.click(tool.open, { timeout: 5000 });
      await page.waitForSelector(tool.centre, { timeout: 5000 });
    } catch {
      // Its preferences are in the files it loaded first.
    }
    return await page.evaluate((pattern) => {
      const sizes = new Map();
      for (const r of performance.getEntriesByType('resource')) {
        if (new RegExp(pattern).test(r.name)) {
          sizes.set(r.name, Math.max(sizes.get(r.name) ?? 0, r.encodedBodySize));
        }
      }
      return [...sizes.values()].reduce((a, b) => a + b, 0);
    }, tool.files.source);
  } finally {
    await context.close();
  }
}

const quantile = (values, q) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.ceil(pos)] - sorted[lo]) * (pos - lo);
};
const med = (v) => quantile(v, 0.5);
const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const cell = (values) => `${ms(med(values))} / ${ms(quantile(values, 0.9))}`;
const spread = (values) =>
  `${ms(med(values))} (p10–p90 ${ms(quantile(values, 0.1))}–${ms(quantile(values, 0.9))})`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

console.log(
  `bench:widget — ${RUNS} cold loads per page and profile, interleaved, Chromium ${browser.version()}, ` +
    `${new Date().toISOString()}, load average ${load()}`,
);
console.log(METHOD);
const whole = new Map();
for (const tool of SELECTED) if (tool.banner) whole.set(tool, await wholeUi(tool));

for (const profile of PROFILES) {
  // One unrecorded round: the server renders and compresses each file once, Chromium warms up.
  for (const tool of SELECTED) await measure(tool, profile, false);
  const samples = new Map(SELECTED.map((tool) => [tool, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const tool of SELECTED) samples.get(tool).push(await measure(tool, profile, true));
  }
  const alone = samples.get(ALONE);
  const aloneRender = med(alone.map((r) => r.render));
  const aloneFcp = alone.map((r) => r.fcp);
  const cpu = (r) => r.script + Math.max(0, r.render - aloneRender);
  const of = (tool, f) => samples.get(tool).map(f);
  console.log(
    `\n${profile.name}: ${RUNS} cold loads each, median / p90, ms unless said; load average now ${load()}`,
  );
  const columns = [
    ['page', 28, (t) => t.name],
    ['bytes before', 12, (t) => (t.banner ? String(med(of(t, (r) => r.bytes))) : '0')],
    ['whole UI', 9, (t) => String(whole.get(t) ?? 0)],
    ['FCP', 15, (t) => cell(of(t, (r) => r.fcp))],
    ['banner visible', 15, (t) => (t.banner ? cell(of(t, (r) => r.visible)) : '')],
    ['after FCP', 13, (t) => (t.banner ? cell(of(t, (r) => Math.max(0, r.visible - r.fcp))) : '')],
    ['CPU', 13, (t) => (t.banner ? cell(of(t, cpu)) : '')],
    ['script', 13, (t) => (t.banner ? cell(of(t, (r) => r.script)) : '')],
    ['script wall', 13, (t) => (t.banner ? cell(of(t, (r) => r.wall)) : '')],
    ['render+', 13, (t) => (t.banner ? cell(of(t, (r) => r.render - aloneRender)) : '')],
    ['before FCP', 13, (t) => (t.banner ? cell(of(t, (r) => r.beforeFcp)) : '')],
    ['CLS', 7, (t) => Math.max(...of(t, (r) => r.cls)).toFixed(4)],
  ];
  console.log(columns.map(([h, w], i) => (i ? h.padStart(w) : h.padEnd(w))).join(' '));
  for (const tool of SELECTED) {
    console.log(
      columns.map(([, w, f], i) => (i ? f(tool).padStart(w) : f(tool).padEnd(w))).join(' '),
    );
  }
  console.log(
    `page alone: FCP ${spread(aloneFcp)} ms; rendering ${ms(aloneRender)} ms (median, subtracted above)`,
  );
  const anchors = SELECTED.filter((t) => t.anchor);
  if (!anchors.length) continue;
  const fastest = anchors.reduce((a, b) => (med(of(a, cpu)) <= med(of(b, cpu)) ? a : b));
  const base = (f) => med(of(fastest, f));
  const [lo, hi] = [quantile(aloneFcp, 0.1), quantile(aloneFcp, 0.9)];
  for (const tool of SELECTED) {
    if (!tool.banner) continue;
    const fcp = med(of(tool, (r) => r.fcp));
    console.log(
      `${tool.name}: CPU ${(med(of(tool, cpu)) / base(cpu)).toFixed(2)}× ${fastest.name}'s` +
        `${tool.anchor ? '' : ' (goal ≤ 0.5)'}, bytes before interaction ` +
        `${(med(of(tool, (r) => r.bytes)) / base((r) => r.bytes)).toFixed(2)}×, banner visible ` +
        `${(med(of(tool, (r) => r.visible)) / base((r) => r.visible)).toFixed(2)}×; ` +
        `FCP ${spread(of(tool, (r) => r.fcp))} ms, ${fcp >= lo && fcp <= hi ? 'within' : 'OUTSIDE'} ` +
        `the page alone's p10–p90`,
    );
  }
}
if (retries) console.log(`\n${retries} load(s) failed and were retried.`);

await browser.close();
await serverThread.terminate();
