import { readFileSync } from 'node:fs';
import { parsePortalFile } from '@galette/core';
import type { Store } from '@galette/storage';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal, testApp } from './fixtures.js';

const DEMO = 'demo.galette.localhost';
const PARIS = 'opendata.paris.fr';

let store: Store;
let app: Hono;

beforeAll(async () => {
  ({ store, app } = await testApp());
  const file = new URL(`../../cli/presets/demo/${DEMO}.json`, import.meta.url);
  await store.saveAndPublish(parsePortalFile(JSON.parse(readFileSync(file, 'utf8'))));
  await store.saveAndPublish(portal(PARIS, { declarations: [portal(PARIS).declarations[0]] }));
});
afterAll(() => store.close());

describe('GET /demo/{portalId}', () => {
  it('shows a portal page with the widget tag, gated scripts and a gated embed', async () => {
    const res = await app.request(`/demo/${DEMO}`, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('en');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<script src="/p/${DEMO}/widget.js?lang=en" defer></script>`);
    expect(html).toContain('<script type="text/plain" data-galette="statistics" src=');
    expect(html).toContain('<script type="text/plain" data-galette="audience" src=');
    expect(html).toMatch(/<iframe data-galette="marketing" data-src="[^"]+" width="560"/);
    expect(html).toContain('data-galette-action="customise"');
  });

  it('runs under a strict Content-Security-Policy whose nonce is the inline script’s', async () => {
    const res = await app.request(`/demo/${DEMO}`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("style-src 'self'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await res.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/style=|<style/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const other = await app.request(`/demo/${DEMO}`);
    expect(other.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('puts no gate on a portal that declares only necessary cookies', async () => {
    const html = await (await app.request(`/demo/${PARIS}`)).text();
    expect(html).toContain(`/p/${PARIS}/widget.js`);
    expect(html).not.toContain('data-galette="');
  });

  it('serves its stand-in tracking scripts and answers 404 for unknown portals', async () => {
    const gtag = await app.request('/demo-assets/gtag.js');
    expect(gtag.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await gtag.text()).toContain("'_ga=GA1.1.'");
    expect((await app.request('/demo/nowhere.example')).status).toBe(404);
  });
});
