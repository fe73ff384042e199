import { CLI_PRINCIPAL, toPortalFile } from '@galette/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit, presetPortal } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
beforeAll(async () => {
  kit = await consoleKit();
});
afterAll(() => kit.close());

const fileNamed = (name: string) => JSON.stringify({ ...toPortalFile(presetPortal(A)), name });

describe('import and export of the draft', () => {
  it('exports versions as portal files, the draft only to those who may read it', async () => {
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    const published = await viewer.get(`/admin/portals/${A}/export?version=published`);
    expect(published.status).toBe(200);
    expect(published.headers.get('content-disposition')).toContain(`${A}-published.json`);
    expect(((await published.json()) as { id: string }).id).toBe(A);
    expect((await viewer.get(`/admin/portals/${A}/export?version=draft`)).status).toBe(403);
    expect((await viewer.get(`/admin/portals/${A}/import`)).status).toBe(403);
    expect((await viewer.get(`/admin/portals/${A}/export?version=nope`)).status).toBe(400);
  });

  it('refuses a stale import with what changed, keeps the file, and takes it when sent again', async () => {
    const first = new TestBrowser(kit.app);
    await first.signIn(PEOPLE.editorA);
    const form = await (await first.get(`/admin/portals/${A}/import`)).text();
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;

    // Someone else saves the draft in between.
    const second = new TestBrowser(kit.app);
    await second.signIn(PEOPLE.admin);
    const shown = await (await second.get(`/admin/portals/${A}/import`)).text();
    const saved = await second.post(`/admin/portals/${A}/import`, {
      version: /name="version" value="(\d+)"/.exec(shown)![1]!,
      file: fileNamed('Paris Data, par l’administrateur'),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/portals/${A}/diff?from=published&to=draft`);

    const mine = fileNamed('Paris Data <par l’éditrice>');
    const conflict = await first.post(`/admin/portals/${A}/import`, { version, file: mine });
    expect(conflict.status).toBe(409);
    const page = await conflict.text();
    expect(page).toContain('Le brouillon a changé depuis l’affichage de cette page');
    expect(page).toContain(PEOPLE.admin);
    // The file typed is still there (escaped), and the diff says what differs.
    expect(page).toContain('Paris Data &lt;par l’éditrice&gt;');
    expect(page).toContain('Paris Data, par l’administrateur');
    // What the file would change in the draft as saved: « avant » the admin's name, « après » mine.
    const diff = page.slice(page.indexOf('<details'), page.indexOf('</details>'));
    expect(diff).toContain('Ce que votre fichier changerait au brouillon enregistré');
    expect(diff.indexOf('par l’administrateur')).toBeGreaterThan(-1);
    expect(diff.indexOf('par l’administrateur')).toBeLessThan(
      diff.indexOf('Paris Data &lt;par l’éditrice&gt;'),
    );
    expect((await kit.store.getPortal(A))!.name).toBe('Paris Data, par l’administrateur');

    const retry = /name="version" value="(\d+)"/.exec(page)![1]!;
    const overwritten = await first.post(`/admin/portals/${A}/import`, {
      version: retry,
      file: mine,
    });
    expect(overwritten.status).toBe(303);
    expect((await kit.store.getPortal(A))!.name).toBe('Paris Data <par l’éditrice>');
    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'draft.import' });
    expect(audit.total).toBe(2);
  });

  it('names every bad field of an imported file by its path', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const form = await (await editor.get(`/admin/portals/${A}/import?lang=en`)).text();
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const file = toPortalFile(presetPortal(A));
    const bad = JSON.stringify({
      ...file,
      declarations: [{ ...file.declarations[0]!, party: 'fourth' }],
    });
    const res = await editor.post(`/admin/portals/${A}/import`, { version, file: bad });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<code>declarations[0].party</code>');
    const broken = await editor.post(`/admin/portals/${A}/import`, { version, file: '{"id":' });
    expect(broken.status).toBe(400);
  });
});
