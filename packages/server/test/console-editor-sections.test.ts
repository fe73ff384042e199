import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAssets } from '../src/admin/assets/console-assets.js';
import { A, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
beforeAll(async () => {
  kit = await consoleKit();
});
afterAll(() => kit.close());

const EDIT = `/admin/portals/${A}/edit`;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
const draft = async () => (await kit.store.getDraft(A))!.content;

async function editor(person: keyof typeof PEOPLE = 'editorA') {
  const browser = new TestBrowser(kit.app);
  await browser.signIn(PEOPLE[person]);
  return browser;
}

async function version(browser: TestBrowser, path: string) {
  return versionIn(await (await browser.get(path)).text());
}

describe('custom categories', () => {
  it('adds, renames (moving its declarations along) and refuses to remove a category in use', async () => {
    const browser = await editor();
    const bad = await browser.post(`${EDIT}/categories?lang=en`, {
      version: await version(browser, `${EDIT}/categories`),
      id: 'Video!',
      'label.fr': 'Vidéos',
    });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('<a href="#id">Identifier: ');
    expect(page).toContain('<a href="#description.fr">Description (French): ');
    expect(page).toContain('value="Video!"');

    const added = await browser.post(`${EDIT}/categories`, {
      version: await version(browser, `${EDIT}/categories`),
      id: 'video',
      'label.fr': 'Vidéos',
      'label.en': 'Videos',
      'description.fr': 'Lecteurs vidéo intégrés.',
      'description.en': 'Embedded video players.',
    });
    expect(added.status).toBe(303);
    expect((await draft()).categories.map((c) => c.id)).toEqual(['video']);

    // A declaration in the new category, then a rename: the declaration follows.
    const form = await (await browser.get(`${EDIT}/declaration`)).text();
    expect(form).toContain('<option value="video">video</option>');
    const declared = await browser.post(`${EDIT}/declaration`, {
      version: versionIn(form),
      provider: 'YouTube',
      'service.fr': 'Vidéos',
      name: 'VISITOR_INFO1_LIVE',
      'purpose.fr': 'Lire les vidéos.',
      category: 'video',
      party: 'third',
      storage: 'cookie',
    });
    expect(declared.status).toBe(303);
    const renamed = await browser.post(`${EDIT}/categories`, {
      version: await version(browser, `${EDIT}/categories?row=0`),
      row: '0',
      was: 'video',
      id: 'videos',
      'label.fr': 'Vidéos',
      'description.fr': 'Lecteurs vidéo intégrés.',
    });
    expect(renamed.status).toBe(303);
    const content = await draft();
    expect(content.categories.map((c) => c.id)).toEqual(['videos']);
    expect(content.categories[0]!.label).toEqual({ fr: 'Vidéos' });
    expect(content.declarations.at(-1)!.category).toBe('videos');

    const removed = await browser.post(`${EDIT}/categories/remove`, {
      version: await version(browser, `${EDIT}/categories`),
      row: '0',
      was: 'videos',
    });
    expect(removed.status).toBe(400);
    const refusal = await removed.text();
    const row = content.declarations.length - 1;
    expect(refusal).toContain(`href="${EDIT}#row-${row}"`);
    expect(refusal).toContain(`Déclaration ${row + 1} « VISITOR_INFO1_LIVE », Catégorie : `);
    expect((await draft()).categories).toHaveLength(1);
  });
});

describe('a category edited while another save changed the list', () => {
  it('overwrites only the category edited, and says when it is gone: no other one is renamed', async () => {
    const admin = await editor('admin');
    const add = async (id: string) =>
      admin.post(`${EDIT}/categories`, {
        version: await version(admin, `${EDIT}/categories`),
        id,
        'label.fr': id,
        'description.fr': `Catégorie ${id}.`,
      });
    const ids = async () => (await draft()).categories.map((c) => c.id);
    const start = await ids();
    for (const id of ['cartes', 'podcasts']) expect((await add(id)).status).toBe(303);
    const at = start.length;
    const form = await (await admin.get(`${EDIT}/declaration`)).text();
    const declared = await admin.post(`${EDIT}/declaration`, {
      version: versionIn(form),
      provider: 'Acast',
      'service.fr': 'Podcasts',
      name: 'acast_player',
      'purpose.fr': 'Lire les podcasts.',
      category: 'podcasts',
      party: 'third',
      storage: 'cookie',
    });
    expect(declared.status).toBe(303);

    // The editor opens « cartes » (row `at`); meanwhile the admin removes it, so that row `at`
    // is « podcasts » now.
    const browser = await editor();
    const opened = await (await browser.get(`${EDIT}/categories?row=${at}`)).text();
    expect(opened).toContain('name="was" value="cartes"');
    const mine = {
      version: versionIn(opened),
      row: String(at),
      was: 'cartes',
      id: 'cartes',
      'label.fr': 'Cartes interactives',
      'description.fr': 'Cartes.',
    };
    const removed = await admin.post(`${EDIT}/categories/remove`, {
      version: await version(admin, `${EDIT}/categories`),
      row: String(at),
      was: 'cartes',
    });
    expect(removed.status).toBe(303);
    // Nothing left to overwrite: said at once, and again with the version now.
    const conflict = await browser.post(`${EDIT}/categories`, mine);
    expect(conflict.status).toBe(409);
    const page = await conflict.text();
    expect(page).toContain('Cette ligne n’existe plus dans le brouillon');
    expect(page).not.toContain('name="was" value="cartes"');
    const overwrite = await browser.post(`${EDIT}/categories`, {
      ...mine,
      version: versionIn(page),
    });
    expect(overwrite.status).toBe(409);
    expect(await overwrite.text()).toContain('Cette ligne n’existe plus dans le brouillon');
    expect(await ids()).toEqual([...start, 'podcasts']);
    expect((await draft()).declarations.at(-1)!.category).toBe('podcasts');

    // A removal by a stale row number removes nothing it does not name.
    const stale = await browser.post(`${EDIT}/categories/remove`, {
      version: await version(browser, `${EDIT}/categories`),
      row: String(at),
      was: 'cartes',
    });
    expect(stale.status).toBe(409);
    expect(await ids()).toEqual([...start, 'podcasts']);
  });
});

describe('charter texts', () => {
  it('saves overrides per language with Galette’s text shown, and names the section in errors', async () => {
    const browser = await editor();
    const page = await (await browser.get(`${EDIT}/texts`)).text();
    expect(page).toContain('Texte de Galette');
    expect(page).toContain('Qu’est-ce qu’un cookie ?');
    const saved = await browser.post(`${EDIT}/texts`, {
      version: versionIn(page),
      in: 'fr',
      intro: 'Bienvenue sur <b>Paris Data</b>.\n\nDeuxième paragraphe.',
      contact: 'Écrivez à dpo@paris.fr.',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${EDIT}/texts?in=fr&saved=texts`);
    expect((await draft()).texts.intro).toEqual({
      fr: 'Bienvenue sur <b>Paris Data</b>.\n\nDeuxième paragraphe.',
    });
    const shown = await (await browser.get(`${EDIT}/texts?in=fr`)).text();
    expect(shown).toContain('Bienvenue sur &lt;b&gt;Paris Data&lt;/b&gt;');
    expect(shown).not.toContain('<b>Paris Data</b>');

    // English only for a section French does not override: the default language is missing.
    const en = await browser.get(`${EDIT}/texts?in=en&lang=en`);
    const english = await en.text();
    expect(english).toContain('What is a cookie?');
    const refused = await browser.post(`${EDIT}/texts?lang=en`, {
      version: versionIn(english),
      in: 'en',
      intro: 'Welcome.',
      choices: 'Choose wisely.',
    });
    expect(refused.status).toBe(400);
    const errors = await refused.text();
    expect(errors).toContain('<a href="#choices">Managing your choices: ');
    expect(errors).toMatch(/id="choices"[^>]*aria-invalid="true"/);
    expect(errors).toContain('Choose wisely.</textarea>');
    expect((await browser.get(`${EDIT}/texts?in=de`)).status).toBe(404);
  });
});

describe('widget settings', () => {
  it('saves every setting, shows the contrast computed on the server and refuses it below 4.5:1', async () => {
    const browser = await editor();
    const page = await (await browser.get(`${EDIT}/widget`)).text();
    const script = consoleAssets().scripts.contrast;
    expect(page).toContain(`<script src="${script}" defer=""></script>`);
    const asset = await kit.app.request(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');

    const base = { version: versionIn(page), consentMode: 'default' };
    const low = await browser.post(`${EDIT}/widget`, {
      ...base,
      theme: 'dsfr',
      accentColor: '#949494',
    });
    expect(low.status).toBe(400);
    const refusal = await low.text();
    expect(refusal).toMatch(
      /<a href="#accentColor">Couleur des boutons : le contraste avec le fond du bandeau #ffffff est de 3\.03:1[^<]*4\.5:1/,
    );
    expect(refusal).toMatch(/id="accentColor"[^>]*aria-invalid="true"/);
    expect(refusal).toContain(
      'Contraste avec le fond #ffffff : 3.03:1, en dessous des 4.5:1 demandés.',
    );
    expect(refusal).toContain('value="#949494"');
    const english = await (
      await browser.post(`${EDIT}/widget?lang=en`, { ...base, accentColor: '#949494' })
    ).text();
    expect(english).toMatch(/<a href="#accentColor">Button colour: contrast with the banner/);

    const saved = await browser.post(`${EDIT}/widget`, {
      ...base,
      theme: 'dsfr',
      accentColor: '#B60000',
      control: 'right',
      consentMonths: '13',
      cookieDomain: '.paris.fr',
      consentMode: 'custom',
      'consentMode.analytics_storage': 'necessary',
      charterUrl: 'https://opendata.paris.fr/pages/cookies?lang={lang}',
      charterInFrame: 'on',
      'texts.bannerTitle.fr': 'Des cookies sur Paris Data',
    });
    expect(saved.status).toBe(303);
    expect((await draft()).widget).toEqual({
      theme: 'dsfr',
      accentColor: '#b60000',
      consentMonths: 13,
      cookieDomain: '.paris.fr',
      control: 'right',
      consentMode: { analytics_storage: 'necessary' },
      charterUrl: 'https://opendata.paris.fr/pages/cookies?lang={lang}',
      charterInFrame: true,
      texts: { bannerTitle: { fr: 'Des cookies sur Paris Data' } },
    });
    const after = await (await browser.get(`${EDIT}/widget?saved=widget`)).text();
    expect(after).toContain('Contraste avec le fond #ffffff : 7.');
    expect(after).toContain('Les réglages du bandeau ont été enregistrés dans le brouillon.');

    const months = await browser.post(`${EDIT}/widget`, {
      version: versionIn(after),
      consentMonths: '14',
      consentMode: 'custom',
      'consentMode.ad_storage': 'nowhere',
    });
    expect(months.status).toBe(400);
    const text = await months.text();
    expect(text).toContain('<a href="#consentMonths">Durée de conservation du choix (mois) : ');
    expect(text).toContain('<a href="#consentMode.ad_storage">');
  });

  it('keeps editors of other portals and viewers out', async () => {
    for (const person of ['viewerA', 'editorB'] as const) {
      const browser = await editor(person);
      for (const path of ['/categories', '/texts', '/widget']) {
        expect((await browser.get(`${EDIT}${path}`)).status, `${person} ${path}`).toBe(403);
        expect((await browser.post(`${EDIT}${path}`, { version: '1' })).status).toBe(403);
      }
    }
  });
});

describe('the general settings', () => {
  it('keep every other section of the draft when saved: categories, texts, widget', async () => {
    const browser = await editor();
    const before = await draft();
    // The sections above saved all three.
    expect(before.categories.length).toBeGreaterThan(0);
    expect(Object.keys(before.texts).length).toBeGreaterThan(0);
    expect(before.widget).toBeDefined();
    const saved = await browser.post(`${EDIT}/general`, {
      version: await version(browser, EDIT),
      name: 'Paris Data, renommé',
      url: before.url,
      origins: before.origins.join('\n'),
      languages: [...before.languages],
      defaultLanguage: before.defaultLanguage,
    });
    expect(saved.status).toBe(303);
    const after = await draft();
    expect(after.name).toBe('Paris Data, renommé');
    expect(after.categories).toEqual(before.categories);
    expect(after.texts).toEqual(before.texts);
    expect(after.widget).toEqual(before.widget);
    expect(after.declarations).toEqual(before.declarations);
  });
  it('link errors of another section to its page when the default language changes', async () => {
    const browser = await editor();
    const before = await draft();
    // Custom categories are labelled in French only: English as default lacks their labels.
    expect(before.categories.some((c) => c.label.en === undefined)).toBe(true);
    const refused = await browser.post(`${EDIT}/general`, {
      version: await version(browser, EDIT),
      name: before.name,
      url: before.url,
      origins: before.origins.join('\n'),
      languages: [...before.languages],
      defaultLanguage: 'en',
    });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(
      new RegExp(
        `<li><a href="${EDIT}/categories">Catégories personnalisées</a> — <code>categories\\[\\d+\\]\\.label`,
      ),
    );
    expect((await draft()).defaultLanguage).toBe(before.defaultLanguage);
  });
});
