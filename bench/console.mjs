/* global process, console, URL, fetch */
// npm run bench:console — the back office at scale: 500 portals (one with 200 declarations and
// five revisions over two years), two years of daily statistics and one million consent records
// on it, seeded by direct SQL into a SQLite file. Then, for each console page and admin API call,
// 10 concurrent users (autocannon) against a server in its own process, next to the public
// charter page in the same run. Prints the server time per answer (p50/p99, measured inside the
// server process from request to body) and the latency autocannon saw. Goals: pages p99 ≤ 50 ms,
// proof look-up p99 ≤ 5 ms. BENCH_DURATION (s per target, default 5), BENCH_RECORDS (default
// 1,000,000) and BENCH_PORTALS (default 500) change the scale. BENCH_KEEP=1 keeps the database.
// Each target's one-second warm-up fills the server's caches (published revisions, the sums of
// closed days), as any earlier visit would; the numbers are for the pages as users see them
// after that.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { CLI_PRINCIPAL, parsePortalFile } from '@galette/core';
import { createAccountServices } from '@galette/server';
import { openStore } from '@galette/storage';
import { spawnUntil, stop } from './lib/processes.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const PORTALS = Number(process.env.BENCH_PORTALS ?? 500);
const CONNECTIONS = 10;
const BIG = 'big.bench.example';
const SECRET = 'bench console secret';
const DAY_MS = 86_400_000;
const CATEGORIES = ['necessary', 'statistics', 'preferences', 'marketing'];

const require = createRequire(new URL('../packages/storage/package.json', import.meta.url));
const Sqlite = require('better-sqlite3');
const SERVER = fileURLToPath(new URL('./lib/console-server.mjs', import.meta.url));
const preset = JSON.parse(
  readFileSync(new URL('../packages/cli/presets/demo/opendata.paris.fr.json', import.meta.url)),
);

const dir = mkdtempSync(join(tmpdir(), 'galette-bench-console-'));
const file = join(dir, 'galette.db');
const t0 = Date.now();
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const iso = (ms) => new Date(ms).toISOString();

function portalFile(id, declarations) {
  return parsePortalFile({
    ...preset,
    id,
    name: `Portail ${id}`,
    url: `https://${id}/`,
    origins: [`https://${id}`],
    declarations,
  });
}

function manyDeclarations(count, variant) {
  return Array.from({ length: count }, (_, i) => ({
    provider: `Fournisseur ${i % 17}`,
    service: { fr: `Service ${i}`, en: `Service ${i}` },
    name: `cookie_${i}`,
    purpose: {
      fr: `Finalité du traceur ${i}${i === 0 ? ` (version ${variant})` : ''}.`,
      en: `Purpose of tracker ${i}${i === 0 ? ` (version ${variant})` : ''}.`,
    },
    category: CATEGORIES[i % 4],
    lifetime: 'P13M',
    party: i % 3 === 0 ? 'third' : 'first',
    storage: 'cookie',
  }));
}

// 1. Portals and revisions through the store, as an operator's imports would make them.
const store = await openStore(`sqlite:${file}`);
const migration = await store.migrate();
if (migration.error) throw new Error(migration.error.message);
const revisions = [];
for (let v = 0; v < 5; v++) {
  // Five revisions spread over two years; the last a month ago.
  const at = new Date(today - (730 - v * 170) * DAY_MS);
  revisions.push(await store.saveAndPublish(portalFile(BIG, manyDeclarations(200, v)), { at }));
}
for (let i = 1; i < PORTALS; i++) {
  await store.saveAndPublish(
    portalFile(`p${String(i).padStart(3, '0')}.bench.example`, preset.declarations),
  );
}
const accounts = createAccountServices(store, { secret: SECRET });
const { user } = await accounts.users.addUser(CLI_PRINCIPAL, {
  email: 'bench@example.org',
  displayName: 'Bench',
  role: 'admin',
  password: 'correct horse battery staple',
});
const session = await accounts.sessions.start(user.id);
const { token } = await accounts.tokens.create(CLI_PRINCIPAL, { name: 'bench', role: 'admin' });
await store.close();
console.log(
  `portals and revisions: ${PORTALS} portals, 5 revisions of ${BIG} (${Date.now() - t0} ms)`,
);

