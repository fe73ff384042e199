import type { Store } from '@galette/storage';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal, testApp } from './fixtures.js';

let store: Store;
let app: Hono;

beforeAll(async () => {
  ({ store, app } = await testApp());
  await store.saveAndPublish(portal('opendata.paris.fr', { name: 'Paris Data' }));
  await store.savePortal(portal('brouillon.example.org', { name: 'Jamais publié' }));
});
afterAll(() => store.close());

describe('GET /', () => {
  it('names the server and lists the published portals with their charter and demo', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('vary')).toBe('Accept-Language, Cookie');
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Serveur Galette</h1>');
    expect(html).toContain('<strong>Paris Data</strong>');
    expect(html).toContain('href="/p/opendata.paris.fr/charte-cookies"');
    expect(html).toContain('href="/demo/opendata.paris.fr"');
    expect(html).not.toContain('brouillon.example.org');
    // Every link on it answers: no page whose only way out points back to itself.
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
      expect((await app.request(href!)).status, href).toBe(200);
    }
  });

  it('speaks English when asked', async () => {
    const html = await (await app.request('/', { headers: { 'accept-language': 'en' } })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Published portals');
    expect(html).toContain('Cookie charter');
  });

  it('says how to add a portal when none is published', async () => {
    const empty = await testApp();
    const html = await (await empty.app.request('/')).text();
    expect(html).toContain('Aucun portail n’est encore publié');
    await empty.store.close();
  });
});

describe('GET /favicon.ico', () => {
  it('answers with an image', async () => {
    const res = await app.request('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg /);
  });
});
