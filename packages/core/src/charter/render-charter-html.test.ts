import { describe, expect, it } from 'vitest';
import { charterRevision, declaration, HOSTILE } from '../../test/fixtures/charter-revision.js';
import { buildCharter } from './build-charter.js';
import { CHARTER_STYLESHEET } from './charter-stylesheet.js';
import { breakableName, escapeHtml, renderCharterHtml } from './render-charter-html.js';

const headingTags = (html: string) =>
  [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

const options = {
  stylesheetHref: '/assets/charter.css',
  alternates: [
    { lang: 'fr', href: '/p/data.example.fr/charte-cookies?lang=fr' },
    { lang: 'en', href: '/p/data.example.fr/charte-cookies?lang=en' },
  ],
  formats: [
    { format: 'html' as const, href: '/p/data.example.fr/charte-cookies' },
    { format: 'md' as const, href: '/p/data.example.fr/charte-cookies.md' },
    { format: 'txt' as const, href: '/p/data.example.fr/charte-cookies.txt' },
    { format: 'json' as const, href: '/p/data.example.fr/charte-cookies.json' },
  ],
};

describe('renderCharterHtml', () => {
  const charter = buildCharter(
    charterRevision({
      declarations: [
        declaration({ name: 'sessionid' }),
        declaration({ name: '_pk_id.*', category: 'statistics', consentExempt: true }),
      ],
    }),
    'fr',
  );
  const html = renderCharterHtml(charter, options);

  it('is a complete page in the charter language', () => {
    expect(
      html.startsWith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Charte cookies – Example Data</title>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/charter.css">');
    expect(html.match(/<main[ >]/g)).toHaveLength(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('orders headings h1, h2 sections, h3 sub-sections and categories, never skipping a level', () => {
    const levels = headingTags(html);
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    }
    expect(html).toContain(
      '<h2 id="section-usage">À quoi servent les cookies sur la plateforme <a href="https://data.example.fr">https://data.example.fr</a></h2>',
    );
    expect(html).toContain(
      '<h3 id="category-necessary">Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels</h3>',
    );
    expect(html).toContain('<h3 id="section-necessary">Cookies nécessaires</h3>');
  });

  it('captions every table and gives it column headers', () => {
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table).toMatch(/^<table>\n<caption id="caption-[\w-]+">Liste des cookies : /);
      expect(table.match(/<th scope="col">/g)).toHaveLength(4);
      expect(table).not.toMatch(/<th(?=[\s>])(?! scope="col")/);
    }
    expect(tables[0]).toContain(
      '<thead><tr><th scope="col">Nom du prestataire</th><th scope="col">Service et emplacement</th><th scope="col">Nom du cookie</th><th scope="col">Finalités</th></tr></thead>',
    );
    expect(tables[1]).toContain('<td><code>_pk_<wbr>id.<wbr>*</code></td>');
  });

  it('links the other languages and formats, not its own', () => {
    expect(html).toContain(
      '<link rel="alternate" hreflang="en" href="/p/data.example.fr/charte-cookies?lang=en">',
    );
    expect(html).not.toContain('hreflang="fr"');
    expect(html).toContain(
      '<nav class="charter-languages" aria-label="Autres langues"><ul><li><a href="/p/data.example.fr/charte-cookies?lang=en" hreflang="en" lang="en">English</a></li></ul></nav>',
    );
    expect(html).toContain(
      '<a href="/p/data.example.fr/charte-cookies.md" type="text/markdown">Markdown</a>',
    );
    expect(html).toContain(
      '<a href="/p/data.example.fr/charte-cookies.txt" type="text/plain">Texte brut</a>',
    );
    expect(html).toContain(
      '<a href="/p/data.example.fr/charte-cookies.json" type="application/json">JSON</a>',
    );
    expect(html).not.toContain('href="/p/data.example.fr/charte-cookies"');
  });

  it('has no script and no inline style', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('works without options', () => {
    const bare = renderCharterHtml(charter);
    expect(bare).not.toContain('<link');
    expect(bare).not.toContain('<nav');
    expect(bare).toContain('<footer class="charter-footer">');
  });

  it('escapes every operator string', () => {
    const hostile = buildCharter(
      charterRevision({
        name: HOSTILE,
        url: 'javascript:alert(1)',
        categories: [{ id: `x" onclick="y`, label: { fr: HOSTILE }, description: { fr: HOSTILE } }],
        declarations: [
          declaration({
            provider: HOSTILE,
            name: HOSTILE,
            service: { fr: HOSTILE },
            purpose: { fr: HOSTILE },
            category: `x" onclick="y`,
            lifetime: HOSTILE,
          }),
        ],
        texts: {
          title: { fr: HOSTILE },
          contact: { fr: `${HOSTILE}\nhttps://a.fr/"><script>x</script>` },
          usageTitle: { fr: `${HOSTILE} {url}` },
        },
      }),
      'fr',
    );
    const page = renderCharterHtml(hostile, {
      alternates: [{ lang: '"><script>', href: '"><script>' }],
    });
    const escaped = escapeHtml(HOSTILE);
    expect(escaped).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;&lt;&gt;');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+="/i);
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain(`<h1>${escaped}</h1>`);
    expect(page).toContain(`<title>${escaped} – ${escaped}</title>`);
    expect(page).toContain(`<p class="charter-portal">${escaped}</p>`);
    expect(page).toContain(
      `<td>${escaped}</td><td>${escaped}</td><td><code>${escaped}</code></td>`,
    );
    expect(page).toContain(`<h3 id="category-x--onclick--y">${escaped}</h3>`);
    expect(page).toContain(
      `<p>${escaped}<br>\n<a href="https://a.fr/">https://a.fr/</a>&quot;&gt;&lt;script&gt;x&lt;/script&gt;</p>`,
    );
    expect(page).toContain(`${escaped} javascript:alert(1)</h2>`);
  });

  it('keeps ids unique when category ids clash once cleaned', () => {
    const page = renderCharterHtml(
      buildCharter(
        charterRevision({
          categories: [
            { id: 'a b', label: { fr: 'A' }, description: { fr: 'A' } },
            { id: 'a-b', label: { fr: 'B' }, description: { fr: 'B' } },
          ],
          declarations: [
            declaration({ name: 'x', category: 'a b' }),
            declaration({ name: 'y', category: 'a-b' }),
          ],
        }),
        'fr',
      ),
    );
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('category-a-b-2');
  });

  it('speaks English in the English charter', () => {
    const en = renderCharterHtml(buildCharter(charterRevision(), 'en'), options);
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<title>Cookie policy – Example Data</title>');
    expect(en).toContain('hreflang="fr" lang="fr">Français</a>');
    expect(en).toContain('aria-label="Other formats"');
    expect(en).toContain('<th scope="col">Cookie name</th>');
  });
});

describe('long cookie names', () => {
  it('wrap after _ . - between their parts, never inside one', () => {
    expect(breakableName('AMCV_ECID_0123456789ABCDEF%40AdobeOrg')).toBe(
      'AMCV_<wbr>ECID_<wbr>0123456789ABCDEF%40AdobeOrg',
    );
    expect(breakableName('__Secure-3PSIDCC')).toBe('__Secure-<wbr>3PSIDCC');
    expect(breakableName('_pk_ses.12.ab34')).toBe('_pk_<wbr>ses.<wbr>12.<wbr>ab34');
    expect(breakableName('cookies_preferences')).toBe('cookies_<wbr>preferences');
    // Escaped first; nothing after a trailing separator.
    expect(breakableName('a<b>_')).toBe('a&lt;b&gt;_');
    expect(breakableName('sessionid')).toBe('sessionid');

    const page = renderCharterHtml(
      buildCharter(
        charterRevision({
          declarations: [declaration({ name: 'AMCV_ECID_0123456789ABCDEF%40AdobeOrg' })],
        }),
        'fr',
      ),
      options,
    );
    expect(page).toContain('<td><code>AMCV_<wbr>ECID_<wbr>0123456789ABCDEF%40AdobeOrg</code></td>');
    // The stylesheet no longer lets names break anywhere (which cut them mid-word in a narrow
    // column); a part wider than the page alone may still break.
    const codeRule = /(?:^|\n)code \{[^}]*\}/.exec(CHARTER_STYLESHEET)?.[0] ?? '';
    expect(codeRule).toContain('overflow-wrap: break-word');
    expect(codeRule).not.toContain('anywhere');
  });
});
