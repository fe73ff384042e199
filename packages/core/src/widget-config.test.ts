import { describe, expect, it } from 'vitest';
import type { Declaration, PortalContent, Revision } from './portal.js';
import { revisionHash } from './revision.js';
import { EXEMPT_CATEGORY, proofCategoryIds } from './categories.js';
import {
  buildWidgetConfig,
  fillWidgetScript,
  needsNoConsent,
  splitWidgetConfig,
  WIDGET_SCRIPT_PLACEHOLDER,
} from './widget-config.js';

const declaration = (over: Partial<Declaration>): Declaration => ({
  provider: 'Opendatasoft',
  service: { fr: 'Service', en: 'Service' },
  name: 'sessionid',
  purpose: { fr: 'Session', en: 'Session' },
  category: 'necessary',
  lifetime: 'P14D',
  party: 'first',
  storage: 'cookie',
  ...over,
});

const content = (declarations: Declaration[], extra: object = {}): PortalContent =>
  ({
    id: 'opendata.example.fr',
    name: 'Example Data',
    url: 'https://opendata.example.fr',
    origins: ['https://opendata.example.fr'],
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
    categories: [],
    declarations,
    texts: {},
    ...extra,
  }) as PortalContent;

const revision = (c: PortalContent): Revision => ({
  portalId: c.id,
  number: 1,
  hash: revisionHash(c),
  content: c,
  publishedAt: '2026-01-01T00:00:00.000Z',
});

const base = { baseUrl: 'https://consent.example.org' };

const analytics = declaration({
  provider: 'Google',
  name: '_ga*',
  category: 'statistics',
  lifetime: 'P13M',
  party: 'third',
  hosts: ['www.googletagmanager.com'],
});
const youtube = declaration({
  provider: 'YouTube',
  name: 'VISITOR_INFO1_LIVE',
  category: 'marketing',
  party: 'third',
  domain: '.youtube.com',
  hosts: ['www.youtube.com'],
});
const matomo = declaration({
  provider: 'Matomo',
  name: '_pk_id.*',
  category: 'statistics',
  consentExempt: true,
});
const local = declaration({
  name: 'ab_test',
  category: 'preferences',
  storage: 'localStorage',
});