// 2. Statistics and proofs by direct SQL, in big transactions.
const db = new Sqlite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = OFF');
const revisionAt = (ms) => {
  let current = revisions[0];
  for (const r of revisions) if (Date.parse(r.publishedAt) <= ms) current = r;
  return current;
};
const t1 = Date.now();
db.transaction(() => {
  const day = db.prepare(
    'INSERT INTO consent_daily_stats (portal_id, day, revision, total, accept_all, reject_all, custom, withdraw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const category = db.prepare(
    'INSERT INTO consent_daily_category_stats (portal_id, day, revision, category, chosen, accepted) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const shown = db.prepare(
    'INSERT INTO banner_daily_views (portal_id, day, revision, shown) VALUES (?, ?, ?, ?)',
  );
  for (let d = 730; d >= 0; d--) {
    const ms = today - d * DAY_MS;
    const date = iso(ms).slice(0, 10);
    const hash = revisionAt(ms).hash;
    const accept = 800 + (d % 97);
    const reject = 500 + (d % 61);
    const custom = 150 + (d % 13);
    const withdraw = 10 + (d % 7);
    const total = accept + reject + custom + withdraw;
    day.run(BIG, date, hash, total, accept, reject, custom, withdraw);
    for (const c of CATEGORIES) {
      category.run(BIG, date, hash, c, total, c === 'necessary' ? total : accept + (custom >> 1));
    }
    shown.run(BIG, date, hash, Math.round(total * 1.4));
  }
  // A month of a few choices on every other portal, for the view across portals.
  for (let i = 1; i < PORTALS; i++) {
    const id = `p${String(i).padStart(3, '0')}.bench.example`;
    for (let d = 30; d >= 0; d--) {
      const date = iso(today - d * DAY_MS).slice(0, 10);
      day.run(id, date, 'sha256:' + '0'.repeat(64), 10, 5, 3, 1, 1);
      shown.run(id, date, 'sha256:' + '0'.repeat(64), 14);
    }
  }
})();
console.log(`daily statistics: 731 days × 5 revisions (${Date.now() - t1} ms)`);

// One million records on the big portal, ids shaped like the widget's (time first, then random).
const t2 = Date.now();
const insert = db.prepare(
  'INSERT INTO consent_records (portal_id, seq, event_id, consent_id, revision, choices, action, source, lang, recorded_at, expires_at, client_pseudonym, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)',
);
const sampleIds = [];
const start = today - 730 * DAY_MS;
const step = (730 * DAY_MS) / RECORDS;
const ACTIONS = ['accept_all', 'reject_all', 'custom', 'withdraw'];
let prev = 'sha256:' + '0'.repeat(64);
const CHUNK = 50_000;
for (let from = 0; from < RECORDS; from += CHUNK) {
  db.transaction(() => {
    const random = randomBytes(Math.min(CHUNK, RECORDS - from) * 16);
    for (let i = from; i < Math.min(from + CHUNK, RECORDS); i++) {
      const ms = Math.floor(start + i * step);
      const consentId =
        ms.toString(36).padStart(9, '0') +
        random
          .subarray((i - from) * 16, (i - from) * 16 + 16)
          .toString('base64url')
          .slice(0, 22);
      if (i % Math.floor(RECORDS / 100) === 7) sampleIds.push(consentId);
      const hash =
        'sha256:' +
        random
          .subarray((i - from) * 16, (i - from) * 16 + 16)
          .toString('hex')
          .padEnd(64, '0');
      insert.run(
        BIG,
        i + 1,
        randomUUID(),
        consentId,
        revisionAt(ms).hash,
        '{"marketing":false,"necessary":true,"preferences":true,"statistics":true}',
        ACTIONS[i % 4],
        'banner',
        'fr',
        iso(ms),
        iso(ms + 182 * DAY_MS),
        prev,
        hash,
      );
      prev = hash;
    }
  })();
}
db.prepare(
  'INSERT INTO consent_chains (portal_id, head_seq, head_hash, checkpoint_seq, checkpoint_hash, checkpoint_at) VALUES (?, ?, ?, NULL, NULL, NULL)',
).run(BIG, RECORDS, prev);
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('ANALYZE');
db.close();
console.log(`consent records: ${RECORDS.toLocaleString('en')} (${Date.now() - t2} ms)`);

// 3. The server in its own process; the load from here.
const { child, match } = await spawnUntil([SERVER, file, SECRET], /listening (\d+)/);
const base = `http://127.0.0.1:${match[1]}`;
const cookie = { cookie: `sessionid=${session.id}` };
const bearer = { authorization: `Bearer ${token}` };
const twoYears = `from=${iso(today - 730 * DAY_MS).slice(0, 10)}&to=${iso(today).slice(0, 10)}`;
const lookups = (prefix, headers) =>
  sampleIds.map((id) => ({ method: 'GET', path: `${prefix}${id}`, headers }));

