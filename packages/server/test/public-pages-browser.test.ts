/**
 * The public pages through a real HTTP server: what browsers and HTTP clients get on the wire,
 * and the 404 and error pages checked by axe-core in Chromium.
 */
import { request } from 'node:http';
import { translate } from '@galette/core';
import type { Store } from '@galette/storage';
import type { Browser } from 'playwright-core';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPage } from '../src/error-page.js';
import { startServer, type ServerHandle } from '../src/index.js';
import { portal, testApp } from './fixtures.js';
import { runAxe } from '../../../test-support/axe.mjs';
import { launchChromium, requireChromium } from '../../../test-support/chromium.mjs';

requireChromium('the public pages checks in Chromium');

const PARIS = 'opendata.paris.fr';

let store: Store;
let server: ServerHandle;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const built = await testApp();
  store = built.store;
  await store.saveAndPublish(portal(PARIS));
  server = await startServer({ app: built.app, port: 0, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
});

/** Raw bytes and headers, without the decompression fetch() would do. */
function raw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('over HTTP', () => {
  it('sends the precompressed body with its length, and fetch() decodes it to the identity bytes', async () => {
    const identity = await raw(`/p/${PARIS}/charte-cookies`);
    const br = await raw(`/p/${PARIS}/charte-cookies`, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(identity.body.length);

    const decoded = await fetch(`${base}/p/${PARIS}/charte-cookies`);
    expect(Buffer.from(await decoded.arrayBuffer()).equals(identity.body)).toBe(true);
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await raw(`/p/${PARIS}/charte-cookies.txt`, { 'accept-encoding': 'gzip' });
    const again = await raw(`/p/${PARIS}/charte-cookies.txt`, {
      'accept-encoding': 'gzip',
      'if-none-match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe('404 page accessibility', () => {
  it.each(['fr', 'en'])('has no axe violation (%s)', async (lang) => {
    const context = await browser.newContext({ locale: lang });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${base}/p/inconnu.example.org/charte-cookies`);
      expect(response?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const result = await runAxe(page);
      expect(result.violations).toEqual([]);
      expect(result.passes).toBeGreaterThan(5);
    } finally {
      await context.close();
    }
  });
});

describe('error page accessibility', () => {
  it.each(['fr', 'en'])('has no axe violation (%s)', async (lang) => {
    const context = await browser.newContext({ locale: lang });
    try {
      const page = await context.newPage();
      await page.setContent(
        errorPage({
          lang,
          status: 400,
          message: translate(lang, 'server.error.invalidInput'),
          fields: [{ path: 'lang', message: translate(lang, 'validation.required') }],
        }),
      );
      const result = await runAxe(page);
      expect(result.violations).toEqual([]);
      expect(result.passes).toBeGreaterThan(5);
    } finally {
      await context.close();
    }
  });
});
