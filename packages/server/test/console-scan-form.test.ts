import { KyselyStore, openScanJobs } from '@galette/storage';
import { describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';
import { finishedScan } from './scan-kit.js';

const UNKNOWN = /unknown field|champ inconnu/;

describe('the scans page forms (zod form shapes)', () => {
  it('refuse a field they do not have and a choice they do not offer, naming each, and queue nothing', async () => {
    const kit = await consoleKit();
    const jobs = openScanJobs((kit.store as KyselyStore).database);
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const base = `/admin/portals/${A}/scans`;

    const bad = await editor.post(base, {
      url: 'https://opendata.paris.fr/',
      pages: '5',
      scenarios: 'every-one',
      browser: 'firefox',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="scenarios-error"');
    expect(html).toContain('Choisissez une des valeurs proposées.');
    expect(html).toMatch(UNKNOWN);
    // The address typed is kept for the next try.
    expect(html).toContain('value="https://opendata.paris.fr/"');

    // Both the form's errors and the address's, at once.
    const both = await editor.post(`${base}?lang=en`, { url: 'https://example.org/', pages: '0' });
    expect(both.status).toBe(400);
    const bothHtml = await both.text();
    expect(bothHtml).toContain('href="#url"');
    expect(bothHtml).toContain('id="pages-error"');
    expect(bothHtml).toContain('Choose one of the values offered.');
    expect(await jobs.list(A)).toHaveLength(0);

    const schedule = await editor.post(`${base}/schedule`, { every: '3' });
    expect(schedule.status).toBe(400);
    expect(await schedule.text()).toContain('id="every-error"');
    const extra = await editor.post(`${base}/schedule`, {
      every: '7',
      url: 'https://example.org/',
    });
    expect(extra.status).toBe(400);
    expect(await extra.text()).toMatch(UNKNOWN);
    expect(await jobs.getSchedule(A)).toBeFalsy();

    const good = await editor.post(base, { url: 'https://opendata.paris.fr/', scenarios: 'main' });
    expect(good.status).toBe(303);
    expect(await jobs.list(A)).toHaveLength(1);
    await kit.close();
  });

  it('« add to draft » refuses a field it does not have and a version far too long, adding nothing', async () => {
    const kit = await consoleKit();
    const finding = {
      id: 'f-tracker',
      rule: 'undeclared',
      severity: 'error',
      scenario: 'accept-all',
      subject: { kind: 'cookie', name: 'new_tracker', where: 'opendata.paris.fr' },
      pages: ['https://opendata.paris.fr/'],
      setBy: [{ via: 'script', script: 'https://opendata.paris.fr/js/tag.js' }],
    };
    const draft = {
      format: 'galette.portal/1',
      id: A,
      declarations: [
        {
          provider: 'opendata.paris.fr',
          service: { fr: 'Vu sur /', en: 'Seen on /' },
          name: 'new_tracker',
          purpose: { fr: 'À décrire.', en: 'To describe.' },
          category: 'marketing',
          lifetime: 'P6M',
          party: 'first',
          storage: 'cookie',
        },
      ],
    };
    const scanId = await finishedScan(kit, {
      portalId: A,
      findings: [finding],
      summary: { cookies: 1 },
      artifacts: { 'draft-portal.json': draft },
    });
    const before = (await kit.store.getDraft(A))!;
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const res = await editor.post(`/admin/portals/${A}/scans/${scanId}/add-to-draft`, {
      version: '9'.repeat(21),
      finding: 'all',
      category: 'necessary',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(UNKNOWN);
    expect(html).toMatch(/version : |version: /);
    expect((await kit.store.getDraft(A))!.version).toBe(before.version);
    await kit.close();
  });
});
