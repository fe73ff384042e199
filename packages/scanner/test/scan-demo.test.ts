import { readFileSync } from 'node:fs';
import { parsePortalFile } from '@galette/core';
import { runScan, type ScanOutput } from '@galette/scanner';
import { createApp, startServer, type ServerHandle } from '@galette/server';
import { openStore, type Store } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWidget } from '../../widget/build.mjs';

const DEMO = 'demo.galette.localhost';
let store: Store;
let server: ServerHandle;
let scan: ScanOutput;

// Galette's own demonstration portal, as `npm start` serves it, scanned like any site.
beforeAll(async () => {
  await writeWidget();
  store = await openStore('sqlite::memory:');
  const migration = await store.migrate();
  if (migration.error) throw new Error(migration.error.message);
  const file = new URL(`../../cli/presets/demo/${DEMO}.json`, import.meta.url);
  const revision = await store.saveAndPublish(
    parsePortalFile(JSON.parse(readFileSync(file, 'utf8'))),
  );
  server = await startServer({
    app: createApp({ store, consents: { rateLimit: false } }),
    port: 0,
    hostname: '127.0.0.1',
  });
  scan = await runScan({
    url: `http://127.0.0.1:${server.port}/demo/${DEMO}`,
    revision,
    pages: 2,
    depth: 1,
    concurrency: 3,
    settleMs: 1000,
  });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
});

describe('a scan of the demonstration portal', () => {
  it('plays every scenario through the widget and finds no error', () => {
    const { result } = scan;
    expect(result.coverage.scenariosNotPlayed).toEqual([]);
    expect(
      result.scenarios.every((s) => s.consentMechanism === 'galette' || s.id === 'no-action'),
    ).toBe(true);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(
      errors.map((f) => `${f.rule} ${f.scenario} ${f.subject.name} ${JSON.stringify(f.details)}`),
    ).toEqual([]);
  });

  it('sees the gated audience measurement only after consent', () => {
    const names = (id: string) =>
      result()
        .scenarios.find((s) => s.id === id)!
        .cookies.map((c) => c.name);
    expect(names('no-action')).not.toContain('_ga');
    expect(names('accept-all')).toContain('_ga');
    expect(names('refuse-all')).not.toContain('_ga');
  });
});

const result = () => scan.result;
