import { CLI_PRINCIPAL, type Declaration } from '@galette/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit, presetPortal } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
beforeAll(async () => {
  kit = await consoleKit();
});
afterAll(() => kit.close());

const video: Declaration = {
  provider: 'Vidéos',
  service: { fr: 'Lecteur', en: 'Player' },
  name: 'video_<id>',
  purpose: { fr: 'Afficher des vidéos.', en: 'Show videos.' },
  category: 'marketing',
  lifetime: 'P6M',
  party: 'third',
  domain: 'videos.example',
  storage: 'cookie',
};

describe('the publish page', () => {
  it('publishes an editor’s draft once each warning is acknowledged, with a note, audited', async () => {
    const base = presetPortal(A);
    await kit.store.savePortal({ ...base, declarations: [...base.declarations, video] });
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const review = await editor.get(`/admin/portals/${A}/publish`);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('data-galette-impact');
    expect(html).toContain('video_&lt;id&gt;');
    const warnings = [...html.matchAll(/name="acknowledge" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(warnings.length).toBeGreaterThan(0);
    const version = /name="draftVersion" value="(\d+)"/.exec(html)![1]!;

    // Nothing acknowledged: refused, what was typed kept.
    const refused = await editor.post(`/admin/portals/${A}/publish`, {
      draftVersion: version,
      note: 'Vidéos <intégrées>',
    });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('Vidéos &lt;intégrées&gt;');
    expect((await kit.store.listRevisions(A))[0]!.number).toBe(1);

    const body = new URLSearchParams({ draftVersion: version, note: 'Vidéos intégrées' });
    for (const id of warnings) body.append('acknowledge', id);
    body.set('csrftoken', editor.token!);
    const published = await editor.request(`/admin/portals/${A}/publish`, {
      method: 'POST',
      body,
    });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`/admin/portals/${A}/revisions?published=2`);
    const [latest] = await kit.store.listRevisions(A);
    expect(latest).toMatchObject({
      number: 2,
      note: 'Vidéos intégrées',
      publishedBy: PEOPLE.editorA,
    });
    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'revision.publish' });
    expect(audit.entries[0]!.changes).toMatchObject({ acknowledgedWarnings: warnings.length });
    const charter = await kit.app.request(`/p/${A}/charte-cookies`);
    // The public charter serves the new revision (its name pattern rendered its own way).
    const charterText = await charter.text();
    expect(charterText).toContain('video_');
    expect(charterText).not.toContain('<id>');
    expect(await (await editor.get(`/admin/portals/${A}/publish`)).text()).toContain(
      'rien à publier',
    );
  });

  it('shows error findings and offers no way to publish; a stale review is refused as a conflict', async () => {
    const base = presetPortal(A);
    const exempt: Declaration = {
      ...video,
      name: '_stats',
      category: 'statistics',
      consentExempt: true,
    };
    await kit.store.savePortal({ ...base, declarations: [...base.declarations, exempt] });
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const html = await (await editor.get(`/admin/portals/${A}/publish?lang=en`)).text();
    expect(html).toContain('Compliance errors');
    expect(html).not.toContain(`action="/admin/portals/${A}/publish"`);
    const forced = await editor.post(`/admin/portals/${A}/publish`, { draftVersion: '1' });
    expect([409, 422]).toContain(forced.status);
    expect((await kit.store.listRevisions(A))[0]!.number).toBe(2);
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    expect((await viewer.get(`/admin/portals/${A}/publish`)).status).toBe(403);
  });
});
