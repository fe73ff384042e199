/* global URL, console, process, performance, PerformanceObserver, requestAnimationFrame, window, document, getComputedStyle, innerHeight, addEventListener */
// npm run bench:widget — the demo portal page (gated scripts, an embed) with Galette (one tag,
// and the two-stage load), vanilla-cookieconsent 3.1.0 and orejime 3.2.1 configured alike, and
// the page alone, interleaved in one run, cold loads (a fresh browser context each), on a
// desktop profile (loopback, no throttling) and a mobile one (4× slower CPU, 150 ms RTT,
// 1.6 Mb/s). Every file from one origin, gzip. For each: bytes before the first interaction and
// for the whole UI, first contentful paint, banner visible, delay after first paint, the tool's
// main-thread CPU and its share before first paint (from a Chromium trace), layout shift;
// medians and p90; ratios to the fastest open-source anchor. BENCH_RUNS (default 15).
import { readFileSync } from 'node:fs';
import { parsePortalFile } from '@galette/core';
import { createApp, createRepresentation, respondWith, startServer } from '@galette/server';
import { openStore } from '@galette/storage';

import { TOOL_ASSETS, TOOLS, withoutConsentTool } from './lib/widget-tools.mjs';
import { launchChromium } from '../test-support/chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DEMO = 'demo.galette.localhost';
const PROFILES = [
  { name: 'desktop', cpu: 1 },
  { name: 'mobile', cpu: 4, latency: 150, down: 1_600_000 / 8, up: 750_000 / 8 },
];
const METHOD = `Main-thread CPU, per cold load, from a Chromium trace (devtools.timeline) of the page's
renderer main thread: (1) script: the top-level EvaluateScript, v8.compile, FunctionCall,
TimerFire, EventDispatch and ParseAuthorStyleSheet slices whose script or stylesheet URL is one of
the tool's files, with everything nested in them (forced style and layout included), counted once;
(2) rendering: the time of the main thread's other UpdateLayoutTree, Layout, PrePaint, Paint,
Layerize and Commit slices from navigation to 1 s after load, minus the median of the same sum for
the page alone. "before FCP": part (1) that ran before the trace's firstContentfulPaint.`;

const store = await openStore('sqlite::memory:');
await store.migrate();
const preset = new URL(`../packages/cli/presets/demo/${DEMO}.json`, import.meta.url);
await store.saveAndPublish(parsePortalFile(JSON.parse(readFileSync(preset, 'utf8'))));
const demoHtml = await (
  await createApp({ store }).request(`/demo/${DEMO}`, { headers: { 'accept-language': 'fr' } })
).text();
const app = createApp({ store, consents: { rateLimit: false } });
const ALONE = { name: 'page alone', banner: null, files: /^$/ };
const pages = [...TOOLS.map((tool) => tool.page(demoHtml)), withoutConsentTool(demoHtml)];
pages.forEach((html, i) => {
  const page = createRepresentation(html, {
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'no-store',
  });
  app.get(`/bench/page/${i}`, (c) => respondWith(page, c.req.header('accept-encoding'), undefined));
});
for (const [name, body] of Object.entries(TOOL_ASSETS)) {
  const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
  const asset = createRepresentation(body, { contentType: type, cacheControl: 'no-store' });
  app.get(`/bench/assets/${name}`, (c) =>
    respondWith(asset, c.req.header('accept-encoding'), undefined),
  );
}
const server = await startServer({ app, port: 0, hostname: '127.0.0.1' });
const origin = `http://127.0.0.1:${server.port}`;
const browser = await launchChromium();
const ALL = [...TOOLS, ALONE];

/**
 * From the first frame: the time the banner is first laid out and visible (checked once per
 * frame with a cheap query; the layout read happens only once it exists), layout shifts, and
 * the load event. The page alone runs the same loop, so every page pays the same probe.
 */
function probe(selector) {
  const state = { cls: 0, visible: undefined, loaded: undefined };
  window.__bench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) state.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  addEventListener('load', () => (state.loaded = performance.now()));
  const tick = (now) => {
    const el = selector && document.querySelector(selector);
    if (el) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (
        box.width > 0 &&
        box.height > 0 &&
        box.top < innerHeight &&
        style.visibility !== 'hidden'
      ) {
        state.visible = now;
        return;
      }
    }
    if (state.loaded === undefined || now < state.loaded + 500) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
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
  'TimerFire',
  'EventDispatch',
  'ParseAuthorStyleSheet',
]);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);
const urlOf = (e) =>
  e.args?.data?.url ?? e.args?.data?.styleSheetUrl ?? e.args?.fileName ?? e.args?.data?.fileName;

/** Script and rendering time on the page's renderer main thread, in ms. */
function analyse(events, pageUrl, files) {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) return undefined;
  const main = events
    .filter(
      (e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts);
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === parse.pid)?.ts;
  let script = 0;
  let beforeFcp = 0;
  let render = 0;
  let coveredUntil = -Infinity;
  for (const e of main) {
    const end = e.ts + e.dur;
    if (e.ts < coveredUntil) continue; // nested in a slice already counted
    if (SCRIPT.has(e.name) && files.test(urlOf(e) ?? '')) {
      script += e.dur;
      if (fcp !== undefined && e.ts < fcp) beforeFcp += Math.min(end, fcp) - e.ts;
      coveredUntil = end;
    } else if (RENDER.has(e.name)) {
      render += e.dur;
      coveredUntil = end;
    }
  }
  return { script: script / 1000, beforeFcp: beforeFcp / 1000, render: render / 1000 };
}

