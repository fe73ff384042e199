import { CLI_PRINCIPAL, toPortalFile } from '@galette/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, PEOPLE, TestBrowser, consoleKit, presetPortal } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
beforeAll(async () => {
  kit = await consoleKit();
});
afterAll(() => kit.close());

describe('the portal list', () => {
  it('finds portals by name or address, and shows viewers no administration', async () => {
    const admin = new TestBrowser(kit.app);
    await admin.signIn(PEOPLE.admin);
    const found = await (await admin.get('/admin/?q=finist')).text();
    expect(found).toContain(B);
    expect(found).not.toContain(`>${A}<`);
    expect(found).toContain('href="/admin/portals/new"');
    const viewer = new TestBrowser(kit.app);
    await viewer.signIn(PEOPLE.viewerA);
    const own = await (await viewer.get('/admin/')).text();
    expect(own).toContain(A);
    expect(own).not.toContain('/archive"');
    expect(own).not.toContain('/admin/portals/new');
    expect((await viewer.get('/admin/portals/new')).status).toBe(403);
  });

  it('archives a portal out of the default list and restores it, both audited', async () => {
    const admin = new TestBrowser(kit.app);
    await admin.signIn(PEOPLE.admin);
    const archived = await admin.post(`/admin/portals/${B}/archive`);
    expect(archived.status).toBe(303);
    expect(archived.headers.get('location')).toBe(`/admin/?archived=1&done=archive%3A${B}`);
    const page = await (await admin.get(archived.headers.get('location')!)).text();
    expect(page).toContain(`Le portail « ${B} » est archivé`);
    expect(page).toContain(`/admin/portals/${B}/restore`);
    expect(await (await admin.get('/admin/')).text()).not.toContain(`>${B}<`);
    const restored = await admin.post(`/admin/portals/${B}/restore`);
    expect(restored.headers.get('location')).toBe(`/admin/?done=restore%3A${B}`);
    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, { portalId: B });
    expect(audit.entries.map((e) => e.action).slice(0, 2)).toEqual([
      'portal.restore',
      'portal.archive',
    ]);
  });

  it('creates a portal from a portal file, naming each bad field by its path', async () => {
    const admin = new TestBrowser(kit.app);
    await admin.signIn(PEOPLE.admin);
    const file = {
      ...toPortalFile(presetPortal(A)),
      id: 'new.example.org',
      url: 'https://new.example.org/',
      name: 'Nouveau <portail>',
    };
    const bad = {
      ...file,
      declarations: [{ ...file.declarations[0]!, category: 'marketting' }],
    };
    const refused = await admin.post('/admin/portals/new', { file: JSON.stringify(bad) });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<code>declarations[0].category</code>');
    expect(html).toContain('marketing');
    expect(html).toContain('Nouveau &lt;portail&gt;');
    const broken = await admin.post('/admin/portals/new', { file: '{"id": ' });
    expect(broken.status).toBe(400);
    const created = await admin.post('/admin/portals/new', { file: JSON.stringify(file) });
    expect(created.status).toBe(303);
    const list = await (await admin.get(created.headers.get('location')!)).text();
    expect(list).toContain('Le portail « new.example.org » est créé.');
    expect(list).toContain('Nouveau &lt;portail&gt;');
    expect(list).toContain('jamais publié');
  });
});
