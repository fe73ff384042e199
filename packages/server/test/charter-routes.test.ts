import { readdirSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { charterShape, languageCookieMaxAge, parsePortalFile } from '@galette/core';
import type { Store } from '@galette/storage';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createRevisionCache, renderCharterDocument } from '../src/index.js';
import { portal, testApp } from './fixtures.js';

let store: Store;
let app: Hono;
const PARIS = 'opendata.paris.fr';

beforeAll(async () => {
  ({ store, app } = await testApp());
  await store.saveAndPublish(portal(PARIS));
});
afterAll(() => store.close());

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('charter formats', () => {
  it.each([
    ['', 'text/html; charset=utf-8'],
    ['.md', 'text/markdown; charset=utf-8'],
    ['.txt', 'text/plain; charset=utf-8'],
    ['.json', 'application/json; charset=utf-8'],
  ])('serves charte-cookies%s as %s', async (suffix, type) => {
    const res = await get(`/p/${PARIS}/charte-cookies${suffix}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=60, stale-if-error=86400',
    );
    expect(res.headers.get('vary')).toBe('Accept-Language, Cookie, Accept-Encoding');
    expect(res.headers.get('content-language')).toBe('fr');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const body = await res.text();
    expect(body).toContain('sessionid');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
  });

  it('serves the bytes renderCharterDocument produces for the published revision', async () => {
    const revision = await store.latestRevision(PARIS);
    const res = await get(`/p/${PARIS}/charte-cookies.md?lang=en`);
    expect(await res.text()).toBe(renderCharterDocument(revision!, 'en', 'md'));
  });

  it('parses as JSON and names the portal', async () => {
    const res = await get(`/p/${PARIS}/charte-cookies.json`);
    const json = (await res.json()) as { portal: { id: string }; lang: string };
    expect(json.portal.id).toBe(PARIS);
    expect(json.lang).toBe('fr');
  });

  it('serves, for every demo portal and language, a charter the documented Charter shape parses', async () => {
    // The demo preset is what `galette serve` publishes on first start; a member the renderer
    // adds, drops or retypes without the shape (strict objects) fails here.
    const presets = new URL('../../cli/presets/demo/', import.meta.url);
    const files = readdirSync(presets).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const { store: demoStore, app: demoApp } = await testApp();
    try {
      for (const file of files) {
        const content = parsePortalFile(JSON.parse(readFileSync(new URL(file, presets), 'utf8')));
        await demoStore.saveAndPublish(content);
        for (const lang of content.languages) {
          const res = await demoApp.request(`/p/${content.id}/charte-cookies.json?lang=${lang}`);
          expect(res.status, `${content.id} ${lang}`).toBe(200);
          const parsed = charterShape.safeParse(await res.json());
          expect(parsed.error?.issues, `${content.id} ${lang}`).toBeUndefined();
          expect(parsed.data!.categories.length).toBeGreaterThan(0);
        }
      }
    } finally {
      await demoStore.close();
    }
  });

  it('links the stylesheet, which is served as CSS', async () => {
    const html = await (await get(`/p/${PARIS}/charte-cookies`)).text();
    expect(html).toContain('href="/assets/charter.css"');
    const css = await get('/assets/charter.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await css.text()).length).toBeGreaterThan(100);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await app.request(`/p/${PARIS}/charte-cookies`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });
});

describe('language negotiation', () => {
  const lang = async (query: string, headers: Record<string, string>) => {
    const res = await get(`/p/${PARIS}/charte-cookies.json${query}`, headers);
    const body = (await res.json()) as { lang: string };
    expect(res.headers.get('content-language')).toBe(body.lang);
    return body.lang;
  };

  it('defaults to French', async () => {
    expect(await lang('', {})).toBe('fr');
  });

  it('follows Accept-Language by q-value', async () => {
    expect(await lang('', { 'accept-language': 'de;q=1, en-GB;q=0.9, fr;q=0.5' })).toBe('en');
  });

  it('prefers the language cookie over Accept-Language', async () => {
    expect(await lang('', { cookie: 'a=b; galette_lang=en', 'accept-language': 'fr' })).toBe('en');
    expect(await lang('', { cookie: 'galette_lang=fr', 'accept-language': 'en' })).toBe('fr');
  });

  it('prefers ?lang= over the cookie', async () => {
    expect(await lang('?lang=fr', { cookie: 'galette_lang=en', 'accept-language': 'en' })).toBe(
      'fr',
    );
    expect(await lang('?lang=en', { cookie: 'galette_lang=fr' })).toBe('en');
  });

  it('remembers a language picked with ?lang= in galette_lang for the next page', async () => {
    const picked = await get(`/p/${PARIS}/charte-cookies?lang=en`, { 'accept-language': 'fr' });
    expect(picked.headers.get('content-language')).toBe('en');
    const cookie = picked.headers.get('set-cookie')!;
    expect(cookie).toBe(`galette_lang=en; Max-Age=${languageCookieMaxAge()}; Path=/; SameSite=Lax`);
    // The visitor's own answer: no shared cache may hand this Set-Cookie to someone else.
    expect(picked.headers.get('cache-control')).toBe('private, no-cache');

    const next = await get(`/p/${PARIS}/charte-cookies`, {
      cookie: cookie.split(';')[0]!,
      'accept-language': 'fr',
    });
    expect(next.headers.get('content-language')).toBe('en');
    expect(next.headers.get('set-cookie')).toBeNull();
    // Already remembered, or not a language of the portal: nothing to set.
    const again = await get(`/p/${PARIS}/charte-cookies?lang=en`, { cookie: 'galette_lang=en' });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await get(`/p/${PARIS}/charte-cookies?lang=de`)).headers.get('set-cookie')).toBeNull();
    const secure = await app.request(
      `https://galette.example.org/p/${PARIS}/charte-cookies?lang=en`,
    );
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('ignores a language the portal does not publish', async () => {
    expect(await lang('?lang=de', { 'accept-language': 'en' })).toBe('en');
  });

  it('renders each language in its own words', async () => {
    const fr = await (await get(`/p/${PARIS}/charte-cookies.txt`)).text();
    const en = await (await get(`/p/${PARIS}/charte-cookies.txt?lang=en`)).text();
    expect(fr).toContain('Authentification');
    expect(en).toContain('Authentication');
    expect(en).not.toBe(fr);
  });
});

describe('conditional requests and compression', () => {
  const path = `/p/${PARIS}/charte-cookies`;

  it('answers 304 to If-None-Match with the current ETag, also as a weak tag or in a list', async () => {
    const etag = (await get(path)).headers.get('etag')!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await get(path, { 'if-none-match': inm });
      expect(res.status, inm).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toContain('max-age=300');
      expect(await res.text()).toBe('');
    }
    expect((await get(path, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('decodes gzip and br bodies to the identity bytes, each with its own ETag', async () => {
    const identity = await get(path);
    const plain = Buffer.from(await identity.arrayBuffer());

    // app.request() does not decompress, so the raw encoded bytes are what arrive here.
    const gz = await get(path, { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer()))).toEqual(plain);

    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer()))).toEqual(plain);

    const tags = [identity, gz, br].map((r) => r.headers.get('etag'));
    expect(new Set(tags).size).toBe(3);
    expect((await get(path, { 'accept-encoding': 'br', 'if-none-match': tags[0]! })).status).toBe(
      200,
    );
    expect((await get(path, { 'accept-encoding': 'br', 'if-none-match': tags[2]! })).status).toBe(
      304,
    );
  });

  it('gives each language its own ETag', async () => {
    const fr = (await get(path)).headers.get('etag');
    const en = (await get(`${path}?lang=en`)).headers.get('etag');
    expect(fr).not.toBe(en);
  });
});

describe('not found', () => {
  it('answers an unknown portal with an accessible HTML page in the visitor’s language', async () => {
    const res = await get('/p/inconnu.example.org/charte-cookies', { 'accept-language': 'en' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-language')).toBe('en');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain('inconnu.example.org');

    const fr = await (await get('/p/inconnu.example.org/charte-cookies')).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).not.toBe(html);
  });

  it('answers the JSON variant with a JSON 404', async () => {
    const res = await get('/p/inconnu.example.org/charte-cookies.json');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('escapes the requested path and portal id in the 404 page', async () => {
    const res = await get('/p/%3Cimg%20src%3Dx%3E/charte-cookies');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x&gt;');
  });

  it('answers an unknown path with a 404 page', async () => {
    const res = await get('/nulle-part');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('/nulle-part');
  });

  it('sends a portal id written with capitals to its lowercase address, query kept', async () => {
    for (const suffix of ['', '.md', '.txt', '.json']) {
      const res = await get(`/p/OpenData.Paris.FR/charte-cookies${suffix}?lang=en`);
      expect(res.status, suffix).toBe(301);
      const location = res.headers.get('location')!;
      expect(location).toBe(`/p/${PARIS}/charte-cookies${suffix}?lang=en`);
      expect((await get(location)).status).toBe(200);
    }
  });

  it('never shows a portal that has a draft but no published revision', async () => {
    await store.savePortal(portal('brouillon.example.org'));
    for (const suffix of ['', '.md', '.txt', '.json']) {
      const res = await get(`/p/brouillon.example.org/charte-cookies${suffix}`);
      expect(res.status, suffix).toBe(404);
    }
  });
});

describe('draft and published revisions', () => {
  it('shows the published revision until the draft is published', async () => {
    const id = 'isolation.example.org';
    const { app: fresh, store: own } = await testApp({ revisionTtlMs: 0 });
    try {
      await own.saveAndPublish(portal(id));
      const first = await (await fresh.request(`/p/${id}/charte-cookies.txt`)).text();

      const draft = portal(id, {
        name: 'Nom encore en brouillon',
        declarations: [
          {
            provider: 'Brouillon SA',
            service: { fr: 'Essai', en: 'Trial' },
            name: 'cookie_du_brouillon',
            purpose: { fr: 'Pas encore publié.', en: 'Not published yet.' },
            category: 'necessary',
          },
        ],
      });
      await own.savePortal(draft);
      const during = await (await fresh.request(`/p/${id}/charte-cookies.txt`)).text();
      expect(during).toBe(first);
      expect(during).not.toContain('cookie_du_brouillon');

      await own.publish(id);
      const after = await (await fresh.request(`/p/${id}/charte-cookies.txt`)).text();
      expect(after).toContain('cookie_du_brouillon');
    } finally {
      await own.close();
    }
  });
});

describe('revision cache', () => {
  it('serves a new publication after onPublish, without waiting for the TTL', async () => {
    const { store: own } = await testApp();
    const revisions = createRevisionCache({ store: own, ttlMs: 60_000 });
    const cached = createApp({ store: own, revisions });
    const id = 'cache.example.org';
    try {
      await own.saveAndPublish(portal(id));
      const path = `/p/${id}/charte-cookies.json`;
      const revisionOf = async () =>
        ((await (await cached.request(path)).json()) as { revision: { number: number } }).revision
          .number;
      expect(await revisionOf()).toBe(1);
      await own.saveAndPublish(portal(id, { name: 'Renommé' }));
      // Within the TTL, another node's publication is not seen yet...
      expect(await revisionOf()).toBe(1);
      // ...until the publisher's notification reaches this node.
      revisions.onPublish(id);
      expect(await revisionOf()).toBe(2);
    } finally {
      await own.close();
    }
  });
});

describe('escaping of operator text', () => {
  it('escapes markup in declarations and texts of the HTML page', async () => {
    const id = 'xss.example.org';
    const attack = '<script>alert(1)</script>';
    await store.saveAndPublish(
      portal(id, {
        name: `Portail ${attack}`,
        declarations: [
          {
            provider: `Fournisseur ${attack}`,
            service: { fr: attack, en: attack },
            name: 'sessionid',
            purpose: { fr: attack, en: attack },
            category: 'necessary',
          },
        ],
        texts: { intro: { fr: attack, en: attack } },
      }),
    );
    for (const lang of ['fr', 'en']) {
      const html = await (await get(`/p/${id}/charte-cookies?lang=${lang}`)).text();
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});
