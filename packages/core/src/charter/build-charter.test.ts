import { describe, expect, it } from 'vitest';
import { charterRevision, declaration } from '../../test/fixtures/charter-revision.js';
import { buildCharter, paragraphsOf } from './build-charter.js';
import { CHARTER_USAGE_SECTION } from './charter.js';

const NECESSARY_FR =
  'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels';

describe('buildCharter', () => {
  it('writes the first of the month as an ordinal in French', () => {
    const revision = { ...charterRevision(), publishedAt: '2025-06-01T12:00:00Z' };
    expect(buildCharter(revision, 'fr').versionNote).toContain('publiée le 1er juin 2025.');
    expect(buildCharter(revision, 'en').versionNote).toContain('published on June 1, 2025.');
  });

  it('describes the portal and the revision', () => {
    const revision = charterRevision();
    const charter = buildCharter(revision, 'fr');
    expect(charter.portal).toEqual({
      id: 'data.example.fr',
      name: 'Example Data',
      url: 'https://data.example.fr',
    });
    expect(charter.revision).toEqual({
      number: 3,
      hash: revision.hash,
      publishedAt: '2025-11-22T10:00:00.000Z',
    });
    expect(charter.lang).toBe('fr');
    expect(charter.title).toBe('Charte cookies');
    expect(charter.versionNote).toBe('Version 3 de cette charte, publiée le 22 novembre 2025.');
    expect(buildCharter(revision, 'en').versionNote).toBe(
      'Version 3 of this policy, published on November 22, 2025.',
    );
  });

  it('explains cookies, the four kinds, usage, choices and contact, in that order', () => {
    const charter = buildCharter(charterRevision(), 'fr');
    expect(charter.sections.map((s) => [s.id, s.level])).toEqual([
      ['whatIsACookie', 2],
      ['kinds', 2],
      ['necessary', 3],
      ['statistics', 3],
      ['firstParty', 3],
      ['thirdParty', 3],
      [CHARTER_USAGE_SECTION, 2],
      ['choices', 2],
      ['contact', 2],
    ]);
    const text = JSON.stringify(charter.sections);
    expect(text).toContain('Cookies nécessaires');
    expect(text).toContain('Cookies statistiques');
    expect(text).toContain('Cookies internes');
    expect(text).toContain('Cookies tiers');
    expect(text).toContain('13 mois');
    expect(text).toContain('« Gérer mes cookies »');
    for (const section of charter.sections) {
      expect(section.heading).not.toBe('');
      expect(section.paragraphs.length).toBeGreaterThan(0);
    }
  });

  it('names the platform URL in the usage section', () => {
    const usage = buildCharter(charterRevision(), 'fr').sections.find(
      (s) => s.id === CHARTER_USAGE_SECTION,
    );
    expect(usage?.heading).toBe(
      'À quoi servent les cookies sur la plateforme https://data.example.fr',
    );
    const en = buildCharter(charterRevision(), 'en').sections.find(
      (s) => s.id === CHARTER_USAGE_SECTION,
    );
    expect(en?.heading).toContain('https://data.example.fr');
  });

  it('groups declarations by category in category order, keeping declared order inside', () => {
    const charter = buildCharter(
      charterRevision({
        categories: [
          { id: 'video', label: { fr: 'Vidéos', en: 'Videos' }, description: { fr: 'Lecteurs' } },
        ],
        declarations: [
          declaration({ name: 'yt', category: 'video' }),
          declaration({ name: 'ad', category: 'marketing' }),
          declaration({ name: 'b', category: 'necessary' }),
          declaration({ name: '_pk_id.*', category: 'statistics' }),
          declaration({ name: 'a', category: 'necessary' }),
        ],
      }),
      'fr',
    );
    expect(charter.categories.map((c) => [c.id, c.rows.map((r) => r.name)])).toEqual([
      ['necessary', ['b', 'a']],
      ['statistics', ['_pk_id.*']],
      ['marketing', ['ad']],
      ['video', ['yt']],
    ]);
    expect(charter.categories[0]?.heading).toBe(NECESSARY_FR);
    expect(charter.categories[3]?.heading).toBe('Vidéos');
    expect(charter.categories[3]?.description[0]).toBe('Lecteurs');
  });

  it('leaves out categories without declarations and says so when there are none', () => {
    const empty = buildCharter(charterRevision({ declarations: [] }), 'fr');
    expect(empty.categories).toEqual([]);
    const usage = empty.sections.find((s) => s.id === CHARTER_USAGE_SECTION);
    expect(usage?.paragraphs).toEqual([
      'La plateforme Example Data ne déclare aucun cookie ni traceur.',
    ]);
  });

  it('keeps a declaration whose category is unknown, under its id', () => {
    const charter = buildCharter(
      charterRevision({ declarations: [declaration({ name: 'x', category: 'gone' })] }),
      'fr',
    );
    expect(charter.categories.map((c) => [c.id, c.heading])).toEqual([['gone', 'gone']]);
  });

  it('fills rows in the charter language, falling back to French', () => {
    const charter = buildCharter(
      charterRevision({
        declarations: [
          declaration({
            name: 'django_language',
            service: { fr: 'Sélection de la langue' },
            purpose: { fr: 'Langue', en: 'Language' },
            lifetime: 'P1Y',
            party: 'third',
            domain: '.example.fr',
            storage: 'localStorage',
          }),
        ],
      }),
      'en',
    );
    expect(charter.categories[0]?.rows[0]).toEqual({
      provider: 'Opendatasoft',
      service: 'Sélection de la langue',
      name: 'django_language',
      purpose: 'Language',
      lifetime: '1 year',
      party: 'third',
      domain: '.example.fr',
      storage: 'localStorage',
      consentExempt: false,
    });
  });

  it('adds the lifetime column only when some declaration states a lifetime', () => {
    const without = buildCharter(charterRevision(), 'fr');
    expect(without.columns.map((c) => c.label)).toEqual([
      'Nom du prestataire',
      'Service et emplacement',
      'Nom du cookie',
      'Finalités',
    ]);
    expect(without.categories[0]?.rows[0]?.lifetime).toBeNull();
    const withLifetime = buildCharter(
      charterRevision({
        declarations: [declaration({ name: 'a' }), declaration({ name: 'b', lifetime: 'P13M' })],
      }),
      'fr',
    );
    expect(withLifetime.columns.map((c) => c.id)).toEqual([
      'provider',
      'service',
      'name',
      'purpose',
      'lifetime',
    ]);
    expect(withLifetime.categories[0]?.rows.map((r) => r.lifetime)).toEqual([null, '13 mois']);
  });

  it('lists consent-exempt statistics cookies by name', () => {
    const charter = buildCharter(
      charterRevision({
        declarations: [
          declaration({ name: '_pk_id.*', category: 'statistics', consentExempt: true }),
          declaration({ name: '_ga', category: 'statistics' }),
          declaration({ name: 'sessionid', consentExempt: true }),
        ],
      }),
      'fr',
    );
    const [necessary, statistics] = charter.categories;
    expect(necessary?.rows[0]?.consentExempt).toBe(false);
    expect(statistics?.rows.map((r) => r.consentExempt)).toEqual([true, false]);
    expect(statistics?.description.join('\n')).toContain('Gérer mes cookies » : _pk_id.*.');
    expect(statistics?.description.at(-1)).toContain('Les autres cookies');
  });

  it('promises a banner only when some cookie needs consent, as the widget does', () => {
    const choices = (
      declarations: NonNullable<Parameters<typeof charterRevision>[0]>['declarations'],
    ) =>
      buildCharter(charterRevision({ declarations }), 'fr')
        .sections.find((s) => s.id === 'choices')!
        .paragraphs.join('\n');
    const necessaryOnly = choices([declaration({ name: 'sessionid' })]);
    expect(necessaryOnly).toContain('aucun bandeau');
    expect(necessaryOnly).not.toContain('un bandeau vous propose');
    expect(
      choices([declaration({ name: '_pk_id.*', category: 'statistics', consentExempt: true })]),
    ).toContain('aucun bandeau');
    expect(choices([declaration({ name: '_ga', category: 'statistics' })])).toContain(
      'un bandeau vous propose',
    );
  });

  it('states how long a choice is kept from the widget settings', () => {
    const choices = (revision: ReturnType<typeof charterRevision>, lang: string) =>
      buildCharter(revision, lang)
        .sections.find((s) => s.id === 'choices')!
        .paragraphs.join('\n');
    const declarations = [declaration({ name: '_ga', category: 'statistics' })];
    expect(choices(charterRevision({ declarations }), 'fr')).toContain('gardé 6 mois ;');
    const revision = charterRevision({ declarations, widget: { consentMonths: 13 } });
    expect(choices(revision, 'fr')).toContain('gardé 13 mois ;');
    expect(choices(revision, 'en')).toContain('kept for 13 months;');
    const oneMonth = charterRevision({ declarations, widget: { consentMonths: 1 } });
    expect(choices(oneMonth, 'en')).toContain('kept for 1 month;');
  });

  it('uses operator texts for the charter language only, as plain paragraphs', () => {
    const revision = charterRevision({
      texts: {
        title: { fr: 'Politique\n\ncookies  de {name}' },
        contact: { fr: 'Écrire à dpo@example.fr.\n\n  Mairie\n  Place 1  \n\n\n' },
        intro: { fr: '   ' },
        usageTitle: { en: 'Cookies on {url}' },
      },
    });
    const fr = buildCharter(revision, 'fr');
    expect(fr.title).toBe('Politique cookies de Example Data');
    expect(fr.sections.find((s) => s.id === 'contact')?.paragraphs).toEqual([
      'Écrire à dpo@example.fr.',
      'Mairie\nPlace 1',
    ]);
    expect(fr.intro[0]).toMatch(/^Cette charte décrit/);
    const en = buildCharter(revision, 'en');
    expect(en.title).toBe('Cookie policy');
    expect(en.sections.find((s) => s.id === 'contact')?.paragraphs[0]).toMatch(/^For any question/);
    expect(en.sections.find((s) => s.id === CHARTER_USAGE_SECTION)?.heading).toBe(
      'Cookies on https://data.example.fr',
    );
  });

  it('answers in French for a language Galette has no catalog for', () => {
    expect(buildCharter(charterRevision(), 'de').lang).toBe('fr');
  });
});

describe('paragraphsOf', () => {
  it('splits on blank lines, including CRLF and whitespace-only lines', () => {
    expect(paragraphsOf('a\r\nb\r\n\r\nc\n \t\nd')).toEqual(['a\nb', 'c', 'd']);
    expect(paragraphsOf('\n\n')).toEqual([]);
  });
});
