import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';
import { finishedScan, scanReport } from './scan-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let jobs: ScanJobs;

beforeAll(async () => {
  kit = await consoleKit();
  jobs = openScanJobs((kit.store as KyselyStore).database);
});
afterAll(() => kit.close());

const finding = (id: string, name: string) => ({
  id,
  rule: 'before-consent',
  severity: 'error',
  scenario: 'no-action',
  subject: { kind: 'cookie', name, where: A },
  pages: [`https://${A}/`],
  setBy: [{ via: 'script', script: `https://${A}/js/tag.js` }],
});
const cookie = (name: string) => ({
  name,
  domain: A,
  party: 'first',
  lifetime: { session: false, days: 30 },
  classification: { category: 'marketing', source: 'declaration' },
});

/** A finished scheduled scan of A with every file the worker stores. */
async function scanned(name: string, newErrors?: number) {
  const scenarios = [
    {
      id: 'no-action',
      cookies: [cookie(name)],
      screenshots: { firstLayer: 'screenshots/no-action-first-layer.jpg' },
    },
  ];
  const findings = [finding(`f-${name}`, name)];
  const id = await finishedScan(kit, {
    portalId: A,
    trigger: 'schedule',
    scenarios,
    findings,
    summary: { cookies: 1, ...(newErrors === undefined ? {} : { newErrors }) },
    artifacts: {
      'report.json': scanReport({ scenarios, findings }),
      'report.fr.html': '<p>r</p>',
      'report.en.html': '<p>r</p>',
      'report.fr.md': '# R',
      'report.en.md': '# R',
      'manifest.json': `{"scan":"${name}"}`,
      'screenshots/no-action-first-layer.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
    },
  });
  await new Promise((r) => setTimeout(r, 5));
  return id;
}

const badge = /<a class="fr-badge fr-badge--error fr-badge--sm" href="([^"]+)">([^<]+)/;

describe('a scan whose evidence files the retention rule deleted', () => {
  it('keeps its findings, JSON report and manifest, says why the rest went, and answers 410 for it', async () => {
    const older = await scanned('old_id');
    const newer = await scanned('new_id', 1);
    expect(await jobs.pruneEvidence({ keepPerPortal: 1 })).toMatchObject({ scans: 1, files: 5 });
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    const scan = `/admin/portals/${A}/scans/${older}`;

    const page = await viewer.get(scan);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<code>old_id</code>');
    expect(html).toContain(
      'Les captures d’écran et les rapports HTML et Markdown de cette analyse ont été supprimés, car seules les 1 analyses terminées les plus récentes du portail gardent les leurs.',
    );
    expect(html).toContain(`href="${scan}/report?format=json"`);
    expect(html).toContain(`href="${scan}/report?format=manifest"`);
    expect(html).not.toContain('format=html');
    expect(html).not.toContain('format=md');
    expect(html).not.toContain('/screenshots/');
    // The newer scan still has everything, and no such sentence.
    const kept = await (await viewer.get(`/admin/portals/${A}/scans/${newer}`)).text();
    expect(kept).toContain('format=html&amp;lang=fr');
    expect(kept).toContain('/screenshots/no-action-first-layer.jpg');
    expect(kept).not.toContain('ont été supprimés');

    for (const path of [
      'report?format=html&lang=fr',
      'report?format=md',
      'screenshots/no-action-first-layer.jpg',
    ]) {
      const gone = await viewer.get(`${scan}/${path}`);
      expect(gone.status, path).toBe(410);
      const body = await gone.text();
      expect(body, path).toContain('<h1>Fichier supprimé</h1>');
      expect(body, path).toContain('seules les 1 analyses terminées les plus récentes');
      expect(body, path).toContain(`href="${scan}"`);
      expect(gone.headers.get('cache-control'), path).toBe('no-store');
    }
    // What never existed is still a 404, even on a pruned scan.
    for (const path of ['report?format=pdf', 'screenshots/accept-all-after-choice.jpg']) {
      expect((await viewer.get(`${scan}/${path}`)).status, path).toBe(404);
    }
    const manifest = await viewer.get(`${scan}/report?format=manifest`);
    expect(await manifest.text()).toBe('{"scan":"old_id"}');
    const json = await viewer.get(`${scan}/report?format=json`);
    expect(JSON.parse(await json.text())).toMatchObject({ findings: [{ id: 'f-old_id' }] });

    const api = await viewer.get(`/api/v1/admin/portals/${A}/scans/${older}`);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { scan: unknown }).scan).toMatchObject({
      evidencePruned: { keep: 1 },
    });
  });

  it('still compares pruned scans and keeps the new-errors badge when every scan is pruned', async () => {
    const before = await scanned('gone_id');
    const latest = await scanned('fresh_id', 1);
    await jobs.pruneEvidence({ keepPerPortal: 0, portalId: A });
    expect((await jobs.get(latest))?.evidencePruned?.keep).toBe(0);
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);

    const diff = await editor.get(`/admin/portals/${A}/scans/diff?from=${before}&to=${latest}`);
    expect(diff.status).toBe(200);
    const d = await diff.text();
    const section = (heading: string) =>
      d.slice(d.indexOf(heading), d.indexOf('</section>', d.indexOf(heading)));
    expect(section('Cookies apparus')).toContain('fresh_id');
    expect(section('Cookies disparus')).toContain('gone_id');
    expect(section('Nouveaux constats')).toContain('fresh_id');

    const list = await (await editor.get('/admin/')).text();
    const found = badge.exec(list);
    expect(found?.[1]).toBe(`/admin/portals/${A}/scans/${latest}`);
    expect(found?.[2]).toBe('1 nouvelle(s) erreur(s) à l’analyse programmée');

    const page = await (await editor.get(`/admin/portals/${A}/scans/${latest}`)).text();
    expect(page).toContain(
      'Les captures d’écran et les rapports HTML et Markdown de cette analyse ont été supprimés, comme ceux de toutes les analyses du portail alors.',
    );
    expect(page).toContain('<code>fresh_id</code>');
  });
});