const targets = [
  [
    'public charter page',
    { path: `/p/${BIG}/charte-cookies`, headers: { 'accept-encoding': 'br' } },
  ],
  ['console: portal list', { path: '/admin/', headers: cookie }],
  ['console: editor, 200 declarations', { path: `/admin/portals/${BIG}/edit`, headers: cookie }],
  [
    'console: statistics, 30 days',
    { path: `/admin/portals/${BIG}/statistics?period=30d`, headers: cookie },
  ],
  [
    'console: statistics, 12 months',
    { path: `/admin/portals/${BIG}/statistics?period=12m`, headers: cookie },
  ],
  [
    'console: statistics, 2 years',
    { path: `/admin/portals/${BIG}/statistics?period=custom&${twoYears}`, headers: cookie },
  ],
  ['console: statistics, all portals', { path: '/admin/statistics?period=30d', headers: cookie }],
  [
    'console: diff, two revisions',
    { path: `/admin/portals/${BIG}/diff?from=4&to=5`, headers: cookie },
  ],
  [
    'console: diff, draft',
    { path: `/admin/portals/${BIG}/diff?from=published&to=draft`, headers: cookie },
  ],
  [
    'console: proof look-up',
    { requests: lookups(`/admin/portals/${BIG}/proofs?consentId=`, cookie) },
  ],
  ['api: proof look-up', { requests: lookups(`/api/v1/admin/portals/${BIG}/consents/`, bearer) }],
  [
    'api: statistics, 12 months',
    { path: `/api/v1/admin/portals/${BIG}/stats?period=12m`, headers: bearer },
  ],
  ['api: statistics, all portals', { path: '/api/v1/admin/stats?period=30d', headers: bearer }],
  ['api: draft', { path: `/api/v1/admin/portals/${BIG}/draft`, headers: bearer }],
  [
    'api: diff, two revisions',
    { path: `/api/v1/admin/portals/${BIG}/diff?from=4&to=5`, headers: bearer },
  ],
];

const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n) => (n === undefined ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const rows = [];
try {
  for (const [name, target] of targets) {
    const options = { url: base, connections: CONNECTIONS, ...target };
    if (target.path) options.url = `${base}${target.path}`;
    await autocannon({ ...options, duration: 1 }); // warm-up
    await fetch(`${base}/__bench/times`);
    const result = await autocannon({ ...options, duration: DURATION });
    const times = await (await fetch(`${base}/__bench/times`)).json();
    const samples = Object.values(times)
      .flat()
      .sort((a, b) => a - b);
    if (result.non2xx || result.errors) {
      throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    // The same alone: what one page costs when no other request shares the event loop.
    const alone = await autocannon({
      ...options,
      connections: 1,
      duration: Math.max(1, DURATION / 2),
    });
    const aloneTimes = Object.values(await (await fetch(`${base}/__bench/times`)).json())
      .flat()
      .sort((a, b) => a - b);
    if (alone.non2xx || alone.errors) throw new Error(`${name} alone: non-2xx or errors`);
    rows.push({
      name,
      alone50: pct(aloneTimes, 50),
      alone99: pct(aloneTimes, 99),
      requests: result.requests.total,
      rps: result.requests.average,
      p50: pct(samples, 50),
      p99: pct(samples, 99),
      lat50: result.latency.p50,
      lat99: result.latency.p99,
    });
  }
} finally {
  await stop(child);
  // BENCH_KEEP=1 keeps the seeded database for profiling one page at a time.
  if (process.env.BENCH_KEEP === '1') console.log(`database kept: ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}

const load = (await import('node:os'))
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(`\n${CONNECTIONS} connections, ${DURATION} s per target, load average ${load}`);
console.log(
  'target'.padEnd(36) +
    'req/s'.padStart(8) +
    'server p50'.padStart(12) +
    'server p99'.padStart(12) +
    'seen p50'.padStart(10) +
    'seen p99'.padStart(10) +
    '1 user p50'.padStart(12) +
    '1 user p99'.padStart(12),
);
for (const r of rows) {
  console.log(
    r.name.padEnd(36) +
      r.rps.toFixed(0).padStart(8) +
      `${fmt(r.p50)} ms`.padStart(12) +
      `${fmt(r.p99)} ms`.padStart(12) +
      `${r.lat50} ms`.padStart(10) +
      `${r.lat99} ms`.padStart(10) +
      `${fmt(r.alone50)} ms`.padStart(12) +
      `${fmt(r.alone99)} ms`.padStart(12),
  );
}
const pages = rows.filter((r) => r.name.startsWith('console'));
const lookup = rows.find((r) => r.name === 'console: proof look-up');
console.log(
  `\ngoals (server time, 10 users): every page p99 ≤ 50 ms (worst ${fmt(Math.max(...pages.map((r) => r.p99)))} ms), ` +
    `proof look-up p99 ≤ 5 ms (${fmt(lookup.p99)} ms); one user alone: worst page p99 ` +
    `${fmt(Math.max(...pages.map((r) => r.alone99)))} ms, look-up p99 ${fmt(lookup.alone99)} ms`,
);
console.log(
  'Server time runs from the request to the whole body; with 10 users it includes the turns of the others on the one event loop.',
);