async function measure(index, profile, trace) {
  const tool = ALL[index];
  const { context, page } = await openPage(profile);
  await context.addInitScript(probe, tool.banner);
  const url = `${origin}/bench/page/${index}`;
  if (trace) {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'loading', 'v8'],
    });
  }
  await page.goto(url);
  await page.waitForFunction(
    (hasBanner) =>
      window.__bench.loaded !== undefined &&
      (!hasBanner || window.__bench.visible !== undefined) &&
      performance.now() > window.__bench.loaded + 1000,
    !!tool.banner,
    { timeout: 60_000, polling: 100 },
  );
  const result = await page.evaluate(
    (pattern) => ({
      visible: window.__bench.visible,
      cls: window.__bench.cls,
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
    const { traceEvents } = JSON.parse(buffer.toString());
    Object.assign(result, analyse(traceEvents, url, tool.files));
  }
  await context.close();
  return result;
}

/** Bytes of every file of the tool once its preferences are open (each file once). */
async function wholeUi(index) {
  const tool = ALL[index];
  const { context, page } = await openPage(PROFILES[0]);
  await page.goto(`${origin}/bench/page/${index}`, { waitUntil: 'load' });
  await page.waitForSelector(tool.banner, { state: 'visible' });
  await page.waitForTimeout(1000); // past the idle prefetch, if any
  try {
    await page.click(tool.open, { timeout: 5000 });
    await page.waitForSelector(tool.centre, { timeout: 5000 });
  } catch {
    // Its preferences are in the files it loaded first.
  }
  const bytes = await page.evaluate((pattern) => {
    const sizes = new Map();
    for (const r of performance.getEntriesByType('resource')) {
      if (new RegExp(pattern).test(r.name)) {
        sizes.set(r.name, Math.max(sizes.get(r.name) ?? 0, r.encodedBodySize));
      }
    }
    return [...sizes.values()].reduce((a, b) => a + b, 0);
  }, tool.files.source);
  await context.close();
  return bytes;
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

console.log(
  `bench:widget — ${RUNS} cold loads per page and profile, interleaved, Chromium ${browser.version()}, ` +
    `${new Date().toISOString()}`,
);
console.log(METHOD);
const whole = [];
for (let i = 0; i < TOOLS.length; i++) whole.push(await wholeUi(i));

for (const profile of PROFILES) {
  // One unrecorded round: the server renders and compresses each file once, Chromium warms up.
  for (let i = 0; i < ALL.length; i++) await measure(i, profile, false);
  const samples = ALL.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < ALL.length; i++) samples[i].push(await measure(i, profile, true));
  }
  const alone = samples[ALL.length - 1];
  const aloneRender = med(alone.map((r) => r.render));
  const cpu = (r) => r.script + Math.max(0, r.render - aloneRender);
  console.log(`\n${profile.name} (median / p90; ms unless said)`);
  const header = [
    'page'.padEnd(28),
    'bytes before'.padStart(12),
    'whole UI'.padStart(9),
    'FCP'.padStart(15),
    'banner visible'.padStart(15),
    'after FCP'.padStart(13),
    'CPU'.padStart(13),
    'script'.padStart(11),
    'before FCP'.padStart(11),
    'CLS'.padStart(7),
  ];
  console.log(header.join(' '));
  ALL.forEach((tool, i) => {
    const s = samples[i];
    const banner = !!tool.banner;
    console.log(
      [
        tool.name.padEnd(28),
        String(banner ? med(s.map((r) => r.bytes)) : 0).padStart(12),
        String(whole[i] ?? 0).padStart(9),
        cell(s.map((r) => r.fcp)).padStart(15),
        (banner ? cell(s.map((r) => r.visible)) : '').padStart(15),
        (banner ? cell(s.map((r) => Math.max(0, r.visible - r.fcp))) : '').padStart(13),
        (banner ? cell(s.map(cpu)) : '').padStart(13),
        (banner ? ms(med(s.map((r) => r.script))) : '').padStart(11),
        (banner ? ms(med(s.map((r) => r.beforeFcp))) : '').padStart(11),
        Math.max(...s.map((r) => r.cls))
          .toFixed(4)
          .padStart(7),
      ].join(' '),
    );
  });
  const fcp = alone.map((r) => r.fcp);
  console.log(
    `page alone: FCP median ${ms(med(fcp))} ms (p10–p90 ${ms(quantile(fcp, 0.1))}–${ms(quantile(fcp, 0.9))}), ` +
      `rendering ${ms(aloneRender)} ms`,
  );
  const anchors = ALL.map((t, i) => i).filter((i) => ALL[i].anchor);
  const fastest = anchors.reduce((a, b) =>
    med(samples[a].map(cpu)) <= med(samples[b].map(cpu)) ? a : b,
  );
  const base = med(samples[fastest].map(cpu));
  for (let i = 0; i < ALL.length; i++) {
    if (!ALL[i].banner || ALL[i].anchor) continue;
    const s = samples[i];
    console.log(
      `${ALL[i].name} / ${ALL[fastest].name}: CPU ${(med(s.map(cpu)) / base).toFixed(2)} (goal ≤ 0.5), ` +
        `bytes before interaction ${(med(s.map((r) => r.bytes)) / med(samples[fastest].map((r) => r.bytes))).toFixed(2)}, ` +
        `banner visible ${(med(s.map((r) => r.visible)) / med(samples[fastest].map((r) => r.visible))).toFixed(2)}; ` +
        `FCP ${ms(med(s.map((r) => r.fcp)))} ms (p10–p90 ${ms(
          quantile(
            s.map((r) => r.fcp),
            0.1,
          ),
        )}–${ms(
          quantile(
            s.map((r) => r.fcp),
            0.9,
          ),
        )})`,
    );
  }
}

await browser.close();
await server.close();
await store.close();
