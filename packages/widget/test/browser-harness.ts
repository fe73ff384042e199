import { readFileSync } from 'node:fs';
import { parsePortalFile, type PortalContent } from '@galette/core';
import { createApp, startServer, type ServerHandle } from '@galette/server';
import { openStore, type Store } from '@galette/storage';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { writeWidget } from '../build.mjs';
import { launchChromium } from '../../../test-support/chromium.mjs';

export const DEMO = 'demo.galette.localhost';
export const PARIS = 'opendata.paris.fr';

export function presetContent(id: string): PortalContent {
  const file = new URL(`../../cli/presets/demo/${id}.json`, import.meta.url);
  return parsePortalFile(JSON.parse(readFileSync(file, 'utf8')));
}

export interface Harness {
  readonly store: Store;
  readonly browser: Browser;
  /** `http://www.demo.galette.test:<port>`: a real domain name, so parent domains exist. */
  readonly origin: string;
  /** The same server as Node reaches it. */
  readonly serverUrl: string;
  newPage(options?: { bypassCSP?: boolean; gpc?: boolean }): Promise<{
    context: BrowserContext;
    page: Page;
  }>;
  close(): Promise<void>;
}

/**
 * The minified widget served by the real server (SQLite in memory, the demo preset published)
 * to a real Chromium. `*.galette.test` resolves to the server, so cookies can be set on
 * parent domains as on a real portal.
 */
export async function startHarness(): Promise<Harness> {
  await writeWidget();
  const store = await openStore('sqlite::memory:');
  const migration = await store.migrate();
  if (migration.error) throw new Error(migration.error.message);
  await store.saveAndPublish(presetContent(DEMO));
  await store.saveAndPublish(presetContent(PARIS));
  const app = createApp({ store, revisionTtlMs: 0, consents: { rateLimit: false } });
  const server: ServerHandle = await startServer({ app, port: 0, hostname: '127.0.0.1' });
  const browser = await launchChromium([
    // Pages the tests write themselves are "public": let them load from the loopback server.
    '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
    '--host-resolver-rules=MAP *.galette.test 127.0.0.1, MAP *.googletagmanager.com 127.0.0.1, MAP *.youtube.com 127.0.0.1',
  ]);
  const origin = `http://www.demo.galette.test:${server.port}`;
  return {
    store,
    browser,
    origin,
    serverUrl: `http://127.0.0.1:${server.port}`,
    async newPage({ bypassCSP = false, gpc = false } = {}) {
      // GPC as a browser sends it: the header on every request and the navigator property.
      const context = await browser.newContext({
        bypassCSP,
        locale: 'fr-FR',
        ...(gpc && { extraHTTPHeaders: { 'Sec-GPC': '1' } }),
      });
      // Nothing may leave the machine: anything not served by the test server is refused.
      await context.route(
        (url) => url.port !== String(server.port),
        (route) => route.abort(),
      );
      if (gpc) {
        await context.addInitScript(() =>
          Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
        );
      }
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await server.close();
      await store.close();
    },
  };
}

/** Names of the cookies the browser holds for the page. */
export async function cookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name).sort();
}

/** The consent-mode commands queued in the data layer, as arrays. */
export function consentCommands(page: Page): Promise<unknown[][]> {
  return page.evaluate(() =>
    ((window as unknown as { dataLayer?: ArrayLike<unknown>[] }).dataLayer ?? [])
      .map((args) => Array.from(args))
      .filter((args) => args[0] === 'consent'),
  );
}
