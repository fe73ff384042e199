/* global process, console, URL, Buffer */
// npm run bench:charter — Galette's cached charter against a plain node:http server sending the
// same bytes and headers. Prints requests/s and p99 latency of each and their ratio (goal ≥ 0.85),
// and each server's CPU time per request. BENCH_DURATION (s per run), BENCH_CONNECTIONS and
// BENCH_ROUNDS change the load; both servers run in their own process, the load generator here.
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { spawnUntil, stop } from './lib/processes.mjs';

const GALETTE = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));
const PLAIN = fileURLToPath(new URL('./lib/plain-server.mjs', import.meta.url));
const PATH = '/p/opendata.paris.fr/charte-cookies';
// What a browser sends; br is the variant most visitors get.
const HEADERS = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'fr-FR,fr;q=0.9' };
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const GOAL = 0.85;

function fetchRaw(port) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: PATH, headers: HEADERS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined elsewhere. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

// On a small machine the load generator can saturate before the server does; the server's CPU
// time per request still shows which server does more work per answer.
async function load(name, port, duration, pid) {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${PATH}`,
    headers: HEADERS,
    connections: CONNECTIONS,
    duration,
  });
  if (result.errors || result.non2xx) {
    throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  const cpu = cpuBefore === undefined ? undefined : cpuSeconds(pid) - cpuBefore;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuPerRequest: cpu === undefined ? undefined : (cpu * 1e6) / result.requests.total,
  };
}

function line(r) {
  const cpu =
    r.cpuPerRequest === undefined ? '' : `  server CPU ${r.cpuPerRequest.toFixed(1)} µs/req`;
  // autocannon records latencies in whole milliseconds: 0 means under one.
  const p99 = r.p99 < 1 ? '<1' : r.p99.toFixed(1);
  return `${r.rps.toFixed(0).padStart(7)} req/s  p99 ${p99} ms${cpu}`;
}

const dir = mkdtempSync(join(tmpdir(), 'galette-bench-'));
const env = {
  ...process.env,
  GALETTE_SECRET: 'bench-secret-of-at-least-32-bytes!',
  GALETTE_LANG: 'en',
};
const servers = [];
try {
  const galette = await spawnUntil(
    [
      GALETTE,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--db',
      `sqlite:${join(dir, 'bench.db')}`,
    ],
    /http:\/\/127\.0\.0\.1:(\d+)/,
    { cwd: dir, env },
  );
  servers.push(galette.child);
  const galettePort = Number(galette.match[1]);

  const sample = await fetchRaw(galettePort);
  if (sample.status !== 200) throw new Error(`Galette answered ${sample.status}`);
  // The plain server repeats Galette's answer header for header (Date and Connection are Node's).
  const {
    date: _date,
    connection: _connection,
    'keep-alive': _keepAlive,
    ...headers
  } = sample.headers;
  const plain = await spawnUntil([PLAIN], /^(\d+)\n/, {
    input: JSON.stringify({ status: 200, headers, bodyBase64: sample.body.toString('base64') }),
  });
  servers.push(plain.child);
  const plainPort = Number(plain.match[1]);
  const check = await fetchRaw(plainPort);
  if (!check.body.equals(sample.body))
    throw new Error('the plain server does not send the same bytes');

  console.log(
    `GET ${PATH} (${sample.headers['content-encoding'] ?? 'identity'}, ${sample.body.length} bytes), ` +
      `${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} rounds, alternating order`,
  );
  const pids = { galette: galette.child.pid, plain: plain.child.pid };
  const ports = { galette: galettePort, plain: plainPort };
  // Warm-up: lets both JITs settle before anything is measured.
  await load('galette', galettePort, 3, pids.galette);
  await load('plain', plainPort, 3, pids.plain);

  const runs = { galette: [], plain: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['galette', 'plain'] : ['plain', 'galette'];
    for (const name of order) {
      const result = await load(name, ports[name], DURATION, pids[name]);
      runs[name].push(result);
      console.log(`  round ${round + 1} ${name.padEnd(7)} ${line(result)}`);
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const summary = (rs) => ({
    rps: mean(rs.map((r) => r.rps)),
    p99: mean(rs.map((r) => r.p99)),
    cpuPerRequest:
      rs[0].cpuPerRequest === undefined ? undefined : mean(rs.map((r) => r.cpuPerRequest)),
  });
  const g = summary(runs.galette);
  const p = summary(runs.plain);
  const ratio = g.rps / p.rps;
  console.log(`galette  ${line(g)}`);
  console.log(`plain    ${line(p)}`);
  console.log(
    `ratio    ${ratio.toFixed(3)} of the plain server's requests/s (goal ≥ ${GOAL}): ` +
      (ratio >= GOAL ? 'met' : 'NOT met'),
  );
  if (g.cpuPerRequest !== undefined) {
    const efficiency = p.cpuPerRequest / g.cpuPerRequest;
    console.log(
      `         ${efficiency.toFixed(3)} of its server CPU efficiency (CPU time per request)`,
    );
  }
} finally {
  for (const child of servers) await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
