import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_RULES,
  ValidationError,
  checkCompliance,
  parsePortalFile,
  portalFileSchema,
  revisionHash,
  toPortalFile,
} from '@galette/core';

const schemaFile = new URL('../schema/portal.schema.json', import.meta.url);
const presetDir = new URL('../../cli/presets/demo/', import.meta.url);
const presetNames = readdirSync(presetDir).filter((f) => f.endsWith('.json'));
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));
const preset = (name: string) => readJson(new URL(name, presetDir)) as Record<string, unknown>;

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(portalFileSchema);

const parses = (input: unknown) => {
  try {
    parsePortalFile(input);
    return true;
  } catch (e) {
    if (e instanceof ValidationError) return false;
    throw e;
  }
};

describe('portalFileSchema', () => {
  it('is what packages/core/schema/portal.schema.json holds', () => {
    // After changing the schema: npx tsc -b packages/core && node -e "import('@galette/core')
    // .then((m) => console.log(JSON.stringify(m.portalFileSchema, null, 2)))" > that file, then prettier.
    expect(readJson(schemaFile)).toEqual(portalFileSchema);
  });

  it.each(presetNames)('accepts the demo preset %s, as parsePortalFile does', (name) => {
    const file = preset(name);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const content = parsePortalFile(file);
    expect(`${content.id}.json`).toBe(name);
    expect(revisionHash(parsePortalFile(toPortalFile(content)))).toBe(revisionHash(content));
  });

  const base = preset('opendata.paris.fr.json');
  const declarations = base.declarations as Record<string, unknown>[];
  const withDeclaration = (over: Record<string, unknown>) => ({
    ...base,
    declarations: [{ ...declarations[0], ...over }],
  });
  const bad: [string, unknown][] = [
    ['no format', { ...base, format: undefined }],
    ['a future format', { ...base, format: 'galette.portal/2' }],
    ['an id that is not a host name', { ...base, id: 'Paris Data' }],
    ['an unknown top-level field', { ...base, owner: 'Ville de Paris' }],
    ['an ftp url', { ...base, url: 'ftp://opendata.paris.fr' }],
    ['an upper-case scheme', { ...base, url: 'HTTPS://opendata.paris.fr' }],
    ['a url without slashes', { ...base, url: 'https:opendata.paris.fr' }],
    ['a url with a space', { ...base, url: 'https://opendata.paris.fr/a b' }],
    ['an origin with a path', { ...base, origins: ['https://opendata.paris.fr/'] }],
    ['a three-letter language', { ...base, languages: ['fra'] }],
    [
      'a built-in category redefined',
      { ...base, categories: [{ id: 'marketing', label: { fr: 'M' }, description: { fr: 'M' } }] },
    ],
    [
      'the reserved audience category',
      { ...base, categories: [{ id: 'audience', label: { fr: 'A' }, description: { fr: 'A' } }] },
    ],
    ['a misspelt declaration field', withDeclaration({ categroy: 'necessary' })],
    ['a lifetime in words', withDeclaration({ lifetime: '13 months' })],
    ['an empty duration', withDeclaration({ lifetime: 'PT' })],
    ['a third party spelt wrong', withDeclaration({ party: 'thrid' })],
    ['a cookie name with a space', withDeclaration({ name: 'session id' })],
    ['a bare wildcard', withDeclaration({ name: '*' })],
    ['exempt necessary cookie', withDeclaration({ consentExempt: true })],
    ['an uppercase domain', withDeclaration({ domain: '.Paris.fr' })],
    ['a blank purpose', withDeclaration({ purpose: { fr: '  ' } })],
    ['a multi-line service', withDeclaration({ service: { fr: 'a\nb' } })],
    ['an unknown charter section', { ...base, texts: { contakt: { fr: 'x' } } }],
    [
      'too many declarations',
      {
        ...base,
        declarations: Array.from({ length: 1001 }, (_, i) => ({
          ...declarations[0],
          name: `c${i}`,
        })),
      },
    ],
  ];
  it.each(bad)('rejects %s, as parsePortalFile does', (_label, file) => {
    expect(validate(file)).toBe(false);
    expect(parses(file)).toBe(false);
  });
});

describe('demo presets', () => {
  const own = [
    'opendata.paris.fr',
    'opendata.finistere.fr',
    'data.82numerique.fr',
    'opendata.clermont-ferrand.fr',
    'data.explore.star.fr',
    'galette.localhost',
  ];

  it.each(own)('%s is written in the export form, keys in order and defaults spelt out', (id) => {
    const file = preset(`${id}.json`);
    expect(JSON.stringify(file)).toBe(JSON.stringify(toPortalFile(parsePortalFile(file))));
  });

  // The cookie tables of the five seed charters, character for character.
  const odsTable = (preferencesPurpose: string) => [
    [
      'Authentification (front et back office)',
      'sessionid',
      "Se souvenir de l'utilisateur d'une page à une autre.",
    ],
    [
      'Sélection de la langue (front et back office)',
      'django_language',
      'Se souvenir de la langue du visiteur',
    ],
    ['API (CSRF) (front et back office)', 'csrftoken', 'Récupérer des données via des appels API'],
    ['Choix concernant vos préférences sur les cookies', 'cookies_preferences', preferencesPurpose],
  ];
  const remember = 'Se souvenir du choix opéré par le visiteur concernant les cookies';
  it.each(own.slice(0, 5))('%s reproduces the Opendatasoft cookie table of its charter', (id) => {
    const content = parsePortalFile(preset(`${id}.json`));
    expect(content.url).toBe(`https://${id}`);
    expect(content.declarations.map((d) => [d.service.fr, d.name, d.purpose.fr])).toEqual(
      odsTable(
        id === 'data.82numerique.fr'
          ? 'Permet de se souvenir du choix opéré par le visiteur concernant les cookies'
          : remember,
      ),
    );
    for (const d of content.declarations) {
      expect(d).toMatchObject({ provider: 'Opendatasoft', category: 'necessary', party: 'first' });
      expect(d.lifetime, 'the seeds state no lifetime').toBeUndefined();
      expect(d.service.en && d.purpose.en, 'English translation').toBeTruthy();
    }
  });

  it('gives the console the lifetimes the back office sets', () => {
    const content = parsePortalFile(preset('galette.localhost.json'));
    expect(Object.fromEntries(content.declarations.map((d) => [d.name, d.lifetime]))).toEqual({
      sessionid: 'PT12H',
      csrftoken: 'session',
      // The single sign-on flow's cookie (OIDC_FLOW_LIFETIME_S in the server).
      galette_oidc: 'PT10M',
      galette_lang: 'P1Y',
      cookies_preferences: 'P6M',
    });
  });

  it.each(own)('%s passes the compliance rules, lifetimes aside for the seed portals', (id) => {
    const findings = checkCompliance(parsePortalFile(preset(`${id}.json`)));
    const expected =
      id === 'galette.localhost'
        ? []
        : [0, 1, 2, 3].map((i) => `lifetime-missing warning @ declarations[${i}].lifetime`);
    expect(findings.map((f) => `${f.rule} ${f.severity} @ ${f.path}`)).toEqual(expected);
  });
});

describe('docs/portal-file.md', () => {
  const doc = readFileSync(new URL('../../../docs/portal-file.md', import.meta.url), 'utf8');
  const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));

  it('has examples that the schema and parsePortalFile accept', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      expect(parsePortalFile(example).id).toBe('opendata.paris.fr');
    }
  });

  it('lists every compliance rule', () => {
    for (const rule of Object.keys(COMPLIANCE_RULES)) expect(doc).toContain(`| \`${rule}\``);
  });
});
