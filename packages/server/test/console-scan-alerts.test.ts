import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';
import { finishedScan } from './scan-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;

beforeAll(async () => {
  kit = await consoleKit();
});
afterAll(() => kit.close());

/** A finished scan of `portalId`, as the worker records it. */
const scanned = (portalId: string, trigger: string, newErrors?: number) =>
  finishedScan(kit, {
    portalId,
    trigger,
    summary: { errors: newErrors ?? 0, ...(newErrors === undefined ? {} : { newErrors }) },
  });

const badge = /<a class="fr-badge fr-badge--error fr-badge--sm" href="([^"]+)">([^<]+)/;

describe('new error findings of scheduled scans on the portal list', () => {
  it('flags the portal whose latest scheduled scan brought new errors, for readers of its scans', async () => {
    await scanned(A, 'schedule', 0);
    const flagged = await scanned(A, 'schedule', 2);
    // A scan asked by hand since does not hide what the schedule found.
    await scanned(A, 'console', 0);
    // B's latest scheduled scan found nothing new, whatever the one before it did.
    await scanned(B, 'schedule', 3);
    await scanned(B, 'schedule', 0);

    for (const person of ['viewerA', 'editorA', 'admin'] as const) {
      const browser = new TestBrowser(kit.app);
      await browser.signIn(PEOPLE[person]);
      const list = await (await browser.get('/admin/')).text();
      const found = badge.exec(list);
      expect(found?.[1], person).toBe(`/admin/portals/${A}/scans/${flagged}`);
      expect(found?.[2], person).toBe('2 nouvelle(s) erreur(s) à l’analyse programmée');
      expect(list.match(/fr-badge--error/g), person).toHaveLength(1);
      expect(list, person).toContain(`href="/admin/portals/${A}/scans"`);
    }
    const editor = new TestBrowser(kit.app);
    await editor.signIn(PEOPLE.editorA);
    const scans = await (await editor.get(`/admin/portals/${A}/scans`)).text();
    expect(scans).toContain(
      '2 erreurs, 0 avertissements, 0 remarques (2 nouvelle(s) depuis l’analyse précédente)',
    );
    const other = new TestBrowser(kit.app);
    await other.signIn(PEOPLE.editorB);
    const list = await (await other.get('/admin/')).text();
    expect(list).not.toMatch(badge);
    expect(list).not.toContain(flagged);
  });

  it('lets the flag go once a later scheduled scan brings nothing new', async () => {
    await scanned(A, 'schedule', 0);
    const browser = new TestBrowser(kit.app);
    await browser.signIn(PEOPLE.editorA);
    expect(await (await browser.get('/admin/')).text()).not.toMatch(badge);
  });
});