describe('buildWidgetConfig', () => {
  it('gates each category that needs consent, with its hosts and what the page can delete', () => {
    const config = buildWidgetConfig(
      revision(content([declaration({}), analytics, youtube, matomo, local])),
      base,
    );
    expect(config.categories.map((c) => c.id)).toEqual([
      'statistics',
      'preferences',
      'marketing',
      EXEMPT_CATEGORY,
    ]);
    const [statistics, preferences, marketing, audience] = config.categories;
    expect(statistics).toMatchObject({ hosts: ['www.googletagmanager.com'], cookies: ['_ga*'] });
    expect(preferences).toMatchObject({ local: ['ab_test'] });
    // youtube.com cookies are out of the page's reach: listed, never "deleted".
    expect(marketing).toEqual({ id: 'marketing', fp: marketing!.fp, hosts: ['www.youtube.com'] });
    expect(audience).toMatchObject({ optOut: true, cookies: ['_pk_id.*'] });
    expect(config.consentUrl).toBe(
      'https://consent.example.org/api/v1/portals/opendata.example.fr/consents',
    );
    expect(config.texts.fr!.charterUrl).toBe(
      'https://consent.example.org/p/opendata.example.fr/charte-cookies?lang=fr',
    );
  });

  it('names the purposes asked for in the first layer, in each language', () => {
    const config = buildWidgetConfig(revision(content([analytics, youtube])), base);
    expect(config.texts.fr!.text).toContain(
      'mesurer l’audience et afficher des contenus de tiers et des publicités',
    );
    expect(config.texts.en!.text).toContain(
      'measure its audience and show third-party content and advertising',
    );
    expect(Object.keys(config.texts)).toEqual(['fr', 'en']);
  });

  it('lists every declared cookie in the preferences centre, necessary ones first', () => {
    const config = buildWidgetConfig(revision(content([declaration({}), analytics])), {
      ...base,
      languages: ['en'],
    });
    expect(Object.keys(config.prefs!)).toEqual(['en']);
    const cats = config.prefs!.en!.categories;
    expect(cats.map((c) => c.id)).toEqual(['necessary', 'statistics']);
    expect(cats[1]!.rows).toEqual([['Google', '_ga*', 'Session', '13 months']]);
  });

  it('changes a category fingerprint only when what it holds changes', () => {
    const fp = (decls: Declaration[]) =>
      buildWidgetConfig(revision(content(decls)), base).categories.find(
        (c) => c.id === 'statistics',
      )!.fp;
    const before = fp([declaration({}), analytics]);
    expect(fp([declaration({ purpose: { fr: 'Autre', en: 'Other' } }), analytics])).toBe(before);
    expect(fp([declaration({}), { ...analytics, lifetime: 'P2Y' }])).not.toBe(before);
    expect(fp([declaration({}), analytics, { ...analytics, name: '_gid' }])).not.toBe(before);
  });

  it('says exempt measurement is on until objected to, and lets its proof record it', () => {
    const withExempt = content([declaration({}), analytics, matomo]);
    const config = buildWidgetConfig(revision(withExempt), base);
    expect(config.prefs!.fr!.intro).toContain('tant que vous ne vous y opposez pas');
    expect(config.prefs!.en!.exempt).toEqual(['Active – you can object', 'You object']);
    expect(proofCategoryIds(withExempt)).toContain(EXEMPT_CATEGORY);
    const without = content([declaration({}), analytics]);
    const plain = buildWidgetConfig(revision(without), base);
    expect(plain.prefs!.fr!.intro).not.toContain('opposez');
    expect(plain.prefs!.fr!.exempt).toBeUndefined();
    expect(proofCategoryIds(without)).not.toContain(EXEMPT_CATEGORY);
  });

  it('needs no consent when only necessary and exempt trackers are declared', () => {
    const config = buildWidgetConfig(revision(content([declaration({}), matomo])), base);
    expect(needsNoConsent(config)).toBe(true);
    expect(config.prefs!.fr!.intro).toContain('aucun accord ne vous est demandé');
  });

  it('applies operator settings and texts, and falls back on unusable colours', () => {
    const settings = {
      theme: 'dsfr',
      accentColor: '#FFEE00',
      consentMonths: 20,
      consentMode: false,
      texts: { bannerTitle: { fr: 'Cookies sur {name}', en: 'Cookies' } },
    };
    const config = buildWidgetConfig(revision(content([analytics], { widget: settings })), base);
    expect(config.theme).toBe('dsfr');
    expect(config.accent).toEqual(['#000091', '#ffffff']);
    expect(config.days).toBe(390);
    expect(config.gcm).toBeUndefined();
    expect(config.texts.fr!.title).toBe('Cookies sur Example Data');
  });
});

describe('served halves', () => {
  it('keeps the centre out of widget.js and embeds JSON as an inert literal', () => {
    const config = buildWidgetConfig(revision(content([analytics])), base);
    const { widget, preferences } = splitWidgetConfig(config);
    expect(widget.prefs).toBeUndefined();
    expect(preferences.fr!.categories.length).toBe(1);
    // The receipt link travels with the centre, per language, with a slot for the consent id.
    expect(widget).not.toHaveProperty('receiptUrl');
    expect(preferences.fr!.receiptUrl).toBe(
      'https://consent.example.org/p/opendata.example.fr/consents/{id}?lang=fr',
    );
    expect(preferences.en!.receiptUrl).toMatch(/\/consents\/\{id\}\?lang=en$/);
    expect(preferences.fr!.history).toBe('Voir l’historique de mes choix');
    expect(preferences.en!.history).toBe('See the history of my choices');
    const script = fillWidgetScript(`x=${WIDGET_SCRIPT_PLACEHOLDER};`, WIDGET_SCRIPT_PLACEHOLDER, {
      a: '</script>',
    });
    expect(script).toBe('x={"a":"\\u003c/script>"};');
  });
});
