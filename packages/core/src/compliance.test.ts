import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCookieDatabase } from './cookie-database/cookie-database.js';
import { GALETTE_COOKIE_ADDITIONS } from './cookie-database/galette-additions.js';
import { COMPLIANCE_RULES, checkCompliance, type ComplianceFinding } from './compliance.js';
import { catalogs } from './i18n/catalog.js';
import type { CustomCategory, Declaration, PortalContent } from './portal.js';

const declaration = (over: Partial<Declaration> = {}): Declaration => ({
  provider: 'Galette',
  service: { fr: 'Service', en: 'Service' },
  name: 'sessionid',
  purpose: { fr: 'Finalité', en: 'Purpose' },
  category: 'necessary',
  lifetime: 'PT12H',
  party: 'first',
  storage: 'cookie',
  ...over,
});

const consentCookie = declaration({ name: 'cookies_preferences', lifetime: 'P6M' });

const portal = (declarations: Declaration[], categories: CustomCategory[] = []): PortalContent => ({
  id: 'opendata.paris.fr',
  name: 'Paris Data',
  url: 'https://opendata.paris.fr',
  origins: ['https://opendata.paris.fr'],
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  categories,
  declarations: [...declarations, consentCookie],
  texts: {},
});

const summary = (findings: ComplianceFinding[]) => findings.map((f) => `${f.rule} @ ${f.path}`);
const check = (...declarations: Declaration[]) => summary(checkCompliance(portal(declarations)));

describe('checkCompliance', () => {
  it('finds nothing in a portal that follows every rule', () => {
    expect(
      check(
        declaration(),
        declaration({ name: 'csrftoken', lifetime: 'session' }),
        declaration({
          name: '_pk_id.*',
          category: 'statistics',
          lifetime: 'P13M',
          consentExempt: true,
        }),
        declaration({
          name: 'VISITOR_INFO1_LIVE',
          category: 'marketing',
          party: 'third',
          domain: '.youtube.com',
          hosts: ['www.youtube.com'],
          lifetime: 'P6M',
        }),
        declaration({ name: 'draft', storage: 'localStorage', lifetime: 'P1M' }),
        declaration({ name: 'tab', storage: 'sessionStorage', lifetime: 'session' }),
      ),
    ).toEqual([]);
  });

  it('holds exempt audience measurement to the CNIL conditions', () => {
    const exempt = { category: 'statistics', consentExempt: true } as const;
    expect(
      check(
        declaration({ ...exempt, name: '_pk_id.*', party: 'third', domain: 'matomo.cloud' }),
        declaration({ ...exempt, name: '_pk_ses.*', lifetime: undefined }),
        declaration({ ...exempt, name: '_ga', lifetime: 'P2Y' }),
        declaration({ ...exempt, name: '_pk_ref.*', lifetime: 'P13M1D' }),
        declaration({ ...exempt, name: '_pk_cvar.*', lifetime: 'P1Y1M' }),
      ),
    ).toEqual([
      'exempt-third-party @ declarations[0].party',
      'exempt-lifetime-missing @ declarations[1].lifetime',
      'exempt-lifetime-too-long @ declarations[2].lifetime',
      'exempt-lifetime-too-long @ declarations[3].lifetime',
    ]);
  });

  it('warns about missing and over-long lifetimes of trackers that are not exempt', () => {
    expect(
      check(
        declaration({ lifetime: undefined }),
        declaration({ name: '_ga', category: 'statistics', lifetime: 'P2Y' }),
        declaration({ name: 'ok', category: 'statistics', lifetime: 'P395D' }),
        declaration({ name: 'long', lifetime: 'P57W' }),
      ),
    ).toEqual([
      'lifetime-missing @ declarations[0].lifetime',
      'lifetime-over-13-months @ declarations[1].lifetime',
      'lifetime-over-13-months @ declarations[3].lifetime',
    ]);
  });

  it('warns when the lifetime contradicts the storage', () => {
    expect(
      check(
        declaration({ name: 'a', storage: 'localStorage', lifetime: 'session' }),
        declaration({ name: 'b', storage: 'sessionStorage', lifetime: 'P1D' }),
      ),
    ).toEqual([
      'storage-lifetime-mismatch @ declarations[0].lifetime',
      'storage-lifetime-mismatch @ declarations[1].lifetime',
    ]);
  });

  it('checks the consent cookie: declared, necessary, kept beyond the session', () => {
    const without = { ...portal([declaration()]), declarations: [declaration()] };
    expect(summary(checkCompliance(without))).toEqual(['consent-cookie-undeclared @ declarations']);
    const misplaced = {
      ...without,
      declarations: [
        declaration({ name: 'cookies_preferences', category: 'preferences', lifetime: 'session' }),
      ],
    };
    expect(summary(checkCompliance(misplaced))).toEqual([
      'consent-cookie-not-necessary @ declarations[0].category',
      'consent-cookie-session @ declarations[0].lifetime',
    ]);
    const inStorage = {
      ...without,
      declarations: [declaration({ name: 'cookies_preferences', storage: 'localStorage' })],
    };
    expect(summary(checkCompliance(inStorage))).toEqual([
      'consent-cookie-undeclared @ declarations',
    ]);
  });

  it('asks third parties for a domain and, when they need consent, for the hosts to block', () => {
    expect(
      check(
        declaration({ name: 'IDE', category: 'marketing', party: 'third' }),
        declaration({ name: '__cf_bm', party: 'third', domain: '.cloudflare.com' }),
        declaration({
          name: 'NID',
          category: 'preferences',
          party: 'third',
          domain: '.google.com',
          hosts: ['www.google.com'],
        }),
      ),
    ).toEqual([
      'third-party-domain-missing @ declarations[0].domain',
      'third-party-hosts-missing @ declarations[0].hosts',
      'necessary-third-party @ declarations[1].category',
    ]);
  });

  it('reports unused custom categories and missing translations', () => {
    const video: CustomCategory = {
      id: 'video',
      label: { fr: 'Vidéo' },
      description: { fr: 'Lecteurs vidéo', en: 'Video players' },
    };
    const maps: CustomCategory = { ...video, id: 'maps', label: { fr: 'Cartes', en: 'Maps' } };
    const content = portal(
      [declaration({ category: 'maps', purpose: { fr: 'Afficher la carte' } })],
      [video, maps],
    );
    expect(summary(checkCompliance(content))).toEqual([
      'category-unused @ categories[0]',
      'translation-missing @ categories[0].label.en',
      'translation-missing @ declarations[0].purpose.en',
    ]);
  });

  it('words every finding in French and English from the catalogs', () => {
    const [finding] = checkCompliance(
      portal([
        declaration({ name: '_ga', category: 'statistics', lifetime: 'P2Y', consentExempt: true }),
      ]),
    );
    expect(finding).toEqual({
      rule: 'exempt-lifetime-too-long',
      severity: 'error',
      path: 'declarations[0].lifetime',
      params: { name: '_ga', lifetime: 'P2Y', months: 24 },
      message: {
        fr: '« _ga » est déclaré exempté de consentement avec une durée de vie de P2Y (environ 24 mois) : l’exemption suppose 13 mois au plus, sans prolongation à chaque visite.',
        en: '“_ga” is declared consent-exempt with a lifetime of P2Y (about 24 months): the exemption requires 13 months at most, not extended on each visit.',
      },
    });
  });

  it('has a message for every rule and a rule for every message', () => {
    const keys = (lang: 'fr' | 'en') =>
      Object.keys(catalogs[lang])
        .filter((k) => k.startsWith('compliance.'))
        .sort();
    const expected = Object.keys(COMPLIANCE_RULES)
      .map((id) => `compliance.${id}`)
      .sort();
    expect(keys('fr')).toEqual(expected);
    expect(keys('en')).toEqual(expected);
  });
});

