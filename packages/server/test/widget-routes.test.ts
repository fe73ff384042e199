import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  BOOT_SCRIPT_PLACEHOLDER,
  parsePortalFile,
  PREFERENCES_SCRIPT_PLACEHOLDER,
  WIDGET_SCRIPT_PLACEHOLDER,
  type WidgetConfig,
} from '@galette/core';
import type { Store } from '@galette/storage';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWidget } from '../../widget/build.mjs';
import { portal, testApp } from './fixtures.js';

const DEMO = 'demo.galette.localhost';
const PARIS = 'opendata.paris.fr';
const demoFile = () =>
  JSON.parse(
    readFileSync(new URL(`../../cli/presets/demo/${DEMO}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

let store: Store;
let app: Hono;
let template: string;

beforeAll(async () => {
  template = (await writeWidget())['widget.js'];
  ({ store, app } = await testApp({ revisionTtlMs: 0 }));
  await store.saveAndPublish(parsePortalFile(demoFile()));
  await store.saveAndPublish(portal(PARIS));
});
afterAll(() => store.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`http://galette.test${path}`, { headers });

/** The object literal the server put in place of the placeholder. */
function inlined(script: string): WidgetConfig {
  const [before, after] = template.split(WIDGET_SCRIPT_PLACEHOLDER) as [string, string];
  expect(script.startsWith(before) && script.endsWith(after)).toBe(true);
  return JSON.parse(script.slice(before.length, script.length - after.length)) as WidgetConfig;
}

describe('GET /p/{portalId}/widget.js', () => {
  it('serves one script with the published revision inlined, cacheable for minutes', async () => {
    const res = await get(`/p/${DEMO}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=60, stale-if-error=86400',
    );
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
    const script = await res.text();
    expect(script).not.toContain(WIDGET_SCRIPT_PLACEHOLDER);
    const config = inlined(script);
    const revision = await store.latestRevision(DEMO);
    expect(config.revision).toBe(revision!.hash);
    expect(config.consentUrl).toBe(`http://galette.test/api/v1/portals/${DEMO}/consents`);
    expect(config.categories.map((c) => c.id)).toEqual(['statistics', 'marketing', 'audience']);
    expect(Object.keys(config.texts)).toEqual(['fr', 'en']);
    // The centre's texts travel in preferences.js only.
    expect(config.prefs).toBeUndefined();
  });

  it('is precompressed in gzip and brotli, each with its own strong ETag and a 304', async () => {
    const plain = await (await get(`/p/${DEMO}/widget.js`)).text();
    const gz = await get(`/p/${DEMO}/widget.js`, { 'accept-encoding': 'gzip' });
    const br = await get(`/p/${DEMO}/widget.js`, { 'accept-encoding': 'br, gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    expect(gz.headers.get('etag')).not.toBe(br.headers.get('etag'));
    const again = await get(`/p/${DEMO}/widget.js`, {
      'accept-encoding': 'gzip',
      'if-none-match': gz.headers.get('etag')!,
    });
    expect(again.status).toBe(304);
  });

  it('keeps one language with ?lang=', async () => {
    const config = inlined(await (await get(`/p/${DEMO}/widget.js?lang=en`)).text());
    expect(Object.keys(config.texts)).toEqual(['en']);
    expect(config.texts.en!.acceptAll).toBe('Accept all');
    const upper = inlined(await (await get(`/p/${DEMO}/widget.js?lang=EN`)).text());
    expect(Object.keys(upper.texts)).toEqual(['en']);
  });

  it('changes as soon as a new revision is published', async () => {
    const before = await get(`/p/${PARIS}/widget.js`);
    await store.saveAndPublish(portal(PARIS, { name: 'Paris Data' }));
    const after = await get(`/p/${PARIS}/widget.js`, {
      'if-none-match': before.headers.get('etag')!,
    });
    expect(after.status).toBe(200);
    expect(inlined(await after.text()).revision).toBe((await store.latestRevision(PARIS))!.hash);
  });

  it('answers 404 for a portal with nothing published', async () => {
    expect((await get('/p/nowhere.example/widget.js')).status).toBe(404);
  });
});

describe('the files beside widget.js', () => {
  it('serves the preferences centre with the declared cookies', async () => {
    const res = await get(`/p/${DEMO}/preferences.js?lang=fr`);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const script = await res.text();
    expect(script).not.toContain(PREFERENCES_SCRIPT_PLACEHOLDER);
    expect(script).toContain('VISITOR_INFO1_LIVE');
    expect(script).toContain('Durée de la session');
    expect(script).not.toContain('Session duration');
  });

  it('serves the first stage of the two-stage load: hosts, fingerprints, Consent Mode, no text', async () => {
    const res = await get(`/p/${DEMO}/widget-boot.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('max-age=300');
    const script = await res.text();
    expect(script).not.toContain(BOOT_SCRIPT_PLACEHOLDER);
    expect(script).toContain('"hosts":["www.googletagmanager.com"');
    expect(script).toContain('"analytics_storage":"statistics"');
    expect(script).not.toContain('Tout accepter');
    expect(script).not.toContain('VISITOR_INFO1_LIVE');
    const compressed = await get(`/p/${DEMO}/widget-boot.js`, { 'accept-encoding': 'gzip' });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await compressed.arrayBuffer())).toString()).toBe(script);
  });

  it('serves the fallback stylesheet with the portal’s checked colours', async () => {
    const res = await get(`/p/${DEMO}/widget.css`);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toContain('#glt .b{');
    expect(css).toContain('.glt-ph{');
    expect(css.endsWith('.glt{--a:#1f2937;--at:#ffffff}')).toBe(true);
  });

  it('serves the whole configuration as JSON for sites that bundle the widget', async () => {
    const res = await get(`/p/${DEMO}/widget.json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const config = (await res.json()) as WidgetConfig;
    expect(config.portal).toBe(DEMO);
    expect(config.prefs!.fr!.categories.map((c) => c.id)).toEqual([
      'necessary',
      'statistics',
      'marketing',
      'audience',
    ]);
  });
});

describe('widget.js behind a configured public URL', () => {
  it('points at the public URL whatever Host the request carried', async () => {
    const pinned = await testApp({ revisionTtlMs: 0, publicUrl: 'https://galette.example.org/' });
    try {
      await pinned.store.saveAndPublish(parsePortalFile(demoFile()));
      const answers = await Promise.all(
        ['http://galette.test', 'http://attacker.invalid'].map((base) =>
          pinned.app.request(`${base}/p/${DEMO}/widget.js`),
        ),
      );
      const [honest, forged] = await Promise.all(answers.map((res) => res.text()));
      expect(inlined(honest!).consentUrl).toBe(
        `https://galette.example.org/api/v1/portals/${DEMO}/consents`,
      );
      // One representation for every host: same bytes, same ETag.
      expect(forged).toBe(honest);
      expect(answers[1]!.headers.get('etag')).toBe(answers[0]!.headers.get('etag'));
    } finally {
      await pinned.store.close();
    }
  });
});
