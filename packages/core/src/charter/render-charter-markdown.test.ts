import { describe, expect, it } from 'vitest';
import { charterRevision, declaration, HOSTILE } from '../../test/fixtures/charter-revision.js';
import { buildCharter } from './build-charter.js';
import { escapeMarkdown, renderCharterMarkdown } from './render-charter-markdown.js';

const headings = (md: string) => md.split('\n').filter((l) => l.startsWith('#'));

describe('renderCharterMarkdown', () => {
  it('uses the heading levels of the published charters', () => {
    const md = renderCharterMarkdown(buildCharter(charterRevision(), 'fr'));
    expect(headings(md)).toEqual([
      '## Charte cookies',
      '### Qu’est-ce qu’un cookie ?',
      '### Les différents types de cookies',
      '#### Cookies nécessaires',
      '#### Cookies statistiques (mesure d’audience)',
      '#### Cookies internes (« first-party »)',
      '#### Cookies tiers (« third-party »)',
      '### À quoi servent les cookies sur la plateforme <https://data.example.fr>',
      '#### Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
      '### Gérer vos choix',
      '### Vos droits et contact',
    ]);
    expect(md.startsWith('## Charte cookies\n\nCette charte')).toBe(true);
    expect(md.endsWith('publiée le 22 novembre 2025.\n')).toBe(true);
    expect(md).toContain('CNIL (<https://www.cnil.fr>)');
  });

  it('renders each category as a GFM table, names as given', () => {
    const md = renderCharterMarkdown(
      buildCharter(
        charterRevision({
          declarations: [
            declaration({ name: 'django_language' }),
            declaration({ name: '_pk_id.*', category: 'statistics', lifetime: 'P13M' }),
          ],
        }),
        'fr',
      ),
    );
    expect(md).toContain(
      [
        '| Nom du prestataire | Service et emplacement | Nom du cookie | Finalités | Durée de conservation |',
        '| --- | --- | --- | --- | --- |',
        '| Opendatasoft | Authentification | django_language | Garder la session ouverte |  |',
      ].join('\n'),
    );
    expect(md).toContain(
      '| Opendatasoft | Authentification | \\_pk_id.\\* | Garder la session ouverte | 13 mois |',
    );
  });

  it('escapes operator text so it shows as typed, in cells, headings and paragraphs', () => {
    const hostile = `${HOSTILE} *a* [b](c) \`d\` | ~e~ $f$ _g_`;
    const md = renderCharterMarkdown(
      buildCharter(
        charterRevision({
          name: hostile,
          declarations: [
            declaration({ name: hostile, provider: '# Big', purpose: { fr: 'a\nb | c' } }),
          ],
          categories: [],
          texts: {
            title: { fr: '## Title #' },
            contact: { fr: `> quote\n- item\n1. one\n${hostile}` },
          },
        }),
        'fr',
      ),
    );
    expect(md).not.toMatch(/(?<!\\)<script|(?<!\\)\]\(/);
    expect(md).toContain('## \\## Title \\#\n');
    expect(md).toContain(
      '\\<script\\>alert(1)\\</script\\> "\\&\'\\<\\> \\*a\\* \\[b\\](c) \\`d\\` \\| \\~e\\~ \\$f\\$ \\_g\\_',
    );
    expect(md).toContain('| \\# Big |');
    expect(md).toContain('| a b \\| c |');
    expect(md).toContain('\\> quote\\\n\\- item\\\n1\\. one\\\n\\<script');
  });

  it('ends with one newline and separates blocks by one blank line', () => {
    const md = renderCharterMarkdown(buildCharter(charterRevision(), 'en'));
    expect(md).not.toMatch(/\n\n\n/);
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });
});

describe('escapeMarkdown', () => {
  it('keeps underscores inside words', () => {
    expect(escapeMarkdown('django_language csrf_token_')).toBe('django_language csrf_token\\_');
    expect(escapeMarkdown('_ga __utma')).toBe('\\_ga \\_\\_utma');
  });

  it('escapes # only where it could start or close a heading', () => {
    expect(escapeMarkdown('# C# #x')).toBe('\\# C# \\#x');
  });
});
