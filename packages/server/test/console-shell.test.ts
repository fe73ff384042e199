import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_LIFETIME, languageCookieMaxAge } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { presetPortal } from '../src/accounts/test-kit.js';
import { testApp } from './fixtures.js';

/** The `name=value` pair and attributes of one Set-Cookie header, by cookie name. */
function cookies(res: Response): Map<string, string> {
  const map = new Map<string, string>();
  for (const header of res.headers.getSetCookie()) map.set(header.split('=')[0]!, header);
  return map;
}

/** A console page's csrftoken cookie and the token its forms carry. */
async function csrf(app: Awaited<ReturnType<typeof testApp>>['app']) {
  const res = await app.request('/admin/login');
  const cookie = cookies(res).get('csrftoken')!.split(';')[0]!;
  const token = /name="csrftoken" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, token };
}

describe('console shell', () => {
  it('serves the sign-in page under a strict policy, with a session-long CSRF cookie', async () => {
    const { app } = await testApp();
    const res = await app.request('/admin/login', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const set = cookies(res).get('csrftoken')!;
    expect(set).toMatch(/^csrftoken=[\w-]{43}; Path=\/; SameSite=Lax$/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en"/);
    for (const name of ['email', 'password', 'csrftoken']) expect(html).toContain(`name="${name}"`);
    expect(html).not.toMatch(/<style|style=|<script(?![^>]*src=)/);
    expect(html).toContain('<main id="content"');
    expect(html).toContain('href="#content"');
  });

  it('marks its cookies Secure when the public address is https', async () => {
    const { app } = await testApp({ publicUrl: 'https://galette.example.org' });
    const res = await app.request('/admin/login');
    expect(cookies(res).get('csrftoken')).toContain('; Secure');
  });

  it('switches language by a form that needs the CSRF token, then comes back', async () => {
    const { app } = await testApp();
    const { cookie, token } = await csrf(app);
    const form = (fields: Record<string, string>) => new URLSearchParams(fields);
    const refused = await app.request('/admin/language', {
      method: 'POST',
      headers: { cookie },
      body: form({ lang: 'en', next: '/admin/login' }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('jeton CSRF');
    expect(cookies(refused).has('galette_lang')).toBe(false);

    const crossSite = await app.request('/admin/language', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      body: form({ lang: 'en', next: '/admin/login', csrftoken: token }),
    });
    expect(crossSite.status).toBe(403);
    const fetchSite = await app.request('/admin/language', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      body: form({ lang: 'en', next: '/admin/login', csrftoken: token }),
    });
    expect(fetchSite.status).toBe(403);

    const done = await app.request('/admin/language', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      body: form({ lang: 'en', next: '/admin/login?lang=fr', csrftoken: token }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/login');
    expect(cookies(done).get('galette_lang')).toBe(
      `galette_lang=en; Max-Age=${languageCookieMaxAge()}; Path=/; SameSite=Lax`,
    );
    // The Max-Age charters set too (charter-routes.test.ts), within what the charter declares.
    const declared = presetPortal('galette.localhost').declarations.find(
      (d) => d.name === LANGUAGE_COOKIE,
    );
    expect(declared?.lifetime).toBe(LANGUAGE_COOKIE_LIFETIME);
    // A calendar year: 365 days, or 366 across a 29 February.
    const leap = new Date(Date.UTC(2028, 0, 15));
    expect(languageCookieMaxAge(new Date(Date.UTC(2026, 11, 6)))).toBe(365 * 86_400);
    expect(languageCookieMaxAge(leap)).toBe(366 * 86_400);
    const english = await app.request('/admin/login', {
      headers: { cookie: `${cookie}; galette_lang=en` },
    });
    expect(await english.text()).toContain('<html lang="en"');

    const offsite = await app.request('/admin/language', {
      method: 'POST',
      headers: { cookie },
      body: form({ lang: 'fr', next: '//evil.example/admin/', csrftoken: token }),
    });
    expect(offsite.headers.get('location')).toBe('/admin/');
  });

  it('refuses bodies over the limit with 413 before reading them', async () => {
    const { app } = await testApp({ consoleMaxBodyBytes: 1024 });
    const { cookie, token } = await csrf(app);
    const res = await app.request('/admin/language', {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ lang: 'en', csrftoken: token, filler: 'x'.repeat(2000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('1024');
  });

  it('refuses any route registered under /admin/ without a rule', async () => {
    const { app } = await testApp();
    app.get('/admin/rogue', (c) => c.text('leak'));
    app.get('/api/v1/admin/rogue', (c) => c.json({ leak: true }));
    const page = await app.request('/admin/rogue');
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('leak');
    const api = await app.request('/api/v1/admin/rogue');
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await app.request('/admin/nothing-here')).status).toBe(404);
  });
});

describe('console assets', () => {
  it('serves the DSFR stylesheet from its own origin, every url() a file it serves', async () => {
    const { app } = await testApp();
    const html = await (await app.request('/admin/login')).text();
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(sheets).toHaveLength(2);
    for (const sheet of sheets)
      expect(sheet).toMatch(/^\/admin\/assets\/[\w-]+-[0-9a-f]{12}\.css$/);
    const res = await app.request(sheets[0]!, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const css = await (await app.request(sheets[0]!)).text();
    expect(css).toContain('.fr-header');
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(20);
    const types = new Set<string>();
    for (const url of new Set(urls)) {
      expect(url).toMatch(/^\/admin\/assets\/dsfr\/\d+\.\d+\.\d+\/[\w/.-]+\.(svg|woff2?)$/);
      const file = await app.request(url);
      expect(file.status, url).toBe(200);
      types.add(file.headers.get('content-type')!);
    }
    expect([...types].sort()).toEqual(['font/woff', 'font/woff2', 'image/svg+xml']);
  });

  it('serves nothing else of the package', async () => {
    const { app } = await testApp();
    for (const path of [
      '/admin/assets/dsfr/1.14.4/../../package.json',
      '/admin/assets/dsfr/1.14.4/dsfr.module.js',
      '/admin/assets/dsfr/package.json',
      '/admin/assets/nothing.css',
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});
