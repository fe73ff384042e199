import { CLI_PRINCIPAL } from '@galette/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

type Kit = Awaited<ReturnType<typeof consoleKit>>;
let kit: Kit;
beforeAll(async () => {
  kit = await consoleKit();
});
afterAll(() => kit.close());

const EDIT = `/admin/portals/${A}/edit`;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

async function editor(person: keyof typeof PEOPLE = 'editorA') {
  const browser = new TestBrowser(kit.app);
  await browser.signIn(PEOPLE[person]);
  return browser;
}

/** The general settings of portal A as its form would send them, `changes` applied. */
async function general(browser: TestBrowser, changes: Record<string, string | string[]> = {}) {
  const page = await (await browser.get(EDIT)).text();
  const draft = (await kit.store.getDraft(A))!.content;
  return {
    version: versionIn(page),
    name: draft.name,
    url: draft.url,
    origins: draft.origins.join('\n'),
    languages: [...draft.languages],
    defaultLanguage: draft.defaultLanguage,
    ...changes,
  };
}

/** Declaration `row` of portal A's draft as its form would send it, `changes` applied. */
async function declaration(browser: TestBrowser, query: string, changes: Record<string, string>) {
  const page = await (await browser.get(`${EDIT}/declaration?${query}`)).text();
  return { ...fieldsOf(page), ...changes };
}

/** What the declaration form on `page` sends as it is shown (its own fields, no other form's). */
function fieldsOf(html: string): Record<string, string> {
  expect(html).toContain('name="provider"');
  const page = /<form method="post" action="[^"]*\/edit\/declaration">[\s\S]*?<\/form>/.exec(
    html,
  )![0];
  const fields: Record<string, string> = { version: versionIn(page) };
  for (const m of page.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    if (m[1] !== 'csrftoken') fields[m[1]!] = unescape(m[2]!);
  }
  for (const m of page.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
    fields[m[1]!] = unescape(m[2]!);
  }
  for (const m of page.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  }
  if (!/name="consentExempt"[^>]*checked/.test(page)) delete fields.consentExempt;
  return fields;
}

/** What the table's button for `action` on `row` sends (`up:N:<identity>`), as shown. */
const button = (page: string, action: string, row: number) =>
  unescape(new RegExp(`name="action" value="(${action}:${row}:[^"]*)"`).exec(page)?.[1] ?? '');

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const names = async () => (await kit.store.getDraft(A))!.content.declarations.map((d) => d.name);

