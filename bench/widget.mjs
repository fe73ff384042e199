/* global URL, console, process, performance, PerformanceObserver, requestAnimationFrame, window, document, getComputedStyle, innerHeight */
// npm run bench:widget — the demo portal page with Galette's widget, and in the same run the
// same page with vanilla-cookieconsent 3.1.0 and orejime 3.2.1 configured alike. For each:
// bytes of the tool loaded with the page (as sent: brotli), median time from navigation start to the
// banner visible, and cumulative layout shift; on a desktop profile (loopback, no throttling)
// and a mobile one (4× slower CPU, 150 ms RTT, 1.6 Mb/s). Goal: Galette ≤ 0.5× the fastest other.
// Each tool is loaded the way its documentation says, deferred after the page; the page's own
// first contentful paint is printed beside it, since no deferred script can show anything before.
import { readFileSync } from 'node:fs';
import { parsePortalFile } from '@galette/core';
import { createApp, createRepresentation, respondWith, startServer } from '@galette/server';
import { openStore } from '@galette/storage';

import { TOOL_ASSETS, TOOLS, withoutConsentTool } from './lib/widget-tools.mjs';
import { launchChromium } from '../test-support/chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const GOAL = 0.5;
const DEMO = 'demo.galette.localhost';
const PROFILES = [
  { name: 'desktop', cpu: 1 },
  { name: 'mobile', cpu: 4, latency: 150, down: 1_600_000 / 8, up: 750_000 / 8 },
];

const store = await openStore('sqlite::memory:');
await store.migrate();
const preset = new URL(`../packages/cli/presets/demo/${DEMO}.json`, import.meta.url);
await store.saveAndPublish(parsePortalFile(JSON.parse(readFileSync(preset, 'utf8'))));
// Every page and file from one origin, compressed the same way.
const demoHtml = await (
  await createApp({ store }).request(`/demo/${DEMO}`, { headers: { 'accept-language': 'fr' } })
).text();
const app = createApp({ store, consents: { rateLimit: false } });
const pages = TOOLS.map((tool) =>
  createRepresentation(tool.page(demoHtml), {
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'no-store',
  }),
);
pages.forEach((page, i) =>
  app.get(`/bench/page/${i}`, (c) => respondWith(page, c.req.header('accept-encoding'), undefined)),
);
// The same page with no consent tool at all: its first paint is the floor under every tool's
// time to banner, since a deferred script shows nothing before the page itself paints.
const alone = createRepresentation(withoutConsentTool(demoHtml), {
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'no-store',
});
app.get('/bench/page/alone', (c) => respondWith(alone, c.req.header('accept-encoding'), undefined));
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

/** Watches, from the first frame, for the banner to be laid out and not transparent. */
function probe(selector) {
  const state = { cls: 0, visible: undefined };
  window.__bench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) state.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const tick = () => {
    const el = document.querySelector(selector);
    if (el) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (
        box.width > 0 &&
        box.height > 0 &&
        box.top < innerHeight &&
        style.visibility !== 'hidden' &&
        Number(style.opacity) > 0
      ) {
        state.visible = performance.now();
        return;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** A page in a fresh context, throttled as `profile` says; `label` names it in debug output. */
async function openPage(profile, label, init) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  if (init) await context.addInitScript(...init);
  const page = await context.newPage();
  if (process.env.BENCH_DEBUG) {
    page.on('console', (m) => console.log(label, m.type(), m.text()));
    page.on('pageerror', (e) => console.log(label, 'error', e.message));
  }
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

/** First contentful paint of the page without any consent tool. */
async function measureAlone(profile) {
  const { context, page } = await openPage(profile, 'page alone');
  await page.goto(`${origin}/bench/page/alone`);
  const fcp = await page.waitForFunction(
    () =>
      performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')
        ?.startTime,
    null,
    { timeout: 30_000 },
  );
  const value = await fcp.jsonValue();
  await context.close();
  return value;
}

async function measure(toolIndex, profile) {
  const tool = TOOLS[toolIndex];
  const { context, page } = await openPage(profile, tool.name, [probe, tool.banner]);
  await page.goto(`${origin}/bench/page/${toolIndex}`);
  await page.waitForFunction(() => window.__bench.visible !== undefined, null, { timeout: 30_000 });
  // Let entrance animations finish before reading the layout shift.
  await page.waitForTimeout(800);
  const result = await page.evaluate(
    (pattern) => ({
      visible: window.__bench.visible,
      cls: window.__bench.cls,
      fcp:
        performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')
          ?.startTime ?? NaN,
      bytes: performance
        .getEntriesByType('resource')
        .filter((r) => new RegExp(pattern).test(r.name))
        .reduce((sum, r) => sum + r.encodedBodySize, 0),
    }),
    tool.files.source,
  );
  await context.close();
  return result;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

console.log(`bench:widget — ${RUNS} runs per tool and profile, Chromium ${browser.version()}`);
let failed = false;
for (const profile of PROFILES) {
  const samples = TOOLS.map(() => []);
  // One unrecorded round: the server renders and compresses each file once, Chromium warms up.
  for (let i = 0; i < TOOLS.length; i++) await measure(i, profile);
  // Interleaved, so a slower moment of the machine hits every tool alike.
  const aloneSamples = [];
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < TOOLS.length; i++) {
      const r = await measure(i, profile);
      samples[i].push(r);
    }
    aloneSamples.push(await measureAlone(profile));
  }
  console.log(`\n${profile.name}`);
  console.log(
    'tool                         bytes sent  time to banner  page first paint  banner after it  layout shift',
  );
  const medians = samples.map((s) => median(s.map((r) => r.visible)));
  samples.forEach((s, i) => {
    const bytes = median(s.map((r) => r.bytes));
    const fcp = median(s.map((r) => r.fcp));
    const after = median(s.map((r) => r.visible - r.fcp));
    const cls = Math.max(...s.map((r) => r.cls));
    console.log(
      [
        TOOLS[i].name.padEnd(28),
        String(bytes).padStart(10),
        `${medians[i].toFixed(1)} ms`.padStart(15),
        `${fcp.toFixed(1)} ms`.padStart(17),
        `${after.toFixed(1)} ms`.padStart(16),
        cls.toFixed(4).padStart(13),
      ].join(' '),
    );
  });
  const ours = TOOLS.map((t, i) => i).filter((i) => TOOLS[i].name.startsWith('galette'));
  const fastestOther = Math.min(...medians.filter((_, i) => !ours.includes(i)));
  for (const i of ours) {
    const ratio = medians[i] / fastestOther;
    console.log(
      `${TOOLS[i].name} / fastest other: ${ratio.toFixed(2)} (goal ≤ ${GOAL}) ${ratio <= GOAL ? 'met' : 'NOT met'}`,
    );
    if (i === 0 && ratio > GOAL) failed = true;
  }
  const floor = median(aloneSamples);
  console.log(
    `the page without any consent tool first paints at ${floor.toFixed(1)} ms; ` +
      `${GOAL} × the fastest other is ${(GOAL * fastestOther).toFixed(1)} ms`,
  );
}

await browser.close();
await server.close();
await store.close();
process.exitCode = failed ? 1 : 0;
