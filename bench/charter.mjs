// npm run bench:charter — Galette's cached charter against a plain node:http server sending the
// same bytes and headers. Prints requests/s and p99 latency of each and their ratio (goal ≥ 0.85).
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
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

function load(name, port, duration) {
  return autocannon({
    url: `http://127.0.0.1:${port}${PATH}`,
    headers: HEADERS,
    connections: CONNECTIONS,
    duration,
  }).then((r) => {
    if (r.errors || r.non2xx) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
    return { rps: r.requests.average, p99: r.latency.p99 };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'galette-bench-'));
const env = { ...process.env, GALETTE_SECRET: 'bench', GALETTE_LANG: 'en' };
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
  await load('galette', galettePort, 1);
  await load('plain', plainPort, 1);

  const runs = { galette: [], plain: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['galette', 'plain'] : ['plain', 'galette'];
    for (const name of order) {
      const result = await load(name, name === 'galette' ? galettePort : plainPort, DURATION);
      runs[name].push(result);
      console.log(
        `  round ${round + 1} ${name.padEnd(7)} ${result.rps.toFixed(0).padStart(7)} req/s  p99 ${result.p99} ms`,
      );
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const g = {
    rps: mean(runs.galette.map((r) => r.rps)),
    p99: mean(runs.galette.map((r) => r.p99)),
  };
  const p = { rps: mean(runs.plain.map((r) => r.rps)), p99: mean(runs.plain.map((r) => r.p99)) };
  const ratio = g.rps / p.rps;
  console.log(`galette  ${g.rps.toFixed(0).padStart(7)} req/s  p99 ${g.p99.toFixed(1)} ms`);
  console.log(`plain    ${p.rps.toFixed(0).padStart(7)} req/s  p99 ${p.p99.toFixed(1)} ms`);
  console.log(`ratio    ${ratio.toFixed(3)} (goal ≥ ${GOAL}) ${ratio >= GOAL ? 'met' : 'NOT met'}`);
} finally {
  for (const child of servers) await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
