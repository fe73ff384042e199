import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parsePortalFile } from '@galette/core';
import { KyselyStore, openScanJobs, openStore, type Store } from '@galette/storage';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliInProcess, DEMO_DIR, tempDir } from './run-galette.js';

const PARIS = 'opendata.paris.fr';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cli = (args: string[], env: Record<string, string> = {}) => cliInProcess(args, { env });

let db: string;
let store: Store;
let ids: string[];
const bytes = (text: string) => new TextEncoder().encode(text);
const jobsOf = (s: Store) => openScanJobs((s as KyselyStore).database);

/** Paris published, with four finished scans, each with a screenshot, a report and a manifest. */
beforeEach(async () => {
  const dir = tempDir();
  dirs.push(dir);
  db = `sqlite:${join(dir, 'galette.db')}`;
  store = await openStore(db);
  expect((await store.migrate()).error).toBeUndefined();
  const file = JSON.parse(readFileSync(join(DEMO_DIR, `${PARIS}.json`), 'utf8')) as unknown;
  await store.saveAndPublish(parsePortalFile(file));
  const jobs = jobsOf(store);
  ids = [];
  for (let n = 0; n < 4; n++) {
    const job = await jobs.enqueue({ portalId: PARIS, url: `https://${PARIS}/`, trigger: 'cli' });
    await jobs.claimNext('w');
    await jobs.finish(job.id, 'w', {
      result: { findings: [] },
      summary: { errors: 0, warnings: 0, notices: 0, cookies: 0 },
      artifacts: [
        {
          path: 'screenshots/no-action-first-layer.jpg',
          mediaType: 'image/jpeg',
          bytes: bytes('x'.repeat(3000)),
        },
        { path: 'report.en.html', mediaType: 'text/html', bytes: bytes('<p>report</p>') },
        { path: 'manifest.json', mediaType: 'application/json', bytes: bytes('{}') },
      ],
    });
    ids.push(job.id);
    // Finished one after the other, a millisecond at least apart.
    await new Promise((r) => setTimeout(r, 5));
  }
});
afterEach(() => store.close());

describe('galette scans prune', () => {
  it('deletes the heavy files past the newest N, says what went, and audits it as cli', async () => {
    const run = await cli(['scans', 'prune', '--keep', '2', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    // Two scans of 3 000 + 13 bytes, base64 in the database: 2 × (4 000 + 20) bytes.
    expect(run.stdout).toBe(
      'opendata.paris.fr : captures et rapports HTML et Markdown de 2 analyse(s) supprimés (4 fichiers, 8 ko de moins dans la base) ; les 2 plus récentes gardent les leurs.\n',
    );
    const jobs = jobsOf(store);
    for (const id of ids.slice(0, 2)) {
      expect((await jobs.artifacts(id)).map((f) => f.path)).toEqual(['manifest.json']);
      expect((await jobs.get(id))?.evidencePruned?.keep).toBe(2);
    }
    for (const id of ids.slice(2)) expect(await jobs.artifacts(id)).toHaveLength(3);
    const audit = await store.accounts.queryAudit({
      visiblePortals: 'all',
      action: 'scan.prune-evidence',
    });
    expect(audit.entries).toEqual([
      expect.objectContaining({
        actor: { kind: 'cli', label: 'cli' },
        portalId: PARIS,
        outcome: 'success',
        changes: { keep: 2, scans: 2, files: 4, bytes: 6026, storedBytes: 8040 },
      }),
    ]);
    const again = await cli(['scans', 'prune', '--keep', '2', '--portal', PARIS, '--db', db]);
    expect(again.stdout).toContain('Rien à supprimer');
    expect((await store.accounts.queryAudit({ visiblePortals: 'all' })).total).toBe(audit.total);
  });

  it('keeps GALETTE_SCAN_KEEP_EVIDENCE scans by default, 30 when unset, and all with `all`', async () => {
    expect((await cli(['scans', 'prune', '--db', db])).stdout).toContain('au-delà des 30');
    const all = await cli(['scans', 'prune', '--db', db], { GALETTE_SCAN_KEEP_EVIDENCE: 'all' });
    expect(all.stdout).toContain('GALETTE_SCAN_KEEP_EVIDENCE=all');
    const three = await cli(['scans', 'prune', '--db', db], { GALETTE_SCAN_KEEP_EVIDENCE: '3' });
    expect(three.stdout).toContain('de 1 analyse(s) supprimés');
    expect(await jobsOf(store).artifacts(ids[0]!)).toHaveLength(1);
  });

  it('refuses a bad count, an unknown portal or action, naming what is wrong', async () => {
    const bad = await cli(['scans', 'prune', '--keep', 'dix', '--db', db]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--keep : « dix »')]);
    const setting = await cli(['scans', 'prune', '--db', db], { GALETTE_SCAN_KEEP_EVIDENCE: '0' });
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('GALETTE_SCAN_KEEP_EVIDENCE : valeur « 0 » invalide');
    const portal = await cli(['scans', 'prune', '--portal', 'nowhere.example', '--db', db]);
    expect([portal.code, portal.stderr]).toEqual([2, expect.stringContaining('nowhere.example')]);
    expect((await cli(['scans', 'purge', '--db', db])).code).toBe(2);
    expect((await cli(['scans', '--db', db])).code).toBe(2);
    for (const id of ids) expect(await jobsOf(store).artifacts(id)).toHaveLength(3);
  });

  it('stops `worker` and `serve` at start on a bad GALETTE_SCAN_KEEP_EVIDENCE', async () => {
    for (const verb of ['worker', 'serve']) {
      const run = await cli([verb, '--db', db], { GALETTE_SCAN_KEEP_EVIDENCE: 'trente' });
      expect(run.code, verb).toBe(2);
      expect(run.stderr).toContain(
        'GALETTE_SCAN_KEEP_EVIDENCE : valeur « trente » invalide (attendu : 1–100000 | all)',
      );
    }
  });

  it('lists its options in the help, in the CLI’s language', async () => {
    const help = await cli(['scans', '--help']);
    expect(help.stdout).toContain('galette scans prune [--keep <n>] [--portal <id>]');
    expect(help.stdout).toMatch(/--keep <n> +analyses terminées les plus récentes .*sinon 30/);
    expect((await cli(['--help'])).stdout).toMatch(/scans +supprime les captures/);
  });
});
