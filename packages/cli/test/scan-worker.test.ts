import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '@galette/scanner';
import { openScanJobs, SqliteStore, type ScanJob } from '@galette/storage';
import { startFixtureSite, type FixtureSite } from '../../scanner/test/fixture-site.js';
import { cleanEnv, spawnGalette, tempDir } from './run-galette.js';

let site: FixtureSite;
let dir: string;

beforeAll(async () => {
  site = await startFixtureSite();
  dir = tempDir();
}, 60_000);

afterAll(async () => {
  await site?.close();
});

describe('galette worker', () => {
  it('runs a scan job from the store against the portal’s published revision', async () => {
    const file = join(dir, 'g.db');
    const store = await SqliteStore.open(file);
    expect((await store.migrate()).error).toBeUndefined();
    await store.saveAndPublish(site.revision.content);
    const jobs = openScanJobs(store.database);
    const job = await jobs.enqueue({
      portalId: site.revision.portalId,
      url: site.url,
      options: { pages: 2, scenarios: ['no-action'] },
      trigger: 'console',
      requestedBy: 'alice@example.org',
    });

    const child = spawnGalette(
      ['worker', '--db', `sqlite:${file}`],
      dir,
      cleanEnv({ GALETTE_SCAN_POLL_MS: '200' }),
    );
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    try {
      let done: ScanJob | undefined;
      for (let i = 0; i < 600 && !done; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const now = await jobs.get(job.id);
        if (now?.status === 'done' || now?.status === 'failed') done = now;
      }
      expect(done, out).toMatchObject({ status: 'done', attempts: 1, summary: { errors: 3 } });
      expect(done!.worker).toMatch(/-\d+-[0-9a-f]{6}$/);
      const result = (await jobs.result(job.id)) as ScanResult;
      expect(result.portal).toMatchObject({ id: site.revision.portalId, revision: 1 });
      expect(result.findings.map((f) => `${f.rule} ${f.subject.name}`).sort()).toEqual([
        'before-consent early_id',
        'exempt-conditions _aud_id',
        'undeclared undeclared_pref',
      ]);
      expect(out).toMatch(/Exécuteur d’analyses .+ prêt/);
      expect(out).toContain(`Analyse ${job.id} terminée : 3 erreurs.`);
    } finally {
      const exited = new Promise((r) => child.once('close', r));
      child.kill('SIGTERM');
      await exited;
      await store.close();
    }
    expect(out).toMatch(/Arrêt \(SIGTERM\)/);
  }, 180_000);
});
