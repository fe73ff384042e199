/* global process, console, URL, fetch, setTimeout, performance, AbortSignal */
// npm run bench:faults — `galette serve` under a consent load while the database has a bad day:
// PostgreSQL connections terminated every 200 ms, connections refused (ALLOW_CONNECTIONS false),
// a read-only database, a silent 15-second partition (a TCP proxy that stops forwarding), and on
// SQLite another process holding the write lock for 5 s; then clients aborting their uploads.
// For each: consent answers by status, the longest consent answer, the longest /healthz and
// charter answers during the fault, acknowledged consents missing afterwards (must be 0) and
// whether the process stayed up. PostgreSQL faults run on a database of their own
// (GALETTE_TEST_POSTGRES_URL's server); the server itself is never stopped.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openConsentLog, openDatabase } from '../packages/storage/dist/index.js';
import { startConsentLoad } from '../test-support/consent-load.mjs';
import { postgresUnreachable, scratchDatabase } from '../test-support/postgres.mjs';
import { startTcpProxy } from '../test-support/tcp-proxy.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const GALETTE = join(ROOT, 'packages/cli/dist/main.js');
const PORTAL = 'opendata.paris.fr';
const ORIGIN = 'https://opendata.paris.fr';
const POSTGRES = process.env.GALETTE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(dbUrl, cwd) {
  const child = spawn(
    process.execPath,
    [GALETTE, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', dbUrl],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GALETTE_SECRET: 'bench-secret-of-at-least-32-bytes!',
        GALETTE_LANG: 'en',
        GALETTE_CONSENT_RATE_LIMIT: 'off',
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  let stdout = '';
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => {
      stdout += b;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  let up = true;
  child.once('exit', () => (up = false));
  const base = `http://127.0.0.1:${port}`;
  const charter = await (await fetch(`${base}/p/${PORTAL}/charte-cookies.json`)).json();
  return {
    base,
    port,
    revision: charter.revision.hash,
    up: () => up,
    logLines: () => stderr.split('\n').filter((l) => l.trim() !== '').length,
    async stop() {
      if (!up) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** GETs `url` every 100 ms until stopped; the longest answer (a failure counts as the wait). */
function probe(url) {
  let longest = 0;
  const statuses = {};
  let stopping = false;
  const running = (async () => {
    while (!stopping) {
      const started = performance.now();
      let status;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'timeout';
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      longest = Math.max(longest, performance.now() - started);
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await running;
      return { longest, statuses };
    },
  };
}

/** Runs `fault` under load against a server on `dbUrl`; prints one result line. */
async function scenario(name, dbUrl, fault, { serverUrl = dbUrl, cwd } = {}) {
  const server = await serve(serverUrl, cwd);
  const load = startConsentLoad({
    endpoint: `${server.base}/api/v1/portals/${PORTAL}/consents`,
    origin: ORIGIN,
    revision: server.revision,
    connections: CONNECTIONS,
  });
  await sleep(1000);
  const health = probe(`${server.base}/healthz`);
  const charter = probe(`${server.base}/p/${PORTAL}/charte-cookies`);
  const logBefore = server.logLines();
  const extra = (await fault(server)) ?? {};
  const [h, c] = await Promise.all([health.stop(), charter.stop()]);
  const logLines = server.logLines() - logBefore;
  await sleep(3000); // healed: the refused events are sent again
  const result = await load.stop();
  const up = server.up();
  await server.stop();
  const database = await openDatabase(dbUrl);
  const stored = new Set();
  try {
    for await (const record of openConsentLog(database).records(PORTAL)) stored.add(record.eventId);
  } finally {
    await database.close();
  }
  const missing = result.acknowledged.filter((s) => !stored.has(s.eventId)).length;
  const row = {
    fault: name,
    consents: JSON.stringify(result.statuses),
    'longest consent ms': Math.round(result.longestMs),
    'healthz (during)': JSON.stringify(h.statuses),
    'longest healthz ms': Math.round(h.longest),
    'charter (during)': JSON.stringify(c.statuses),
    'longest charter ms': Math.round(c.longest),
    'acknowledged missing': missing,
    'process up': up,
    'log lines (during)': logLines,
    ...extra,
  };
  console.log(row);
  return row;
}

/** 200 clients that send half a consent body and hang up, under the same consent load. */
async function abortUploads(server) {
  for (let i = 0; i < 200; i++) {
    const socket = net.connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /api/v1/portals/${PORTAL}/consents HTTP/1.1\r\nHost: x\r\nOrigin: ${ORIGIN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"eventId":"`,
    );
    await sleep(5);
    socket.destroy();
  }
  await sleep(500);
  return { 'uploads aborted': 200 };
}

/** The rows as a Markdown table, for docs/faults.md. */
function markdown(rows) {
  const columns = [
    ['fault', 'Fault'],
    ['consents', 'Consents by status'],
    ['longest consent ms', 'Longest consent (ms)'],
    ['healthz (during)', '/healthz during'],
    ['longest healthz ms', 'Longest /healthz (ms)'],
    ['charter (during)', 'Charter during'],
    ['longest charter ms', 'Longest charter (ms)'],
    ['acknowledged missing', 'Acknowledged missing'],
    ['process up', 'Process up'],
    ['log lines (during)', 'Log lines'],
  ];
  const cell = (v) => String(v ?? '').replace(/\|/g, '\\|');
  return [
    `| ${columns.map(([, h]) => h).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map(([k]) => cell(r[k])).join(' | ')} |`),
  ].join('\n');
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'galette-bench-faults-'));
try {
  // SQLite: another process holds the write lock for 5 s.
  const file = join(dir, 'galette.db');
  rows.push(
    await scenario(
      'sqlite: BEGIN EXCLUSIVE 5 s',
      `sqlite:${file}`,
      async () => {
        const holder = spawn(
          process.execPath,
          [
            '-e',
            `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('BEGIN EXCLUSIVE');` +
              `process.stdout.write('locked\\n');setTimeout(()=>{d.exec('COMMIT');d.close()},5000)`,
            file,
          ],
          { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
        );
        await once(holder.stdout, 'data');
        await once(holder, 'exit');
      },
      { cwd: dir },
    ),
  );
  rows.push(
    await scenario('aborted uploads ×200 (SQLite)', `sqlite:${file}`, abortUploads, { cwd: dir }),
  );

  const unreachable = await postgresUnreachable(POSTGRES);
  if (unreachable) console.log(`PostgreSQL faults skipped: ${unreachable}`);
  else {
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    const terminate = (name) =>
      admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
    const onScratch = async (label, fault, options = {}) => {
      const scratch = await scratchDatabase('galette_bench_faults');
      const name = new URL(scratch.url).pathname.slice(1);
      try {
        rows.push(
          await scenario(label, scratch.url, () => fault(name, scratch.url), options(scratch.url)),
        );
      } finally {
        await admin.query(`alter database "${name}" allow_connections true`).catch(() => undefined);
        await scratch.drop();
      }
    };
    await onScratch(
      'postgres: pg_terminate_backend every 200 ms, 10 s',
      async (name) => {
        for (let i = 0; i < 50; i++) {
          await sleep(200);
          await terminate(name);
        }
      },
      () => ({ cwd: dir }),
    );
    await onScratch(
      'postgres: ALLOW_CONNECTIONS false, 5 s',
      async (name) => {
        await admin.query(`alter database "${name}" allow_connections false`);
        await terminate(name);
        await sleep(5000);
        await admin.query(`alter database "${name}" allow_connections true`);
      },
      () => ({ cwd: dir }),
    );
    await onScratch(
      'postgres: read-only, 5 s',
      async (name) => {
        await admin.query(`alter database "${name}" set default_transaction_read_only = on`);
        await terminate(name);
        await sleep(5000);
        await admin.query(`alter database "${name}" reset default_transaction_read_only`);
        await terminate(name);
      },
      () => ({ cwd: dir }),
    );
    const target = new URL(POSTGRES);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    try {
      await onScratch(
        'postgres: silent partition, 15 s',
        async () => {
          proxy.pause();
          await sleep(15_000);
          proxy.resume();
        },
        (url) => {
          const via = new URL(url);
          via.hostname = '127.0.0.1';
          via.port = String(proxy.port);
          return { cwd: dir, serverUrl: via.toString() };
        },
      );
    } finally {
      await proxy.close();
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${markdown(rows)}\n`);
const bad = rows.filter((r) => r['acknowledged missing'] > 0 || r['process up'] === false);
console.log(bad.length === 0 ? 'every fault: process up, 0 acknowledged missing' : 'FAILED', bad);
process.exitCode = bad.length === 0 ? 0 : 1;
