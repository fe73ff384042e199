import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { withScreenshots } from '@galette/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '@galette/scanner';
import { openScanJobs, SqliteStore, type ScanJob } from '@galette/storage';
import { startFixtureSite, type FixtureSite } from '../../scanner/test/fixture-site.js';
import { previousDone, runScanJob } from '../src/scan-worker.js';
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
      // The fixture site is on 127.0.0.1, which server-run scans refuse unless told otherwise.
      cleanEnv({ GALETTE_SCAN_POLL_MS: '200', GALETTE_SCAN_PRIVATE_NETWORKS: 'allow' }),
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

      // Its evidence is kept with it, listed in a manifest of SHA-256 like the CLI's.
      const files = await jobs.artifacts(job.id);
      expect(files.map((f) => f.path)).toEqual(
        expect.arrayContaining([
          'draft-portal.json',
          'manifest.json',
          'report.en.html',
          'report.en.md',
          'report.fr.html',
          'report.fr.md',
          'report.json',
          'requests/no-action.json',
          'screenshots/no-action-first-layer.jpg',
        ]),
      );
      const manifestOf = async (id: string) =>
        JSON.parse(new TextDecoder().decode((await jobs.artifact(id, 'manifest.json'))!.bytes)) as {
          previous: { sha256: string } | null;
          artifacts: { path: string; sha256: string }[];
        };
      const manifest = await manifestOf(job.id);
      expect(manifest.previous).toBeNull();
      // The HTML reports are stored without the screenshots they embed, which are stored once
      // beside them; put back, they are the very bytes the manifest lists.
      const listed = new Map(manifest.artifacts.map((a) => [a.path, a.sha256]));
      for (const f of files.filter((f) => f.path !== 'manifest.json')) {
        if (f.path.endsWith('.html')) continue;
        expect(listed.get(f.path), f.path).toBe(f.sha256);
      }
      const shot = (await jobs.artifact(job.id, 'screenshots/no-action-first-layer.jpg'))!;
      for (const lang of ['fr', 'en']) {
        const stored = new TextDecoder().decode(
          (await jobs.artifact(job.id, `report.${lang}.html`))!.bytes,
        );
        expect(stored).toContain('"galette-artifact:screenshots/no-action-first-layer.jpg"');
        expect(stored).not.toContain('data:image/jpeg');
        const served = withScreenshots(stored, new Map([[shot.path, shot.bytes]]));
        expect(createHash('sha256').update(served).digest('hex')).toBe(
          listed.get(`report.${lang}.html`),
        );
      }
      expect([...listed.keys()].sort()).toEqual(
        files.filter((f) => f.path !== 'manifest.json').map((f) => f.path),
      );
      expect(done!.summary?.newErrors).toBeUndefined();

      // The next scan of the portal chains to this one and counts the error findings it adds.
      const next = await jobs.enqueue({
        portalId: site.revision.portalId,
        url: site.url,
        options: { pages: 2, scenarios: ['no-action'] },
        trigger: 'schedule',
      });
      let again: ScanJob | undefined;
      for (let i = 0; i < 600 && !again; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const now = await jobs.get(next.id);
        if (now?.status === 'done' || now?.status === 'failed') again = now;
      }
      expect(again, out).toMatchObject({ status: 'done', summary: { errors: 3, newErrors: 0 } });
      const first = files.find((f) => f.path === 'manifest.json')!;
      expect((await manifestOf(next.id)).previous).toMatchObject({ sha256: first.sha256 });
    } finally {
      const exited = new Promise((r) => child.once('close', r));
      child.kill('SIGTERM');
      await exited;
      await store.close();
    }
    expect(out).toMatch(/Arrêt \(SIGTERM\)/);
  }, 180_000);

  it('refuses to send the server’s browser to a private address unless the operator allows it', async () => {
    const store = await SqliteStore.open(':memory:');
    expect((await store.migrate()).error).toBeUndefined();
    await store.saveAndPublish(site.revision.content);
    const job = await openScanJobs(store.database).enqueue({
      portalId: site.revision.portalId,
      url: 'http://169.254.169.254/latest/meta-data/',
      options: { pages: 1, scenarios: ['no-action'] },
      trigger: 'console',
    });
    try {
      await expect(runScanJob(job, { store, env: {}, progress: () => {} })).rejects.toThrow(
        /private network address.+GALETTE_SCAN_PRIVATE_NETWORKS=allow/,
      );
    } finally {
      await store.close();
    }
  });

  it('chains to the latest scan but counts new errors against the latest of the same kind', async () => {
    const store = await SqliteStore.open(':memory:');
    expect((await store.migrate()).error).toBeUndefined();
    const jobs = openScanJobs(store.database);
    const run = async (url: string, pages: number) => {
      const job = await jobs.enqueue({
        portalId: 'p.example',
        url,
        options: { pages, scenarios: ['no-action'] },
        trigger: 'schedule',
      });
      expect((await jobs.claimNext('w'))?.id).toBe(job.id);
      await jobs.finish(job.id, 'w', {
        result: { findings: [] },
        summary: { errors: 0, warnings: 0, notices: 0, cookies: 0 },
      });
      return job;
    };
    try {
      const weekly = await run('https://p.example/', 50);
      const console1 = await run('https://p.example/', 1);
      const next = await jobs.enqueue({
        portalId: 'p.example',
        url: 'https://p.example/',
        options: { pages: 50, scenarios: ['no-action'] },
        trigger: 'schedule',
      });
      const { latest, comparable } = await previousDone(jobs, next);
      expect(latest?.id).toBe(console1.id);
      expect(comparable?.id).toBe(weekly.id);
    } finally {
      await store.close();
    }
  });
});
