import { createHash } from 'node:crypto';
import { CLI_PRINCIPAL } from '@galette/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';
import { finishedScan, scanReport } from './scan-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
let scanId: string;

const undeclared = (id: string, name: string) => ({
  id,
  rule: 'undeclared',
  severity: 'error',
  scenario: 'accept-all',
  subject: { kind: 'cookie', name, where: 'opendata.paris.fr' },
  pages: ['https://opendata.paris.fr/'],
  setBy: [{ via: 'script', script: 'https://opendata.paris.fr/js/tag.js' }],
});

/** A declaration as the worker's `draft-portal.json` (the scanner's `--emit-portal`) has it. */
const scanned = (name: string, category: string) => ({
  provider: 'opendata.paris.fr',
  service: { fr: 'Vu sur / (à compléter)', en: 'Seen on / (to complete)' },
  name,
  purpose: { fr: 'À décrire.', en: 'To describe.' },
  category,
  lifetime: 'P6M',
  party: 'first',
  storage: 'cookie',
});

const STYLE = 'body{font-family:sans-serif}';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const page = (src: string) =>
  `<!doctype html><html lang="fr"><head><title>Rapport</title><style>${STYLE}</style></head><body><h1>Rapport <script>alert(1)</script></h1><img src="${src}" alt="Sans choix"></body></html>`;
/** The report as the worker stores it (its screenshot beside it), and as it is served. */
const HTML = page('galette-artifact:screenshots/no-action-first-layer.jpg');
const SERVED = page(`data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`);

beforeAll(async () => {
  kit = await consoleKit();
  const scenarios = [
    {
      id: 'no-action',
      cookies: [],
      screenshots: {
        firstLayer: 'screenshots/no-action-first-layer.jpg',
        afterChoice: 'screenshots/no-action-after-choice.jpg',
      },
    },
  ];
  const findings = [undeclared('f-tracker', 'new_tracker'), undeclared('f-mystery', 'mystery_id')];
  const draft = {
    format: 'galette.portal/1',
    id: A,
    categories: [
      {
        id: 'a-verifier',
        label: { fr: 'À vérifier', en: 'To review' },
        description: { fr: 'À ranger.', en: 'To sort.' },
      },
    ],
    declarations: [scanned('new_tracker', 'marketing'), scanned('mystery_id', 'a-verifier')],
  };
  scanId = await finishedScan(kit, {
    portalId: A,
    scenarios,
    findings,
    summary: { cookies: 2 },
    artifacts: {
      'report.json': scanReport({ scenarios, findings }),
      'report.fr.html': HTML,
      'report.fr.md': '# Rapport',
      'manifest.json': '{}',
      'draft-portal.json': draft,
      'screenshots/no-action-first-layer.jpg': JPEG,
    },
  });
});
afterAll(() => kit.close());

const scanPath = () => `/admin/portals/${A}/scans/${scanId}`;

