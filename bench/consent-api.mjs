/* global process, console, URL, fetch */
// npm run bench:consent — consent POSTs (validated, group-committed, durable) against the same
// server's validate-only handler, which runs every check and stores nothing. Prints requests/s and
// p99 of each, their ratio (goal ≥ 0.7, p99 ≤ 25 ms at 50 connections on SQLite), then kills the
// server with SIGKILL and counts the acknowledged records missing from the database (must be 0).
// The same run on PostgreSQL follows when it is reachable (GALETTE_TEST_POSTGRES_URL).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openConsentLog, openDatabase } from '../packages/storage/dist/index.js';

const GALETTE = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));
const PORTAL = 'opendata.paris.fr';
const ORIGIN = 'https://opendata.paris.fr';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const POSTGRES = process.env.GALETTE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const GOAL_RATIO = 0.7;
const GOAL_P99_MS = 25;

/** Starts `galette serve` and resolves once it printed its address. */
async function serve(dbUrl, cwd) {
  const child = spawn(
    process.execPath,
    [GALETTE, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', dbUrl],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GALETTE_SECRET: 'bench',
        GALETTE_LANG: 'en',
        // One client makes all the load: the limiter still runs, it never refuses.
        GALETTE_CONSENT_RATE_LIMIT: '1000000000/1000000000',
      },
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => {
      out += b;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`galette serve exited ${code}\n${err}`)));
  });
  return { child, port };
}

/** Ids shaped as the widget makes them: time first, then 128 random bits. */
const widgetId = () =>
  Date.now().toString(36).padStart(9, '0') + randomBytes(16).toString('base64url');

function submission(revision) {
  const consentId = widgetId();
  return {
    eventId: consentId + Date.now().toString(36),
    consentId,
    revision,
    choices: { statistics: Math.random() < 0.5 },
    action: 'custom',
    source: 'banner',
    lang: 'fr',
  };
}

/** One autocannon run; collects the event ids answered 201 into `acknowledged`. */
async function load(port, path, revision, duration, acknowledged) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        setupRequest(request, context) {
          const body = submission(revision);
          context.eventId = body.eventId;
          return { ...request, body: JSON.stringify(body) };
        },
        onResponse(status, _body, context) {
          if (status === 201) acknowledged?.add(context.eventId);
        },
      },
    ],
  });
  if (result.errors || result.non2xx) {
    throw new Error(`${path}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function bench(label, dbUrl, cwd) {
  const server = await serve(dbUrl, cwd);
  const acknowledged = new Set();
  let killed = false;
  try {
    const charter = await fetch(
      `http://127.0.0.1:${server.port}/p/${PORTAL}/charte-cookies.json`,
    ).then((r) => r.json());
    const revision = charter.revision.hash;
    const base = `/api/v1/portals/${PORTAL}/consents`;
    // Warm-up: JIT, caches, the first WAL checkpoint.
    await load(server.port, `${base}/validate`, revision, 2);
    await load(server.port, base, revision, 2, acknowledged);
    const validate = [];
    const consent = [];
    for (let round = 0; round < ROUNDS; round++) {
      validate.push(await load(server.port, `${base}/validate`, revision, DURATION));
      consent.push(await load(server.port, base, revision, DURATION, acknowledged));
    }
    server.child.kill('SIGKILL');
    killed = true;
    await once(server.child, 'exit');
    const missing = await countMissing(dbUrl, acknowledged);
    const v = { rps: median(validate.map((r) => r.rps)), p99: median(validate.map((r) => r.p99)) };
    const c = { rps: median(consent.map((r) => r.rps)), p99: median(consent.map((r) => r.p99)) };
    const ratio = c.rps / v.rps;
    console.log(`\n${label}: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s each (median)`);
    console.log(`  validate-only  ${v.rps.toFixed(0).padStart(7)} req/s   p99 ${v.p99} ms`);
    console.log(`  consent POST   ${c.rps.toFixed(0).padStart(7)} req/s   p99 ${c.p99} ms`);
    console.log(
      `  ratio ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO}: ${ratio >= GOAL_RATIO ? 'met' : 'MISSED'}), ` +
        `p99 goal ≤ ${GOAL_P99_MS} ms: ${c.p99 <= GOAL_P99_MS ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  acknowledged ${acknowledged.size}, missing after SIGKILL: ${missing}` +
        (missing === 0 ? '' : '  <-- DURABILITY FAILURE'),
    );
    return missing;
  } finally {
    if (!killed) server.child.kill('SIGKILL');
  }
}

/** Acknowledged event ids not in the portal's chain, read back once the server is dead. */
async function countMissing(dbUrl, acknowledged) {
  const database = await openDatabase(dbUrl);
  try {
    const log = openConsentLog(database);
    const stored = new Set();
    for await (const record of log.records(PORTAL)) stored.add(record.eventId);
    const verification = await log.verify(PORTAL);
    if (!verification.ok) console.log('  chain verification FAILED', verification.firstBreak);
    let missing = 0;
    for (const id of acknowledged) if (!stored.has(id)) missing++;
    return missing;
  } finally {
    await database.close();
  }
}

async function postgresScratch() {
  const admin = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: error.message };
  }
  const name = `galette_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin.query(`create database "${name}"`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'galette-bench-consent-'));
let missing = 0;
try {
  missing += await bench('SQLite (WAL, synchronous=FULL)', `sqlite:${join(dir, 'bench.db')}`, dir);
  const scratch = await postgresScratch();
  if (scratch.skipped) console.log(`\nPostgreSQL: skipped (${scratch.skipped})`);
  else {
    try {
      missing += await bench('PostgreSQL', scratch.url, dir);
    } finally {
      await scratch.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = missing === 0 ? 0 : 1;
