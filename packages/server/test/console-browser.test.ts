/**
 * The console in Chromium: accessibility of every page (axe-core), sign-in and a user flow by
 * keyboard alone, the cookies it really sets against its own published charter, and hostile
 * markup in every operator-provided field.
 */
import { addLifetime, CLI_PRINCIPAL, parseLifetime } from '@galette/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from '../../../test-support/axe.mjs';
import { consoleInChromium, tabTo, type ConsoleInChromium } from './console-browser-kit.js';
import { A, CONSOLE, PASSWORD, PEOPLE, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
/** Each test drives a browser through several pages; on a loaded machine that takes a while. */
const BROWSER_TEST_MS = 120_000;
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

const signIn = (page: Page, email: string = PEOPLE.admin) => chromium.signIn(page, email);

describe('console in Chromium', () => {
  it(
    'has no serious or critical axe violation on any page',
    async () => {
      // axe is injected as an inline script, which the console's own policy forbids.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const { link } = await kit.accounts.users.addUser(CLI_PRINCIPAL, {
        email: 'axe@example.org',
        role: 'viewer',
        portals: [A],
      });
      const report: string[] = [];
      const check = async (path: string) => {
        const res = await page.goto(`${base}${path}`);
        expect(res?.status(), path).toBeLessThan(400);
        const { serious } = await runAxe(page);
        report.push(...serious.map((s) => `${path}: ${s}`));
      };
      await check('/admin/login');
      await check(`/admin/set-password?token=${link!.token}`);
      await signIn(page);
      for (const path of [
        '/admin/',
        '/admin/account',
        '/admin/account/second-factor',
        '/admin/users',
        '/admin/tokens',
        '/admin/audit',
      ]) {
        await check(path);
      }
      await page.goto(`${base}/admin/login?lang=en`);
      expect(report).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'signs in and changes the display name by keyboard alone',
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/admin/login`);
      await tabTo(page, '#email');
      await page.keyboard.type(PEOPLE.editorA);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await Promise.all([page.waitForURL(`${base}/admin/`), page.keyboard.press('Enter')]);
      // The skip link leads to the menu; the menu to the account page.
      await tabTo(page, 'a[href="#console-nav"]');
      await page.keyboard.press('Enter');
      await tabTo(page, 'a[href="/admin/account"]');
      await Promise.all([page.waitForURL(`${base}/admin/account`), page.keyboard.press('Enter')]);
      await tabTo(page, '#name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Éditrice au clavier');
      await tabTo(page, 'form[action="/admin/account/profile"] button[type="submit"]');
      await Promise.all([page.waitForURL(/notice=saved/), page.keyboard.press('Enter')]);
      expect(await page.textContent('[role="status"]')).toContain('profil est enregistré');
      expect(await page.inputValue('#name')).toBe('Éditrice au clavier');
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'sets exactly the cookies its own charter declares, with their flags and lifetimes',
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = new Map<
        string,
        Awaited<ReturnType<BrowserContext['cookies']>>[number] & { at: number }
      >();
      const snapshot = async () => {
        for (const cookie of await context.cookies())
          seen.set(cookie.name, { ...cookie, at: Date.now() / 1000 });
      };
      await page.goto(`${base}/admin/login`);
      await snapshot();
      await signIn(page);
      await snapshot();
      for (const path of [
        '/admin/',
        '/admin/account',
        '/admin/account/second-factor',
        '/admin/users',
        '/admin/tokens',
        '/admin/audit',
      ]) {
        await page.goto(`${base}${path}`);
        await snapshot();
      }
      await Promise.all([
        page.waitForURL(/\/admin\/audit/),
        page.click('form[action="/admin/language"] button'),
      ]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await snapshot();
      await Promise.all([
        page.waitForURL(/notice=signedOut/),
        page.click('form[action="/admin/logout"] button'),
      ]);
      await snapshot();
      expect((await context.cookies()).map((c) => c.name)).not.toContain('sessionid');

      const declarations = (await kit.store.latestRevision(CONSOLE))!.content.declarations;
      const declared = new Map(declarations.map((d) => [d.name, d]));
      const undeclared = [...seen.keys()].filter((name) => !declared.has(name));
      expect(undeclared).toEqual([]);
      for (const [name, cookie] of seen) {
        const lifetime = parseLifetime(declared.get(name)!.lifetime ?? 'session')!;
        expect(cookie.path, name).toBe('/');
        expect(cookie.sameSite, name).toBe('Lax');
        if (lifetime.kind === 'session') {
          expect(cookie.expires, name).toBe(-1);
        } else {
          // Years and months are calendar ones, as the cookie's own Max-Age counts them.
          const end = addLifetime(new Date(cookie.at * 1000), lifetime).getTime() / 1000;
          expect(Math.abs(cookie.expires - end), name).toBeLessThan(60);
        }
      }
      expect(seen.get('sessionid')?.httpOnly).toBe(true);
      expect([...seen.keys()].sort()).toEqual(['csrftoken', 'galette_lang', 'sessionid']);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'runs no operator-provided markup on any page',
    async () => {
      const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>"'><svg onload="window.__pwned=1">`;
      // Without the policy, so that escaping alone is what keeps the markup inert.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${base}/admin/login`);
      await page.fill('#email', hostile);
      await page.fill('#password', 'x');
      await page.click('form[action="/admin/login"] button');
      await signIn(page);
      await page.goto(`${base}/admin/account`);
      await page.fill('#name', `Nom ${hostile}`.slice(0, 100));
      await Promise.all([
        page.waitForURL(/notice=saved/),
        page.click('form[action="/admin/account/profile"] button'),
      ]);
      await page.goto(`${base}/admin/users`);
      await page.fill('#email', `x${hostile}@example.org`);
      await page.fill('#name', hostile);
      await page.click('form[action="/admin/users"] button[type="submit"]');
      await kit.accounts.users.addUser(CLI_PRINCIPAL, {
        email: 'hostile@example.org',
        displayName: `H ${hostile}`.slice(0, 100),
        role: 'viewer',
        portals: [A],
      });
      await page.goto(`${base}/admin/tokens`);
      await page.fill('#name', hostile);
      await page.fill('#portals', hostile);
      await page.click('form[action="/admin/tokens"] button[type="submit"]');
      await kit.accounts.audit.record({
        actor: { kind: 'anonymous', label: hostile },
        portalId: A,
        action: `x${hostile}`,
        object: hostile,
        outcome: 'failure',
        changes: { note: hostile },
      });
      const query = new URLSearchParams({ actor: hostile, action: hostile, from: hostile });
      for (const path of [
        '/admin/',
        '/admin/account',
        '/admin/users',
        '/admin/tokens',
        '/admin/audit',
        `/admin/audit?${query}`,
      ]) {
        await page.goto(`${base}${path}`);
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
          path,
        ).toBeUndefined();
        expect(await page.locator('main img[src="x"], main svg[onload]').count(), path).toBe(0);
      }
      expect(await page.content()).toContain('&lt;script&gt;');
      expect(dialogs).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