describe('a finished scan’s evidence in the console', () => {
  it('shows viewers the report links and screenshots, without the draft form', async () => {
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    const page = await (await viewer.get(scanPath())).text();
    expect(page).toContain('Rapport et preuves');
    expect(page).toContain(`href="${scanPath()}/report?format=html&amp;lang=fr"`);
    expect(page).toContain(`href="${scanPath()}/report?format=json"`);
    expect(page).toContain(`href="${scanPath()}/report?format=manifest"`);
    // Only the screenshot that was stored, with its scenario in words as its text.
    expect(page).toContain(
      `<img src="${scanPath()}/screenshots/no-action-first-layer.jpg" alt="Scénario « aucune action » : premier niveau du bandeau"`,
    );
    expect(page).not.toContain('no-action-after-choice.jpg');
    expect(page).not.toContain('add-to-draft');

    const report = await viewer.get(`${scanPath()}/report?format=html&lang=fr`);
    expect(report.status).toBe(200);
    expect(await report.text()).toBe(SERVED);
    const csp = report.headers.get('content-security-policy')!;
    const hash = createHash('sha256').update(STYLE).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toContain('script-src');
    // Asked in English, which this scan did not store.
    expect((await viewer.get(`${scanPath()}/report?format=html&lang=en`)).status).toBe(404);

    const json = await viewer.get(`${scanPath()}/report?format=json`);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="scan-/);
    expect(JSON.parse(await json.text())).toMatchObject({ format: 'galette.scan/1' });
    const md = await viewer.get(`${scanPath()}/report?format=md`);
    expect(await md.text()).toBe('# Rapport');

    const shot = await viewer.get(`${scanPath()}/screenshots/no-action-first-layer.jpg`);
    expect(shot.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await shot.arrayBuffer())).toEqual(JPEG);
    for (const name of ['..%2Freport.json', 'report.json', 'no-action-after-choice.jpg']) {
      expect((await viewer.get(`${scanPath()}/screenshots/${name}`)).status, name).toBe(404);
    }
    expect(
      (await viewer.post(`${scanPath()}/add-to-draft`, { finding: 'all', version: '1' })).status,
    ).toBe(403);
  });

  it('names the draft’s errors as the editor does when adding would not give a valid draft', async () => {
    // A draft saved before a rule got stricter (here: a purpose without its French text).
    const before = (await kit.store.getDraft(A))!.content;
    const [first, ...rest] = before.declarations;
    await kit.store.saveDraft({ ...before, declarations: [{ ...first!, purpose: {} }, ...rest] });
    try {
      const editor = new TestBrowser(kit.app);
      await editor.signIn(PEOPLE.editorA);
      const page = await (await editor.get(scanPath())).text();
      const version = /name="version" value="(\d+)"/.exec(page)![1]!;
      const res = await editor.post(`${scanPath()}/add-to-draft`, { version, finding: 'all' });
      expect(res.status).toBe(400);
      const shown = await res.text();
      expect(shown).toContain('Rien n’a été ajouté, le brouillon ne serait pas valide :');
      expect(shown).toContain(`<li>Déclaration 1 « ${first!.name} », Finalité (français) : `);
      expect(shown).not.toContain('declarations[0]');
      const english = await editor.post(`${scanPath()}/add-to-draft?lang=en`, {
        version,
        finding: 'all',
      });
      expect(await english.text()).toContain(
        `<li>Declaration 1 “${first!.name}”, Purpose (French): `,
      );
      expect((await kit.store.getDraft(A))!.content.declarations).toHaveLength(
        before.declarations.length,
      );
    } finally {
      await kit.store.saveDraft(before);
    }
  });

  it('lets an editor add one undeclared cookie, then the rest, to the draft it saw', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const page = await (await editor.get(scanPath())).text();
    expect(page).toContain(`action="${scanPath()}/add-to-draft"`);
    expect(page).toContain('Ajouter au brouillon les 2 non déclarés');
    const seen = Number(/name="version" value="(\d+)"/.exec(page)![1]);

    const one = await editor.post(`${scanPath()}/add-to-draft`, {
      version: String(seen),
      finding: 'f-tracker',
    });
    expect(one.status).toBe(303);
    expect(one.headers.get('location')).toBe(`${scanPath()}?added=1-0`);
    const notice = await (await editor.get(one.headers.get('location')!)).text();
    expect(notice).toContain('1 déclaration(s) ajoutée(s) au brouillon, dont 0 à vérifier.');
    expect(notice).toContain(`href="/admin/portals/${A}/diff?from=published&amp;to=draft"`);
    const draft = await kit.store.getDraft(A).then((d) => d!);
    expect(draft.version).toBe(seen + 1);
    expect(draft.content.declarations.find((d) => d.name === 'new_tracker')).toMatchObject({
      category: 'marketing',
      lifetime: 'P6M',
    });
    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, {
      portalId: A,
      action: 'draft.save',
    });
    expect(JSON.stringify(audit.entries[0])).toContain(PEOPLE.editorA);
    expect(JSON.stringify(audit.entries[0]?.changes)).toContain('new_tracker');

    // The form of the page seen before that save: a conflict page, nothing added.
    const stale = await editor.post(`${scanPath()}/add-to-draft`, {
      version: String(seen),
      finding: 'all',
    });
    expect(stale.status).toBe(409);
    const conflict = await stale.text();
    expect(conflict).toContain('Rien n’a été ajouté.');
    expect(conflict).toContain(`name="version" value="${seen + 1}"`);
    expect((await kit.store.getDraft(A).then((d) => d!)).version).toBe(seen + 1);

    // An archived portal's draft takes no change: no form, and a post is refused, nothing added.
    await kit.store.setArchived(A, true);
    try {
      expect(await (await editor.get(scanPath())).text()).not.toContain('add-to-draft');
      const refused = await editor.post(`${scanPath()}/add-to-draft`, {
        version: String(seen + 1),
        finding: 'all',
      });
      expect(refused.status).toBe(409);
      expect((await kit.store.getDraft(A))!.version).toBe(seen + 1);
    } finally {
      await kit.store.setArchived(A, false);
    }

    // Sent again with the version now shown: the unknown one goes to « À vérifier », added too.
    const all = await editor.post(`${scanPath()}/add-to-draft`, {
      version: String(seen + 1),
      finding: 'all',
    });
    expect(all.headers.get('location')).toBe(`${scanPath()}?added=1-1`);
    const after = await kit.store.getDraft(A).then((d) => d!);
    expect(after.content.categories.map((c) => c.id)).toContain('a-verifier');
    expect(after.content.declarations.find((d) => d.name === 'mystery_id')?.category).toBe(
      'a-verifier',
    );
    expect(after.content.declarations.filter((d) => d.name === 'new_tracker')).toHaveLength(1);
  });
});
