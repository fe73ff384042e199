/**
 * The draft editor in Chromium: axe on each of its pages (and on a refused save), the live
 * contrast check under the console's real policy, an editor's whole flow by keyboard (edit a
 * declaration, read the diff, preview, publish, then the public charter and widget.js serve
 * the new revision), a second editor's conflicting save, and an error finding that blocks
 * the publication.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from '../../../test-support/axe.mjs';
import { consoleInChromium, tabTo, type ConsoleInChromium } from './console-browser-kit.js';
import { A, PEOPLE, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
/** Each test drives a browser through several pages; on a loaded machine that takes a while. */
const BROWSER_TEST_MS = 180_000;
const EDIT = `/admin/portals/${A}/edit`;
let kit: Kit;
let chromium: ConsoleInChromium;
let base: string;
let browser: Browser;

beforeAll(async () => {
  kit = await consoleKit();
  chromium = await consoleInChromium(kit.app);
  ({ base, browser } = chromium);
});
afterAll(async () => {
  await chromium?.close();
  await kit?.close();
});

const signedIn = (email: string, options: { bypassCSP?: boolean } = {}) =>
  chromium.signedIn(email, options);

describe('draft editor in Chromium', () => {
  it(
    'has no serious or critical axe violation on its pages, refusals included',
    async () => {
      // axe is injected as an inline script, which the console's own policy forbids.
      const { context, page } = await signedIn(PEOPLE.editorA, { bypassCSP: true });
      const report: string[] = [];
      const check = async (what: string) => {
        const { serious } = await runAxe(page);
        report.push(...serious.map((s) => `${what}: ${s}`));
      };
      for (const path of [
        EDIT,
        `${EDIT}/declaration?row=0`,
        `${EDIT}/declaration`,
        `${EDIT}/categories`,
        `${EDIT}/texts`,
        `${EDIT}/texts?in=en`,
        `${EDIT}/widget`,
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res?.status(), path).toBe(200);
        await check(path);
      }
      // A refused save: error summary, fields marked invalid.
      await page.goto(`${base}${EDIT}/declaration?row=0`);
      await page.fill('#lifetime', 'forever');
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('form[action$="/edit/declaration"] button[type="submit"]'),
      ]);
      expect(await page.textContent('#error-summary')).toContain('forever');
      await check('refused declaration');
      expect(report).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'shows the button colour’s contrast as the operator types, under the console’s policy',
    async () => {
      const { context, page } = await signedIn(PEOPLE.editorA);
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${base}${EDIT}/widget`);
      const output = page.locator('#accentColor-contrast');
      expect(await output.textContent()).toContain('#rrggbb');
      await page.fill('#accentColor', '#949494');
      await expect.poll(() => output.textContent()).toContain('3.03:1');
      expect(await output.getAttribute('class')).toContain('fr-message--error');
      await page.fill('#accentColor', '#000091');
      await expect.poll(() => output.textContent()).toContain('au moins 4.5:1');
      expect(await output.getAttribute('class')).toContain('fr-message--valid');
      // The server refuses what the script flags, with the same figure.
      await page.fill('#accentColor', '#949494');
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('form[action$="/edit/widget"] button[type="submit"]'),
      ]);
      expect(await page.textContent('#error-summary')).toContain('3.03:1');
      expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'lets an editor change a declaration by keyboard, read the diff, preview, publish, and visitors get it',
    async () => {
      const { context, page } = await signedIn(PEOPLE.editorA);
      // From the portal list to the editor, then to the first declaration, by keyboard.
      await tabTo(page, `a[href="${EDIT}"]`);
      await Promise.all([page.waitForURL(`${base}${EDIT}`), page.keyboard.press('Enter')]);
      await tabTo(page, `a[href="${EDIT}/declaration?row=0"]`, 200);
      await Promise.all([page.waitForURL(/declaration\?row=0/), page.keyboard.press('Enter')]);
      await tabTo(page, '[id="purpose.fr"]');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Garder la session ouverte entre deux pages, tapé au clavier.');
      await tabTo(page, 'form[action$="/edit/declaration"] button[type="submit"]');
      await Promise.all([page.waitForURL(/saved=declaration/), page.keyboard.press('Enter')]);
      expect(await page.textContent('[role="status"]')).toContain('déclaration a été enregistrée');

      await page.goto(`${base}/admin/portals/${A}/diff`);
      const diff = await page.textContent('main');
      expect(diff).toContain('tapé au clavier');
      expect(diff).toContain('Déclaration « sessionid » modifiée');

      const preview = await page.goto(`${base}/admin/portals/${A}/preview`);
      expect(preview?.status()).toBe(200);

      await page.goto(`${base}/admin/portals/${A}/publish`);
      // Each warning acknowledged by its label, as a user ticks a DSFR checkbox.
      for (const box of await page.locator('input[name="acknowledge"]').all()) {
        await page.click(`label[for="${await box.getAttribute('id')}"]`);
        expect(await box.isChecked()).toBe(true);
      }
      await page.fill('#note', 'Finalité de sessionid reformulée');
      await Promise.all([
        page.waitForURL(/revisions\?published=2/),
        page.click('form[action$="/publish"] button[type="submit"]'),
      ]);
      await context.close();

      // A visitor, in a fresh browser, gets revision 2.
      const visitor = await browser.newContext();
      const charter = await visitor.newPage();
      await charter.goto(`${base}/p/${A}/charte-cookies?lang=fr`);
      expect(await charter.textContent('body')).toContain('tapé au clavier');
      expect(await charter.textContent('body')).toContain('Version 2');
      const latest = await kit.store.latestRevision(A);
      expect(latest!.number).toBe(2);
      const widget = await charter.request.get(`${base}/p/${A}/widget.js`);
      expect(await widget.text()).toContain(latest!.hash);
      await visitor.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'shows a second editor the conflict page, with what they typed kept',
    async () => {
      const first = await signedIn(PEOPLE.editorA);
      const second = await signedIn(PEOPLE.admin);
      await first.page.goto(`${base}${EDIT}`);
      await second.page.goto(`${base}${EDIT}`);
      await second.page.fill('#name', 'Paris Data, selon l’administrateur');
      await Promise.all([
        second.page.waitForURL(/saved=general/),
        second.page.click('form[action$="/edit/general"] button[type="submit"]'),
      ]);
      await first.page.fill('#name', 'Paris Data, selon l’éditrice');
      const [answer] = await Promise.all([
        first.page.waitForResponse((r) => r.url().endsWith('/edit/general')),
        first.page.click('form[action$="/edit/general"] button[type="submit"]'),
      ]);
      expect(answer.status()).toBe(409);
      await first.page.waitForLoadState('load');
      expect(await first.page.textContent('[role="alert"]')).toContain(
        'Le brouillon a été modifié par quelqu’un d’autre',
      );
      expect(await first.page.inputValue('#name')).toBe('Paris Data, selon l’éditrice');
      expect(await first.page.textContent('section[aria-labelledby="conflict-diff"]')).toContain(
        'Paris Data, selon l’administrateur',
      );
      // Saving again overwrites, knowingly.
      await Promise.all([
        first.page.waitForURL(/saved=general/),
        first.page.click('form[action$="/edit/general"] button[type="submit"]'),
      ]);
      expect((await kit.store.getDraft(A))!.content.name).toBe('Paris Data, selon l’éditrice');
      await first.context.close();
      await second.context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'blocks the publication of a draft with an error finding',
    async () => {
      const { context, page } = await signedIn(PEOPLE.editorA);
      await page.goto(`${base}${EDIT}/declaration`);
      await page.fill('#provider', 'Régie publicitaire');
      await page.fill('[id="service.fr"]', 'Mesure d’audience');
      await page.fill('#name', '_ga');
      await page.fill('[id="purpose.fr"]', 'Mesurer l’audience.');
      await page.selectOption('#category', 'statistics');
      await page.fill('#lifetime', 'P13M');
      await page.selectOption('#party', 'third');
      await page.click('label[for="consentExempt"]');
      expect(await page.isChecked('#consentExempt')).toBe(true);
      await Promise.all([
        page.waitForURL(/saved=declaration/),
        page.click('form[action$="/edit/declaration"] button[type="submit"]'),
      ]);
      await page.goto(`${base}/admin/portals/${A}/publish`);
      expect((await page.textContent('#errors-heading'))?.trim()).toMatch(
        /^Erreurs de conformité \(\d+\)$/,
      );
      expect(await page.locator('form[action$="/publish"]').count()).toBe(0);
      expect((await kit.store.latestRevision(A))!.number).toBe(2);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
