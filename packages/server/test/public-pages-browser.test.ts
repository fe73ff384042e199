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
const LONG_NAMES = 'long.example.org';

let store: Store;
let server: ServerHandle;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const built = await testApp();
  store = built.store;
  await store.saveAndPublish(portal(PARIS));
  await store.saveAndPublish(
    portal(LONG_NAMES, {
      declarations: [
        {
          provider: 'Adobe',
          service: { fr: 'Analytics', en: 'Analytics' },
          name: 'AMCV_ECID_0123456789ABCDEF%40AdobeOrg',
          purpose: { fr: 'Mesurer les visites.', en: 'Measure visits.' },
          category: 'necessary',
        },
        {
          provider: 'Google',
          service: { fr: 'Connexion', en: 'Sign-in' },
          name: '__Secure-3PSIDCC_session.identifier',
          purpose: { fr: 'Garder la session.', en: 'Keep the session.' },
          category: 'necessary',
        },
      ],
    }),
  );
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

describe('long cookie names on a narrow screen', () => {
  it('wrap only between their parts (after _ . -), never inside one', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/p/${LONG_NAMES}/charte-cookies`);
      // Each part between two <wbr> is a text node of its own: one line box each.
      const parts = await page.$$eval('td code', (codes) =>
        codes.flatMap((code) =>
          [...code.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => {
              const range = document.createRange();
              range.selectNodeContents(n);
              const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              return { text: n.textContent, lines: tops.size };
            }),
        ),
      );
      expect(parts.map((p) => p.text)).toContain('0123456789ABCDEF%40AdobeOrg');
      for (const part of parts) expect(part.lines, part.text ?? '').toBe(1);
      // And the names did wrap: at 320 px neither fits on one line.
      const lines = await page.$$eval('td code', (codes) =>
        codes.map((c) => new Set([...c.getClientRects()].map((r) => Math.round(r.top))).size),
      );
      expect(Math.max(...lines)).toBeGreaterThan(1);
    } finally {
      await context.close();
    }
  });
});
