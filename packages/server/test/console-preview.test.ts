import { CLI_PRINCIPAL, toPortalFile, type Declaration } from '@galette/core';
import { KyselyStore, openConsentLog } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainApp, PortalService } from '../src/index.js';
import { A, B, PEOPLE, TestBrowser, consoleKit, presetPortal, type Person } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;

/** Only in the draft: a declaration whose operator text is hostile, and a new banner title. */
const HOSTILE = '<img src=x onerror="alert(1)">';
const DRAFT_ONLY: Declaration = {
  provider: `Brouillon ${HOSTILE}`,
  service: { fr: 'Lecteur', en: 'Player' },
  name: 'draft_only_cookie',
  purpose: { fr: `Seulement dans le brouillon ${HOSTILE}`, en: `Draft only ${HOSTILE}` },
  category: 'marketing',
  lifetime: 'P6M',
  party: 'third',
  domain: 'videos.example',
  storage: 'cookie',
};
const DRAFT_TITLE = 'Titre du brouillon </script><script>alert(1)</script>';
const ESCAPED = '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;';

const base = (id = A) => `/admin/portals/${id}/preview`;
const FORMATS = [
  ['charte-cookies', 'text/html'],
  ['charte-cookies.md', 'text/markdown'],
  ['charte-cookies.txt', 'text/plain'],
  ['charte-cookies.json', 'application/json'],
  ['charte-cookies.fragment.html', 'text/html'],
] as const;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  kit = await consoleKit({ consents: { rateLimit: false } });
  const portals = new PortalService({ store: kit.store, audit: kit.accounts.audit });
  const content = presetPortal(A);
  await portals.saveDraft(
    CLI_PRINCIPAL,
    A,
    toPortalFile({
      ...content,
      name: `${content.name} <b>brouillon</b>`,
      declarations: [...content.declarations, DRAFT_ONLY],
      widget: { texts: { bannerTitle: { fr: DRAFT_TITLE, en: 'Draft title' } } },
    }),
  );
});
afterAll(() => kit.close());

async function signedIn(who: Person): Promise<TestBrowser> {
  const browser = new TestBrowser(kit.app);
  await browser.signIn(PEOPLE[who]);
  return browser;
}

