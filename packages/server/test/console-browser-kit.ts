/**
 * What every console test in Chromium starts with: the app served on 127.0.0.1, one browser,
 * signing in through the real form, and moving the focus by Tab as a keyboard user does.
 */
import type { Hono } from 'hono';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type ServerHandle } from '../src/index.js';
import { launchChromium } from '../../../test-support/chromium.mjs';
import { PASSWORD } from './console-kit.js';

export interface ConsoleInChromium {
  readonly base: string;
  readonly browser: Browser;
  /** Signs `email` in on `page` with the kit's password, waiting for the portal list. */
  signIn(page: Page, email: string): Promise<void>;
  /** A new context (its options as given) with a page signed in as `email`. */
  signedIn(
    email: string,
    options?: Parameters<Browser['newContext']>[0],
  ): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function consoleInChromium(app: Hono): Promise<ConsoleInChromium> {
  const server: ServerHandle = await startServer({ app, port: 0, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.port}`;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${base}/admin/login`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([
      page.waitForURL(`${base}/admin/`),
      page.click('form[action="/admin/login"] button'),
    ]);
  };
  return {
    base,
    browser,
    signIn,
    async signedIn(email, options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await signIn(page, email);
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Presses Tab until `selector` has the focus (at most `max` times), as a keyboard user would. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`never reached ${selector} with Tab`);
}