describe('the draft editor', () => {
  it('is for those who may edit the portal: viewers and other portals’ editors are refused', async () => {
    const viewer = await editor('viewerA');
    expect((await viewer.get(EDIT)).status).toBe(403);
    expect((await viewer.get(`${EDIT}/declaration?row=0`)).status).toBe(403);
    expect((await viewer.post(`${EDIT}/general`, { version: '1', name: 'X' })).status).toBe(403);
    const other = await editor('editorB');
    expect((await other.get(EDIT)).status).toBe(403);
    expect((await other.post(`${EDIT}/declarations`, { row: '0', action: 'remove' })).status).toBe(
      403,
    );
    expect((await other.get(`/admin/portals/${B}/edit`)).status).toBe(200);
    expect((await kit.store.getDraft(A))!.version).toBe(1);
    // The portal's pages and the portal list link to the editor for those who may use it.
    const mine = await editor();
    expect(await (await mine.get(`/admin/portals/${A}/revisions`)).text()).toContain(
      `href="${EDIT}"`,
    );
    expect(await (await mine.get('/admin/')).text()).toContain(`href="${EDIT}"`);
    expect(await (await viewer.get(`/admin/portals/${A}/revisions`)).text()).not.toContain(
      `href="${EDIT}"`,
    );
  });

  it('saves the general settings through the service (audited) and says so', async () => {
    const browser = await editor();
    const page = await (await browser.get(EDIT)).text();
    expect(page).toContain('<h2 id="general-heading">Réglages généraux</h2>');
    expect(page).toContain('<code id="n0">sessionid</code>');
    const res = await browser.post(
      `${EDIT}/general`,
      await general(browser, { name: 'Paris Data (brouillon)' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${EDIT}?saved=general`);
    expect((await kit.store.getDraft(A))!.content.name).toBe('Paris Data (brouillon)');
    const after = await (await browser.get(res.headers.get('location')!)).text();
    expect(after).toContain('Les réglages généraux ont été enregistrés dans le brouillon.');
    const audit = await kit.accounts.audit.query(CLI_PRINCIPAL, { action: 'draft.save' });
    expect(audit.entries[0]!.changes).toMatchObject({ settings: ['name'] });
  });

  it('refuses bad general settings with each error beside its field, in French and English', async () => {
    const browser = await editor();
    const sent = await general(browser, {
      url: 'https://ailleurs.example',
      origins: 'https://opendata.paris.fr\nnot an origin',
      languages: ['fr'],
      defaultLanguage: 'en',
    });
    const res = await browser.post(`${EDIT}/general`, sent);
    expect(res.status).toBe(400);
    const page = await res.text();
    // Summary at the top, each entry naming its field and linking to it.
    expect(page).toMatch(/<a href="#url">Adresse du portail : [^<]*ailleurs\.example/);
    expect(page).toContain('<a href="#origins">Origines déclarées : ');
    expect(page).toContain('<a href="#defaultLanguage">Langue par défaut : ');
    expect(page).toMatch(
      /id="url"[^>]*aria-describedby="url-hint url-error"[^>]*aria-invalid="true"/,
    );
    expect(page).toContain('<p class="fr-error-text" id="url-error">');
    // What was typed is still there.
    expect(page).toContain('value="https://ailleurs.example"');
    expect(page).toContain('not an origin</textarea>');
    expect((await kit.store.getDraft(A))!.content.url).toBe('https://opendata.paris.fr');

    const en = await browser.post(`${EDIT}/general?lang=en`, sent);
    expect(en.status).toBe(400);
    const english = await en.text();
    expect(english).toContain('<a href="#url">Portal address: ');
    expect(english).toContain('<a href="#defaultLanguage">Default language: ');
  });

  it('edits a declaration with every field, and puts its errors beside its fields', async () => {
    const browser = await editor();
    const bad = await declaration(browser, 'row=0', {
      lifetime: 'forever',
      consentExempt: 'on',
      'purpose.fr': '',
      hosts: 'not a host!',
    });
    const res = await browser.post(`${EDIT}/declaration?lang=en`, bad);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/id="lifetime"[^>]*aria-invalid="true"/);
    expect(page).toContain('<p class="fr-error-text" id="lifetime-error">');
    expect(page).toContain('<a href="#purpose.fr">Purpose (French): ');
    expect(page).toContain('<a href="#consentExempt">Consent-exempt: ');
    expect(page).toContain('<a href="#hosts">Hosts that set it: ');
    expect(page).toContain('value="forever"');

    // A field the form does not have, or a text past the form's bound: refused by the form's
    // shape, shown again about the same row (sending it again still edits row 0), nothing saved.
    const before = (await kit.store.getDraft(A))!.version;
    const forged = await browser.post(`${EDIT}/declaration`, {
      ...(await declaration(browser, 'row=0', { 'purpose.fr': 'p'.repeat(50_001) })),
      'service.de': 'Sitzung',
    });
    expect(forged.status).toBe(400);
    const refused = await forged.text();
    expect(refused).toMatch(/<code>service\.de<\/code> champ inconnu/);
    expect(refused).toContain('<a href="#purpose.fr">Finalité (français) : ');
    expect(refused).toContain('name="row" value="0"');
    expect(refused).toMatch(/name="key" value="[^"]+"/);
    expect((await kit.store.getDraft(A))!.version).toBe(before);

    const good = await declaration(browser, 'row=0', {
      lifetime: 'P13M',
      'purpose.fr': 'Garder la session ouverte.',
      party: 'third',
      domain: '.paris.fr',
      storage: 'cookie',
      hosts: 'auth.paris.fr\nlogin.paris.fr',
    });
    const saved = await browser.post(`${EDIT}/declaration`, good);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${EDIT}?saved=declaration#row-0`);
    const d = (await kit.store.getDraft(A))!.content.declarations[0]!;
    expect(d).toMatchObject({
      name: 'sessionid',
      lifetime: 'P13M',
      party: 'third',
      domain: '.paris.fr',
      hosts: ['auth.paris.fr', 'login.paris.fr'],
    });
    expect(d.purpose.fr).toBe('Garder la session ouverte.');
  });

  it('adds, duplicates, moves and removes declarations', async () => {
    const browser = await editor();
    const before = await names();
    const added = await browser.post(
      `${EDIT}/declaration`,
      await declaration(browser, '', {
        provider: 'Matomo',
        'service.fr': 'Mesure d’audience',
        name: '_pk_id.*',
        'purpose.fr': 'Compter les visites.',
        category: 'statistics',
        lifetime: 'P13M',
        consentExempt: 'on',
      }),
    );
    expect(added.status).toBe(303);
    expect(await names()).toEqual([...before, '_pk_id.*']);
    const last = before.length;

    // A copy keeps every field; as it is, it would declare the same cookie twice.
    const copy = await declaration(browser, `copy=${last}`, {});
    expect(copy.after).toBe(String(last));
    const same = await browser.post(`${EDIT}/declaration`, copy);
    expect(same.status).toBe(400);
    expect(await same.text()).toMatch(/<a href="#name">Nom ou modèle de nom : [^<]*_pk_id/);
    const copied = await browser.post(`${EDIT}/declaration`, { ...copy, name: '_pk_ses.*' });
    expect(copied.status).toBe(303);
    expect((await names()).slice(-2)).toEqual(['_pk_id.*', '_pk_ses.*']);

    const move = async (row: number, action: string) => {
      const page = await (await browser.get(EDIT)).text();
      return browser.post(`${EDIT}/declarations`, {
        version: versionIn(page),
        action: button(page, action, row) || `${action}:${row}:`,
        confirm: '1',
      });
    };
    // The table's buttons send `action=up:N:<identity>`; `action`, `row` and `key` apart too.
    const table = await (await browser.get(EDIT)).text();
    expect(button(table, 'up', last + 1)).toBe(
      `up:${last + 1}:${JSON.stringify(['statistics', 'cookie', '', '_pk_ses.*'])}`,
    );
    const up = await browser.post(`${EDIT}/declarations`, {
      version: versionIn(table),
      action: 'up',
      row: String(last + 1),
      key: button(table, 'up', last + 1)
        .split(':')
        .slice(2)
        .join(':'),
    });
    expect(up.status).toBe(303);
    expect((await names()).slice(-2)).toEqual(['_pk_ses.*', '_pk_id.*']);
    expect((await move(0, 'down')).status).toBe(303);
    expect((await names()).slice(0, 2)).toEqual([before[1], before[0]]);
    // « Retirer » asks first, naming the row; nothing is removed until confirmed.
    const shown = await (await browser.get(EDIT)).text();
    const listed = await names();
    const asked = await browser.post(`${EDIT}/declarations`, {
      version: versionIn(shown),
      action: button(shown, 'remove', last),
    });
    expect(asked.status).toBe(200);
    const confirm = await asked.text();
    expect(confirm).toContain(`Retirer la déclaration ${last + 1} « _pk_ses.* » ?`);
    expect(confirm).toContain('name="confirm" value="1"');
    expect(await names()).toEqual(listed);
    const removed = await move(last, 'remove');
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`${EDIT}?saved=remove#row-${last}`);
    expect(await names()).toEqual([before[1], before[0], ...before.slice(2), '_pk_id.*']);
    expect((await move(999, 'remove')).status).toBe(400);
  });

  it('shows errors of declarations on their rows when another section breaks them', async () => {
    const browser = await editor();
    const rows = await names();
    const row = rows.indexOf('_pk_id.*');
    // The French text only: fine while French is the default language.
    const saved = await browser.post(
      `${EDIT}/declaration`,
      await declaration(browser, `row=${row}`, { 'service.en': '', 'purpose.en': '' }),
    );
    expect(saved.status).toBe(303);
    const res = await browser.post(
      `${EDIT}/general`,
      await general(browser, { defaultLanguage: 'en' }),
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(`<tr id="row-${row}" class="galette-row-error">`);
    // Named by the field's label, as the declaration's form shows it, not by a path.
    expect(page).toContain(
      `<a href="#row-${row}">Déclaration ${row + 1} « _pk_id.* », Service et emplacement (anglais) : `,
    );
    expect(page).toContain('<li>Finalité (anglais) : ');
    expect(page).not.toContain('<code>purpose</code>');
    // The table names categories as the form does.
    expect(page).toMatch(new RegExp(`<tr id="row-${row}"[\\s\\S]*?<td>Statistiques</td>`));
    expect((await kit.store.getDraft(A))!.content.defaultLanguage).toBe('fr');
  });

  it('refuses a save made on a stale version with what differs, keeping the input', async () => {
    const first = await editor();
    const mine = await general(first, { name: 'Paris <b>Data</b> & co' });
    const second = await editor('admin');
    const theirs = await second.post(
      `${EDIT}/general`,
      await general(second, { name: 'Paris Data, par l’admin' }),
    );
    expect(theirs.status).toBe(303);

    const res = await first.post(`${EDIT}/general`, mine);
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('Le brouillon a été modifié par quelqu’un d’autre');
    expect(page).toContain(PEOPLE.admin);
    expect(page).toContain('value="Paris &lt;b&gt;Data&lt;/b&gt; &amp; co"');
    expect(page).toContain('Paris Data, par l’admin');
    expect(page).not.toContain('<b>Data</b>');
    expect((await kit.store.getDraft(A))!.content.name).toBe('Paris Data, par l’admin');

    const again = await first.post(`${EDIT}/general`, { ...mine, version: versionIn(page) });
    expect(again.status).toBe(303);
    expect((await kit.store.getDraft(A))!.content.name).toBe('Paris <b>Data</b> & co');
    // Hostile operator text is escaped wherever the editor shows it.
    const shown = await (await first.get(EDIT)).text();
    expect(shown).not.toContain('<b>Data</b>');
    expect(shown).toContain('Paris &lt;b&gt;Data&lt;/b&gt; &amp; co');
  });

  it('refuses a declaration saved on a stale version, and a row that is gone', async () => {
    const first = await editor();
    const mine = await declaration(first, 'row=1', { provider: 'Mon <i>prestataire</i>' });
    const second = await editor('admin');
    const page = await (await second.get(EDIT)).text();
    expect(
      (
        await second.post(`${EDIT}/declarations`, {
          version: versionIn(page),
          action: button(page, 'remove', 0),
          confirm: '1',
        })
      ).status,
    ).toBe(303);
    const res = await first.post(`${EDIT}/declaration`, mine);
    expect(res.status).toBe(409);
    const conflict = await res.text();
    expect(conflict).toContain('value="Mon &lt;i&gt;prestataire&lt;/i&gt;"');
    expect(conflict).toContain('Ce que votre enregistrement changerait au brouillon actuel');
    // A row the draft does not hold (any more) is said to be gone, whatever its number.
    const gone = await first.post(`${EDIT}/declaration`, { ...mine, key: '["x"]' });
    expect(gone.status).toBe(409);
    expect(await gone.text()).toContain('Cette ligne n’existe plus dans le brouillon');
  });
  it('overwrites, after a conflict, the row the operator edited, wherever it is now', async () => {
    const first = await editor();
    const before = await names();
    const mine = await declaration(first, 'row=1', { name: `${before[1]}-renamed` });
    // Meanwhile row 0 is removed: row 1 of the form is row 0 now, and row 1 another one.
    const second = await editor('admin');
    const table = await (await second.get(EDIT)).text();
    const removed = await second.post(`${EDIT}/declarations`, {
      version: versionIn(table),
      action: button(table, 'remove', 0),
      confirm: '1',
    });
    expect(removed.status).toBe(303);
    const res = await first.post(`${EDIT}/declaration`, mine);
    expect(res.status).toBe(409);
    const conflict = await res.text();
    // The diff says what saving anyway would do to the draft as it is now: add the renamed
    // row, remove the old name; no other row.
    const diff = conflict.slice(conflict.indexOf('id="conflict-diff"'));
    const listed = (heading: string) =>
      [
        ...(
          new RegExp(`${heading} \\(\\d+\\)</h3><ul>([\\s\\S]*?)</ul>`).exec(diff)?.[1] ?? ''
        ).matchAll(/<code>([^<]*)<\/code>/g),
      ].map((m) => m[1]);
    expect(listed('Ajoutées')).toEqual([`${before[1]}-renamed`]);
    expect(listed('Retirées')).toEqual([before[1]]);
    const overwrite = await first.post(`${EDIT}/declaration`, fieldsOf(conflict));
    expect(overwrite.status).toBe(303);
    expect(overwrite.headers.get('location')).toBe(`${EDIT}?saved=declaration#row-0`);
    expect(await names()).toEqual([`${before[1]}-renamed`, ...before.slice(2)]);
  });

  it('says so when the row edited was removed meanwhile, and overwrites no other row', async () => {
    const first = await editor();
    const before = await names();
    const mine = await declaration(first, 'row=1', { name: `${before[1]}-again` });
    const second = await editor('admin');
    const table = await (await second.get(EDIT)).text();
    const removed = await second.post(`${EDIT}/declarations`, {
      version: versionIn(table),
      action: button(table, 'remove', 1),
      confirm: '1',
    });
    expect(removed.status).toBe(303);
    // There is nothing left to overwrite: the editor says so at once, and again if the form
    // is sent with the version now (as a conflict page of the old code would have offered).
    const res = await first.post(`${EDIT}/declaration`, mine);
    expect(res.status).toBe(409);
    const gone = await res.text();
    expect(gone).toContain('Cette ligne n’existe plus dans le brouillon');
    expect(gone).not.toContain('name="key"');
    const overwrite = await first.post(`${EDIT}/declaration`, {
      ...mine,
      version: versionIn(gone),
    });
    expect(overwrite.status).toBe(409);
    expect(await overwrite.text()).toContain('Cette ligne n’existe plus dans le brouillon');
    const left = [before[0], ...before.slice(2)];
    expect(await names()).toEqual(left);
    // Sent again from there, it is a new row, knowingly: every other row is kept.
    expect((await first.post(`${EDIT}/declaration`, fieldsOf(gone))).status).toBe(303);
    expect(await names()).toEqual([...left, `${before[1]}-again`]);
  });

  it('acts with the table’s buttons on the row they name, not on what is at their number', async () => {
    const browser = await editor();
    const before = await names();
    const page = await (await browser.get(EDIT)).text();
    const second = button(page, 'remove', 1).split(':').slice(2).join(':');
    const res = await browser.post(`${EDIT}/declarations`, {
      version: versionIn(page),
      action: `remove:0:${second}`,
      confirm: '1',
    });
    expect(res.status).toBe(303);
    expect(await names()).toEqual([before[0], ...before.slice(2)]);
    const unknown = await browser.post(`${EDIT}/declarations`, {
      version: versionIn(await (await browser.get(EDIT)).text()),
      action: `remove:0:${JSON.stringify(['necessary', 'cookie', '', 'nope'])}`,
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Cette ligne n’existe plus dans le brouillon');
    expect(await names()).toEqual([before[0], ...before.slice(2)]);
  });
  it('asks before taking a language off with its texts, then takes them off when confirmed', async () => {
    const browser = await editor();
    const before = (await kit.store.getDraft(A))!;
    const english = before.content.declarations.filter((d) => d.purpose.en !== undefined).length;
    expect(english).toBeGreaterThan(0);
    const sent = await general(browser, { languages: ['fr'], defaultLanguage: 'fr' });
    const asked = await browser.post(`${EDIT}/general`, sent);
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Retirer une langue supprime ses textes');
    expect(page).toMatch(/Retirer la langue « anglais » supprime \d+ texte\(s\) du brouillon/);
    expect(page).toContain('name="confirmLanguages" value="en"');
    expect(page).toContain('Retirer la langue et ses textes, et enregistrer');
    expect((await kit.store.getDraft(A))!.version).toBe(before.version);

    const confirmed = await browser.post(`${EDIT}/general`, { ...sent, confirmLanguages: 'en' });
    expect(confirmed.status).toBe(303);
    const after = (await kit.store.getDraft(A))!.content;
    expect(after.languages).toEqual(['fr']);
    expect(after.declarations.every((d) => d.purpose.en === undefined)).toBe(true);
  });
  it('shows the default origin as an empty field, as its hint says, and keeps it when saved so', async () => {
    const browser = await editor();
    const draft = (await kit.store.getDraft(A))!.content;
    expect(draft.origins).toEqual([new URL(draft.url).origin]);
    const page = await (await browser.get(EDIT)).text();
    expect(page).toMatch(/<textarea[^>]*name="origins"[^>]*><\/textarea>/);
    const moved = await browser.post(`${EDIT}/general`, {
      version: versionIn(page),
      name: draft.name,
      url: 'https://opendata.paris.fr/portail',
      origins: '',
      languages: [...draft.languages],
      defaultLanguage: draft.defaultLanguage,
    });
    expect(moved.status).toBe(303);
    expect((await kit.store.getDraft(A))!.content.origins).toEqual(['https://opendata.paris.fr']);
  });
});
