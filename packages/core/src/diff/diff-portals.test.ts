import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Declaration, PortalContent } from '../portal.js';
import { declarationKey, diffPortals } from './diff-portals.js';
import { wordDiff } from './word-diff.js';

const declaration = (over: Partial<Declaration> = {}): Declaration => ({
  provider: 'Galette',
  service: { fr: 'Service', en: 'Service' },
  name: 'sessionid',
  purpose: { fr: 'Se souvenir de vous', en: 'Remember you' },
  category: 'necessary',
  lifetime: 'PT12H',
  party: 'first',
  storage: 'cookie',
  ...over,
});

const portal = (over: Partial<PortalContent> = {}): PortalContent => ({
  id: 'opendata.paris.fr',
  name: 'Paris Data',
  url: 'https://opendata.paris.fr',
  origins: ['https://opendata.paris.fr'],
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  categories: [],
  declarations: [
    declaration(),
    declaration({ name: 'cookies_preferences', lifetime: 'P6M' }),
    declaration({
      name: '_pk_id.*',
      provider: 'Matomo',
      category: 'statistics',
      lifetime: 'P13M',
      hosts: ['stats.example'],
    }),
  ],
  texts: { intro: { fr: 'Bienvenue sur le portail', en: 'Welcome to the portal' } },
  ...over,
});

