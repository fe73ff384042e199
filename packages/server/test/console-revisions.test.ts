import { CLI_PRINCIPAL } from '@galette/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit, presetPortal } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;

beforeAll(async () => {
  kit = await consoleKit();
  // Revision 2: a new marketing declaration whose purpose holds hostile text, and a note.
  const base = presetPortal(A);
  await kit.store.saveAndPublish({
    ...base,
    declarations: [
      ...base.declarations,
      {
        provider: 'Vidéos <b>hostiles</b>',
        service: { fr: 'Lecteur', en: 'Player' },
        name: '<script>alert(1)</script>',
        purpose: { fr: 'Afficher des vidéos.', en: 'Show videos.' },
        category: 'marketing',
        party: 'third',
        storage: 'cookie',
      },
    ],
  });
});
afterAll(() => kit.close());

describe('revision history and diff pages', () => {
  it('gives the snippets that show the published charter on the portal’s own page, escaped', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const res = await editor.get(`/admin/portals/${A}/revisions`);
    expect(res.status).toBe(200);
    expect(editor.lastBody).toContain('Montrer la charte publiée sur le site du portail');
    expect(editor.lastBody).toContain(
      `&lt;iframe src=&quot;http://localhost/p/${A}/charte-cookies/embed&quot;`,
    );
    expect(editor.lastBody).toContain(`http://localhost/p/${A}/charte-cookies.fragment.html`);
    // Editors may scan their portal: its scans are one link away.
    expect(editor.lastBody).toContain(`href="/admin/portals/${A}/scans"`);
    const embed = await kit.app.request(`/p/${A}/charte-cookies/embed`);
    expect(embed.status).toBe(200);
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    await viewer.get(`/admin/portals/${A}/revisions`);
    // Viewers (auditors) read scans too; only starting one is an editor's.
    expect(viewer.lastBody).toContain(`href="/admin/portals/${A}/scans"`);
  });

  it('lists revisions with their charter and diff links; viewers cannot restore', async () => {
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    const res = await viewer.get(`/admin/portals/${A}/revisions`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Révision 2');
    expect(html).toContain(`/admin/portals/${A}/revisions/2/charter`);
    expect(html).toContain(`/admin/portals/${A}/diff?from=1&amp;to=2`);
    expect(html).not.toContain('/restore');

    const diff = await viewer.get(`/admin/portals/${A}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    const page = await diff.text();
    // The visitor impact comes first, then what changed; hostile text is escaped.
    expect(page.indexOf('data-galette-impact')).toBeLessThan(page.indexOf('Ajoutées (1)'));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<b>hostiles</b>');
    // A viewer may not read the draft.
    expect((await viewer.get(`/admin/portals/${A}/diff?from=published&to=draft`)).status).toBe(403);
    expect((await viewer.get(`/admin/portals/${A}/diff?from=1&to=9`)).status).toBe(404);
  });

  it('lets an editor copy a revision into the draft, audited, with nothing published', async () => {
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const page = await (await editor.get(`/admin/portals/${A}/revisions?lang=en`)).text();
    expect(page).toContain('Copy revision 1 into the draft');
    const res = await editor.post(`/admin/portals/${A}/revisions/1/restore`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/portals/${A}/revisions?restored=1`);
    const draft = await kit.store.getPortal(A);
    expect(draft!.declarations).toHaveLength(presetPortal(A).declarations.length);
    expect((await kit.store.listRevisions(A))[0]!.number).toBe(2);
    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'draft.restore' });
    expect(audit.entries[0]).toMatchObject({ portalId: A, actor: { label: PEOPLE.editorA } });
    // The editor's diff of the draft against the published revision shows the removal.
    const diff = await (await editor.get(`/admin/portals/${A}/diff`)).text();
    expect(diff).toContain('Retirées (1)');
  });
});
