import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARIS, consentApp } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
let setup: Setup;

beforeAll(async () => {
  setup = await consentApp();
});
afterAll(() => setup.store.close());

describe('embeddable charter', () => {
  it('serves the charter content as a fragment: no document, readable from any origin, cacheable', async () => {
    const res = await setup.app.request(`/p/${PARIS}/charte-cookies.fragment.html?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-language')).toBe('en');
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const html = await res.text();
    expect(html.startsWith('<section class="galette-charter" lang="en">')).toBe(true);
    expect(html).not.toMatch(/<html|<head|<body|<script|<link|<style/i);
    expect(html).toContain('<table');
    expect(html).toContain('class="charter-version"');
    const again = await setup.app.request(`/p/${PARIS}/charte-cookies.fragment.html?lang=en`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('lets only the portal’s declared origins frame the embed page', async () => {
    const res = await setup.app.request(`/p/${PARIS}/charte-cookies/embed`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)![1]!.trim().split(/\s+/);
    expect(ancestors).toEqual(setup.revision.content.origins.map((o) => new URL(o).origin));
    expect(ancestors).not.toContain("'self'");
    expect(csp).toContain("script-src 'self'");
    expect(await res.text()).toContain('<!DOCTYPE html>');
    // The main charter page keeps its own policy (framed only when the portal asks for it).
    const page = await setup.app.request(`/p/${PARIS}/charte-cookies`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers 404 for a portal with nothing published, 410 once archived', async () => {
    expect((await setup.app.request('/p/nowhere.example/charte-cookies/embed')).status).toBe(404);
    const admin = (action: string) =>
      setup.app.request(`/api/v1/admin/portals/${PARIS}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${setup.adminToken}` },
      });
    expect((await admin('archive')).status).toBe(200);
    for (const path of ['charte-cookies.fragment.html', 'charte-cookies/embed']) {
      expect((await setup.app.request(`/p/${PARIS}/${path}`)).status, path).toBe(410);
    }
    expect((await admin('restore')).status).toBe(200);
    expect((await setup.app.request(`/p/${PARIS}/charte-cookies/embed`)).status).toBe(200);
  });
});