describe('diffPortals', () => {
  it('finds nothing between a portal and itself, and asks nobody again', () => {
    const diff = diffPortals(portal(), portal());
    expect(diff.identical).toBe(true);
    expect(diff.impact.reasked).toEqual([]);
    expect(diff.impact.summary.en).toBe(
      'No visitor will be asked again: what a consent covers has not changed.',
    );
  });

  it('reports declarations added, removed and changed field by field', () => {
    const from = portal();
    const to = portal({
      declarations: [
        declaration({ purpose: { fr: 'Vous reconnaître', en: 'Remember you' } }),
        declaration({
          name: '_pk_id.*',
          provider: 'Matomo',
          category: 'statistics',
          lifetime: 'P6M',
          hosts: ['stats.example'],
        }),
        declaration({ name: 'yt', category: 'marketing', party: 'third', domain: 'youtube.com' }),
      ],
    });
    const diff = diffPortals(from, to);
    expect(diff.identical).toBe(false);
    expect(diff.declarations.removed.map((d) => d.key)).toEqual(['cookie||cookies_preferences']);
    expect(diff.declarations.added.map((d) => d.key)).toEqual(['cookie|youtube.com|yt']);
    expect(diff.declarations.changed).toEqual([
      {
        key: 'cookie||sessionid',
        fromIndex: 0,
        toIndex: 0,
        name: 'sessionid',
        changes: [{ path: 'purpose.fr', from: 'Se souvenir de vous', to: 'Vous reconnaître' }],
      },
      {
        key: 'cookie||_pk_id.*',
        fromIndex: 2,
        toIndex: 1,
        name: '_pk_id.*',
        changes: [{ path: 'lifetime', from: 'P13M', to: 'P6M' }],
      },
    ]);
    expect(diff.impact.reasked).toEqual([
      { id: 'statistics', reason: 'changed' },
      { id: 'marketing', reason: 'added' },
    ]);
    expect(diff.impact.summary.fr).toBe(
      'Les visiteurs seront sollicités à nouveau pour « Mesure d’audience » (son contenu a changé : ceux qui l’avaient acceptée) et « Contenus de tiers et publicité » (nouvelle catégorie : tous les visiteurs).',
    );
  });

  it('diffs texts word by word per language, and widget settings leaf by leaf', () => {
    const to = portal({
      texts: { intro: { fr: 'Bienvenue sur le grand portail', en: 'Welcome to the portal' } },
      widget: { theme: 'dsfr' },
    });
    const diff = diffPortals(portal(), to);
    expect(diff.texts).toEqual([
      {
        section: 'intro',
        lang: 'fr',
        status: 'changed',
        words: [
          { op: 'same', text: 'Bienvenue sur le ' },
          { op: 'added', text: 'grand ' },
          { op: 'same', text: 'portail' },
        ],
      },
    ]);
    expect(diff.widget).toEqual([{ path: 'theme', to: 'dsfr' }]);
    // Wording asks nobody again.
    expect(diff.impact.reasked).toEqual([]);
  });

  it('matches declarations by storage, domain and name: a renamed cookie is removed and added', () => {
    expect(declarationKey(declaration({ domain: '.paris.fr' }))).toBe('cookie|.paris.fr|sessionid');
    const to = portal({
      declarations: portal().declarations.map((d, i) => (i === 0 ? { ...d, name: 'sid' } : d)),
    });
    const diff = diffPortals(portal(), to);
    expect(diff.declarations.added.map((d) => d.declaration.name)).toEqual(['sid']);
    expect(diff.declarations.removed.map((d) => d.declaration.name)).toEqual(['sessionid']);
    expect(diff.declarations.changed).toEqual([]);
  });

  it('reports custom categories added, removed and changed, and settings leaf by leaf', () => {
    const videos = {
      id: 'videos',
      label: { fr: 'Vidéos', en: 'Videos' },
      description: { fr: 'Lecteurs', en: 'Players' },
    };
    const maps = { ...videos, id: 'cartes', label: { fr: 'Cartes', en: 'Maps' } };
    const from = portal({ categories: [videos, maps] });
    const to = portal({
      name: 'Paris Data 2',
      origins: ['https://opendata.paris.fr', 'https://www.paris.fr'],
      categories: [{ ...videos, label: { fr: 'Vidéos intégrées', en: 'Videos' } }],
    });
    const diff = diffPortals(from, to);
    expect(diff.categories.removed.map((c) => c.id)).toEqual(['cartes']);
    expect(diff.categories.added).toEqual([]);
    expect(diff.categories.changed).toEqual([
      { id: 'videos', changes: [{ path: 'label.fr', from: 'Vidéos', to: 'Vidéos intégrées' }] },
    ]);
    expect(diff.settings.map((c) => c.path)).toEqual(['name', 'origins']);
  });

  it('keeps a huge rewording bounded: the changed middle as one removal and one addition', () => {
    const a = Array.from({ length: 800 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 800 }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(`début ${a} fin`, `début ${b} fin`);
    expect(parts.map((p) => p.op)).toEqual(['same', 'removed', 'added', 'same']);
  });

  it('treats nothing published as every declaration added', () => {
    const diff = diffPortals(undefined, portal());
    expect(diff.declarations.added).toHaveLength(3);
    expect(diff.impact.reasked).toEqual([{ id: 'statistics', reason: 'added' }]);
  });
});

const arbDeclaration = fc.record({
  provider: fc.constantFrom('Galette', 'Matomo'),
  service: fc.record({ fr: fc.string(), en: fc.string() }),
  name: fc.constantFrom('a', 'b', 'c', 'd', '_pk_*'),
  purpose: fc.record({ fr: fc.string(), en: fc.string() }),
  category: fc.constantFrom('necessary', 'statistics', 'marketing'),
  party: fc.constantFrom('first' as const, 'third' as const),
  storage: fc.constantFrom('cookie' as const, 'localStorage' as const),
  lifetime: fc.constantFrom('P6M', 'P13M', 'session'),
  hosts: fc.constant(['h.example']),
});
const arbPortal = fc
  .record({
    declarations: fc.array(arbDeclaration, { maxLength: 6 }),
    intro: fc.string(),
    name: fc.constantFrom('A', 'B'),
  })
  .map(({ declarations, intro, name }) =>
    portal({ name, declarations, texts: { intro: { fr: intro } } }),
  );

describe('diffPortals properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(arbPortal, (a) => {
        expect(diffPortals(a, a).identical).toBe(true);
      }),
    );
  });

  it('what a→b adds, b→a removes, and the reverse', () => {
    fc.assert(
      fc.property(arbPortal, arbPortal, (a, b) => {
        const ab = diffPortals(a, b);
        const ba = diffPortals(b, a);
        const keys = (list: readonly { key: string }[]) => list.map((d) => d.key).sort();
        expect(keys(ab.declarations.added)).toEqual(keys(ba.declarations.removed));
        expect(keys(ab.declarations.removed)).toEqual(keys(ba.declarations.added));
        expect(keys(ab.declarations.changed)).toEqual(keys(ba.declarations.changed));
        expect(ab.identical).toBe(ba.identical);
      }),
    );
  });

  it('a word diff gives both texts back', () => {
    const words = fc.array(fc.constantFrom('le', 'la', 'portail', 'cookie', ' ', '  ', '\n'), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const from = a.join('');
        const to = b.join('');
        const parts = wordDiff(from, to);
        const text = (ops: string[]) =>
          parts
            .filter((p) => ops.includes(p.op))
            .map((p) => p.text)
            .join('');
        expect(text(['same', 'removed'])).toBe(from);
        expect(text(['same', 'added'])).toBe(to);
        if (from === to) expect(parts.every((p) => p.op === 'same')).toBe(true);
      }),
    );
  });
});