describe('the draft preview', () => {
  it('lists every language and format of the draft’s charter and the sample pages, marked as the unpublished draft', async () => {
    const editor = await signedIn('editorA');
    const res = await editor.get(base());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Aperçu du brouillon — non publié');
    expect(html).toContain('&lt;b&gt;brouillon&lt;/b&gt;');
    expect(html).not.toContain('<b>brouillon</b>');
    for (const lang of ['fr', 'en']) {
      for (const [path] of FORMATS) expect(html).toContain(`${base()}/${path}?lang=${lang}"`);
      for (const theme of ['neutral', 'dsfr']) {
        expect(html).toContain(`${base()}/sample?lang=${lang}&amp;theme=${theme}"`);
        expect(html).toContain(`${base()}/narrow?lang=${lang}&amp;theme=${theme}"`);
      }
    }
    // In English when the reader's console is.
    const english = await editor.get(`${base()}?lang=en`);
    expect(await english.text()).toContain('Draft preview — not published');
  });

  it('serves the draft’s charter in every language and format, escaped, never the published one', async () => {
    const editor = await signedIn('editorA');
    for (const lang of ['fr', 'en']) {
      for (const [path, type] of FORMATS) {
        const res = await editor.get(`${base()}/${path}?lang=${lang}`);
        const what = `${path} ${lang}`;
        expect(res.status, what).toBe(200);
        expect(res.headers.get('content-type'), what).toContain(type);
        expect(res.headers.get('cache-control'), what).toBe('no-store');
        expect(res.headers.get('content-language'), what).toBe(lang);
        const text = await res.text();
        // The HTML renderer lets long names break after their underscores.
        expect(text.replaceAll('<wbr>', ''), what).toContain('draft_only_cookie');
        if (type === 'text/html') {
          expect(text, what).toContain(ESCAPED);
          expect(text, what).not.toContain(HOSTILE);
        }
      }
    }
    const page = await (await editor.get(`${base()}/charte-cookies?lang=en`)).text();
    expect(page).toContain('data-galette-preview-marker');
    // Its links to other languages and formats stay in the preview.
    expect(page).toContain(`href="${base()}/charte-cookies.md"`);
    expect(page).toContain(`href="${base()}/charte-cookies?lang=fr"`);
    expect(page).not.toContain(`/p/${A}/charte-cookies`);
    const json = (await (await editor.get(`${base()}/charte-cookies.json`)).json()) as {
      revision: { number: number };
      versionNote: string;
    };
    expect(json.revision.number).toBe(2);
    // Dated as saved, never said to be published.
    expect(json.versionNote).toMatch(
      /^Brouillon non publié de cette charte, enregistré le .+ version 2\.$/,
    );
    expect(page).toContain('Unpublished draft of this policy');
    expect(page).not.toContain('published on');

    // Visitors still get the published revision, everywhere under /p/.
    for (const path of [
      `/p/${A}/charte-cookies`,
      `/p/${A}/charte-cookies.json`,
      `/p/${A}/charte-cookies.fragment.html`,
      `/p/${A}/widget.js`,
      `/p/${A}/preferences.js`,
      `/p/${A}/widget.json`,
      `/demo/${A}`,
    ]) {
      const text = await (await kit.app.request(path)).text();
      expect(text, path).not.toContain('draft_only_cookie');
      expect(text, path).not.toContain('Titre du brouillon');
    }
  });

  it('serves the widget built from the draft, sending its choices and beacons to the sink only', async () => {
    const editor = await signedIn('editorA');
    const widget = await editor.get(`${base()}/widget.js?lang=fr&theme=dsfr`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toContain('text/javascript');
    expect(widget.headers.get('cache-control')).toBe('no-store');
    const script = await widget.text();
    // The title is inlined as a JavaScript string, `<` escaped so it cannot close a script.
    expect(script).toContain('Titre du brouillon \\u003c/script>');
    expect(script).not.toContain('</script>');
    const config = (await (await editor.get(`${base()}/widget.json?theme=neutral`)).json()) as {
      consentUrl: string;
      theme: string;
      texts: Record<string, { charterUrl: string }>;
      prefs: Record<string, { categories: { rows: string[][] }[]; receiptUrl: string }>;
    };
    expect(config.consentUrl).toBe('http://localhost/api/v1/preview/consents');
    expect(config.theme).toBe('neutral');
    expect(config.texts.fr!.charterUrl).toBe(`http://localhost${base()}/charte-cookies?lang=fr`);
    expect(JSON.stringify(config.prefs)).toContain('draft_only_cookie');
    // « See my choices » leads to a page of the preview, not to the public receipt (a 404 here).
    expect(config.prefs!.en!.receiptUrl).toBe(`http://localhost${base()}/receipt?lang=en`);
    const receipt = await editor.get(`${base()}/receipt?lang=en`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('cache-control')).toBe('no-store');
    expect(receipt.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const receiptHtml = await receipt.text();
    expect(receiptHtml).toContain('In the preview no choice is recorded');
    expect(receiptHtml).toContain(`href="${base()}/sample?lang=en"`);
    expect(receiptHtml).not.toMatch(/<script/);
    const prefs = await (await editor.get(`${base()}/preferences.js?lang=en`)).text();
    expect(prefs).toContain('draft_only_cookie');
    expect((await editor.get(`${base()}/widget.css`)).headers.get('content-type')).toContain(
      'text/css',
    );

    const sample = await editor.get(`${base()}/sample?lang=fr&theme=dsfr`);
    expect(sample.status).toBe(200);
    expect(sample.headers.get('cache-control')).toBe('no-store');
    const csp = sample.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src http://localhost/api/v1/preview/');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await sample.text();
    expect(html).toContain(`${base()}/widget.js?lang=fr&amp;theme=dsfr`);
    expect(html).toContain(`${base()}/preview-jar.js`);
    expect(html).toContain('&lt;b&gt;brouillon&lt;/b&gt;');
    expect(html).not.toContain('<b>brouillon</b>');
    expect(html).not.toMatch(/<script>|<style/);

    const narrow = await editor.get(`${base()}/narrow?lang=en&theme=neutral`);
    expect(narrow.status).toBe(200);
    expect(await narrow.text()).toMatch(
      /<iframe[^>]*src="\/admin\/portals\/opendata\.paris\.fr\/preview\/sample\?lang=en&amp;theme=neutral"[^>]*width="360"/,
    );
  });

  it('stores and counts nothing posted to the preview sink', async () => {
    const log = openConsentLog((kit.store as KyselyStore).database);
    const draft = await kit.store.getDraft(A);
    const consent = await kit.app.request('/api/v1/preview/consents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        eventId: 'e'.repeat(20),
        consentId: 'c'.repeat(31),
        revision: `sha256:${'0'.repeat(64)}`,
        choices: { statistics: true },
        action: 'accept_all',
        source: 'banner',
        lang: 'fr',
      }),
    });
    expect(consent.status).toBe(204);
    const beacon = await kit.app.request('/api/v1/preview/banner-views', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: (await kit.store.latestRevision(A))!.hash,
    });
    expect(beacon.status).toBe(204);
    await drainApp(kit.app);
    expect(await log.chain(A)).toBeUndefined();
    expect(await log.bannerViews(A, today(), today())).toEqual([]);
    expect((await kit.store.getDraft(A))!.version).toBe(draft!.version);
  });

  it('asks for a session, refuses users without the preview right on the portal', async () => {
    const paths = [
      base(),
      `${base()}/charte-cookies`,
      `${base()}/charte-cookies.json`,
      `${base()}/sample`,
      `${base()}/narrow`,
      `${base()}/widget.js`,
      `${base()}/preferences.js`,
      `${base()}/widget.json`,
      `${base()}/preview-jar.js`,
    ];
    for (const path of paths) {
      const anonymous = await kit.app.request(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get('location'), path).toBe(
        `/admin/login?next=${encodeURIComponent(path)}`,
      );
    }
    for (const who of ['viewerA', 'viewerB', 'editorB'] as const) {
      const browser = await signedIn(who);
      for (const path of paths) {
        const res = await browser.get(path);
        expect(res.status, `${who} ${path}`).toBe(403);
        const text = await res.text();
        expect(text, `${who} ${path}`).not.toContain('draft_only_cookie');
        expect(text, `${who} ${path}`).not.toContain('brouillon');
      }
    }
    // Their own portal is theirs to preview; an unknown one is not found.
    const editorB = await signedIn('editorB');
    expect((await editorB.get(base(B))).status).toBe(200);
    const admin = await signedIn('admin');
    expect((await admin.get(base())).status).toBe(200);
    expect((await admin.get(base('nowhere.example'))).status).toBe(404);
  });

  it('is linked from the portal list and the portal’s pages for those who may preview', async () => {
    const editor = await signedIn('editorA');
    for (const path of [
      '/admin/',
      `/admin/portals/${A}/revisions`,
      `/admin/portals/${A}/diff`,
      `/admin/portals/${A}/edit`,
      `/admin/portals/${A}/publish`,
    ]) {
      expect(await (await editor.get(path)).text(), path).toContain(`href="${base()}"`);
    }
    const viewer = await signedIn('viewerA');
    for (const path of ['/admin/', `/admin/portals/${A}/revisions`]) {
      expect(await (await viewer.get(path)).text(), path).not.toContain(`${base()}"`);
    }
  });
});