describe('checkCompliance with the Open Cookie Database', () => {
  // The copy shipped in the repository, parsed the way the CLI loads it.
  const db = parseCookieDatabase(
    readFileSync(
      new URL('../vendor/open-cookie-database/open-cookie-database.csv', import.meta.url),
      'utf8',
    ),
    { additions: GALETTE_COOKIE_ADDITIONS },
  );
  const known = (...declarations: Declaration[]) =>
    summary(checkCompliance(portal(declarations), { cookieDatabase: db }));

  it.each([
    ['_ga', {}],
    ['_gid', {}],
    ['_fbp', {}],
    ['_pk_id.*', {}],
    ['_pk_ses.1.ab12', {}],
    ['_hj*', {}],
    ['_hjid', {}],
    ['atuserid', {}],
    ['xtvrn', {}],
    ['IDE', { party: 'third', domain: '.doubleclick.net' }],
    ['NID', { party: 'third', domain: '.google.com' }],
  ] as const)('makes %s declared necessary an error', (name, over) => {
    const findings = checkCompliance(portal([declaration({ name, ...over })]), {
      cookieDatabase: db,
    });
    const finding = findings.find((f) => f.rule === 'known-tracker-necessary');
    expect(finding, name).toMatchObject({ severity: 'error', path: 'declarations[0].category' });
    expect(finding!.message.fr).toContain(`« ${name} » est classé « necessary »`);
  });

  it('leaves the portal’s own necessary cookies alone, sessionid and csrftoken included', () => {
    expect(
      known(
        declaration({ name: 'sessionid' }),
        declaration({ name: 'csrftoken', lifetime: 'session' }),
        declaration({ name: 'django_language', lifetime: 'P1Y' }),
      ),
    ).toEqual([]);
  });

  it('accepts a known tracker in its own category', () => {
    expect(known(declaration({ name: '_ga', category: 'statistics', lifetime: 'P13M' }))).toEqual(
      [],
    );
  });

  it('questions nothing without a database', () => {
    expect(check(declaration({ name: '_ga' }))).toEqual([]);
  });
});
