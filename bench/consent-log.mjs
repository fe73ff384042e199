/* global process, console */
// npm run bench:consent-log — the consent log alone, without HTTP: what storing one consent costs
// the server's thread. Rounds of BENCH_BATCH appends made at once (as that many waiting clients
// make them; the group commit turns each round into one transaction) go to a SQLite file synced
// before each answer, and to SQLite in memory, the baseline, alternated in slices of
// BENCH_ROUNDS rounds. Prints CPU time per consent (user + system) and wall time per consent for
// each, and their ratio. Steadier than `bench:consent` (no load generator sharing the cores), so it
// is the place to measure a change to the append path before the HTTP bench confirms it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsentLog, openStore } from '../packages/storage/dist/index.js';

const BATCH = Number(process.env.BENCH_BATCH ?? 44);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const SLICES = Number(process.env.BENCH_SLICES ?? 8);
const PORTAL = 'opendata.paris.fr';
const REVISION = `sha256:${'ab'.repeat(32)}`;

/** Ids shaped as the widget makes them: time first, then 128 random bits. */
const widgetId = () =>
  Date.now().toString(36).padStart(9, '0') + randomBytes(16).toString('base64url');

function appends(count) {
  return Array.from({ length: count }, () => {
    const consentId = widgetId();
    return {
      portalId: PORTAL,
      submission: {
        eventId: `${consentId}e`,
        consentId,
        revision: REVISION,
        choices: { statistics: Math.random() < 0.5 },
        action: 'custom',
        source: 'banner',
        lang: 'fr',
      },
    };
  });
}

async function open(url) {
  const store = await openStore(url);
  await store.migrate();
  return { store, log: openConsentLog(store.database) };
}

/** `ROUNDS` rounds on `log`; the appends are made beforehand so only storing is timed. */
async function slice(log) {
  const rounds = Array.from({ length: ROUNDS }, () => appends(BATCH));
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const round of rounds) await Promise.all(round.map((a) => log.append(a)));
  const used = process.cpuUsage(cpu);
  return {
    cpu: used.user + used.system,
    wall: Number(process.hrtime.bigint() - start) / 1e3,
    consents: ROUNDS * BATCH,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'galette-bench-log-'));
const runs = {
  file: { ...(await open(`sqlite:${join(dir, 'bench.db')}`)), slices: [] },
  memory: { ...(await open('sqlite::memory:')), slices: [] },
};
try {
  // Warm-up: JIT, prepared statements, the file's first pages.
  for (const run of Object.values(runs)) await slice(run.log);
  for (let i = 0; i < SLICES; i++) {
    const order = i % 2 === 0 ? ['file', 'memory'] : ['memory', 'file'];
    for (const name of order) runs[name].slices.push(await slice(runs[name].log));
  }
  const perConsent = ({ slices }, key) =>
    slices.reduce((sum, s) => sum + s[key], 0) / slices.reduce((sum, s) => sum + s.consents, 0);
  console.log(
    `consent log alone: ${SLICES} alternated slices of ${ROUNDS} rounds of ${BATCH} appends`,
  );
  for (const [name, run] of Object.entries(runs)) {
    console.log(
      `  ${name === 'file' ? 'SQLite file, synced' : 'SQLite in memory   '} ` +
        `CPU ${perConsent(run, 'cpu').toFixed(2)} µs/consent, ` +
        `wall ${perConsent(run, 'wall').toFixed(2)} µs/consent`,
    );
  }
  console.log(
    `  in memory / file: CPU ${(perConsent(runs.memory, 'cpu') / perConsent(runs.file, 'cpu')).toFixed(2)}, ` +
      `wall ${(perConsent(runs.memory, 'wall') / perConsent(runs.file, 'wall')).toFixed(2)}`,
  );
} finally {
  for (const run of Object.values(runs)) await run.store.close();
  rmSync(dir, { recursive: true, force: true });
}
