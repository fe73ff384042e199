import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { formatFieldError } from './field-error.js';
import type { Declaration, PortalContent } from './portal.js';
import {
  PORTAL_FILE_FORMAT,
  PORTAL_FILE_LIMITS,
  parsePortalFile,
  toPortalFile,
} from './portal-file.js';
import { revisionHash } from './revision.js';

const declaration = (over: Record<string, unknown> = {}) => ({
  provider: 'Opendatasoft',
  service: { fr: 'Authentification', en: 'Authentication' },
  name: 'sessionid',
  purpose: { fr: 'Se souvenir de l’utilisateur', en: 'Remember the user' },
  category: 'necessary',
  ...over,
});

const file = (over: Record<string, unknown> = {}) => ({
  format: PORTAL_FILE_FORMAT,
  id: 'opendata.paris.fr',
  name: 'Paris Data',
  url: 'https://opendata.paris.fr',
  declarations: [declaration()],
  ...over,
});

/** Every reported problem as `path: message`, or [] when the file is accepted. */
function problems(input: unknown): string[] {
  try {
    parsePortalFile(input);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.errors.map((x) => formatFieldError(x));
  }
}

describe('parsePortalFile', () => {
  it('fills in every default and orders keys', () => {
    const content = parsePortalFile({
      declarations: [
        {
          category: 'necessary',
          purpose: { en: 'Remember', fr: 'Retenir' },
          name: 'sessionid',
          service: { en: 'Auth', fr: 'Auth.' },
          provider: 'Opendatasoft',
        },
      ],
      url: 'https://opendata.paris.fr',
      name: 'Paris Data',
      id: 'opendata.paris.fr',
      format: PORTAL_FILE_FORMAT,
    });
    expect(content).toStrictEqual({
      id: 'opendata.paris.fr',
      name: 'Paris Data',
      url: 'https://opendata.paris.fr',
      origins: ['https://opendata.paris.fr'],
      languages: ['fr', 'en'],
      defaultLanguage: 'fr',
      categories: [],
      declarations: [
        {
          provider: 'Opendatasoft',
          service: { fr: 'Auth.', en: 'Auth' },
          name: 'sessionid',
          purpose: { fr: 'Retenir', en: 'Remember' },
          category: 'necessary',
          party: 'first',
          storage: 'cookie',
        },
      ],
      texts: {},
    });
    expect(Object.keys(content)).toEqual([
      'id',
      'name',
      'url',
      'origins',
      'languages',
      'defaultLanguage',
      'categories',
      'declarations',
      'texts',
    ]);
    expect(Object.keys(content.declarations[0]!.service)).toEqual(['fr', 'en']);
  });

  it('gives the same revision hash whatever the key order or spelt-out defaults', () => {
    const terse = parsePortalFile(file());
    const verbose = parsePortalFile({
      texts: {},
      ...file({
        declarations: [
          declaration({ storage: 'cookie', party: 'first', consentExempt: false, hosts: [] }),
        ],
      }),
      categories: [],
      defaultLanguage: 'fr',
      languages: ['fr', 'en'],
      origins: ['https://opendata.paris.fr'],
    });
    expect(verbose).toStrictEqual(terse);
    expect(revisionHash(verbose)).toBe(revisionHash(terse));
  });

  it('keeps a url with a port and defaults origins to its origin', () => {
    const content = parsePortalFile(
      file({ id: 'galette.localhost', url: 'http://galette.localhost:8080/admin/' }),
    );
    expect(content.url).toBe('http://galette.localhost:8080/admin/');
    expect(content.origins).toEqual(['http://galette.localhost:8080']);
  });

  it('defaults the default language to fr when listed, otherwise to the first language', () => {
    expect(parsePortalFile(file({ languages: ['en', 'fr'] })).defaultLanguage).toBe('fr');
    const english = {
      ...declaration(),
      service: { en: 'Authentication' },
      purpose: { en: 'Remember the user' },
    };
    const content = parsePortalFile(file({ languages: ['en'], declarations: [english] }));
    expect(content.defaultLanguage).toBe('en');
  });

  it('accepts custom categories, exempt statistics, wildcards and every storage', () => {
    const content = parsePortalFile(
      file({
        categories: [
          {
            id: 'video',
            label: { fr: 'Vidéo', en: 'Video' },
            description: { fr: 'Lecteurs vidéo intégrés.\nYouTube, Vimeo.' },
          },
        ],
        declarations: [
          declaration({
            name: '_pk_id.*',
            category: 'statistics',
            consentExempt: true,
            lifetime: 'P13M',
          }),
          declaration({
            name: 'VISITOR_INFO1_LIVE',
            category: 'video',
            party: 'third',
            domain: '.youtube.com',
            hosts: ['www.youtube.com', 'www.youtube-nocookie.com'],
            lifetime: 'P6M',
          }),
          declaration({ name: 'matomo session', storage: 'localStorage', category: 'statistics' }),
          declaration({ name: 'sessionid', storage: 'sessionStorage', lifetime: 'session' }),
        ],
        texts: { contact: { fr: 'Écrivez-nous.' }, intro: { en: 'Hello', fr: 'Bonjour' } },
      }),
    );
    expect(content.declarations.map((d) => d.consentExempt)).toEqual([
      true,
      undefined,
      undefined,
      undefined,
    ]);
    expect(content.declarations[1]).toMatchObject({
      category: 'video',
      party: 'third',
      domain: '.youtube.com',
    });
    expect(Object.keys(content.texts)).toEqual(['intro', 'contact']);
    expect(content.categories[0]!.id).toBe('video');
  });

  it('rejects a document that is not an object', () => {
    for (const input of [null, [], 'x', 3]) {
      expect(problems(input)).toEqual(['must be a JSON object']);
    }
  });

  it('names every problem of a file in one ValidationError', () => {
    let error: unknown;
    try {
      parsePortalFile(
        file({
          id: 'Opendata Paris',
          format: 'galette.portal/2',
          declarations: [
            declaration({ lifetime: '13 months' }),
            { ...declaration({ name: 'csrftoken' }), category: undefined, categroy: 'necessary' },
            declaration({ name: 'x', category: 'marketting' }),
          ],
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.code).toBe('invalid_input');
    expect(v.errors.map((x) => formatFieldError(x))).toEqual([
      'format: must be "galette.portal/1"',
      'id: must be a host name such as opendata.paris.fr',
      'declarations[0].lifetime: "13 months" is not "session" or an ISO 8601 duration longer than zero, such as P13M',
      'declarations[1].categroy: unknown field (did you mean "category"?)',
      'declarations[1].category: is required',
      'declarations[2].category: unknown category "marketting" (did you mean "marketing"?)',
    ]);
    expect(v.message).toContain('\n  declarations[1].categroy: unknown field');
  });

  it('reports missing required fields and wrong types', () => {
    expect(problems({})).toEqual([
      'format: is required',
      'id: is required',
      'name: is required',
      'url: is required',
      'declarations: is required',
    ]);
    expect(
      problems(
        file({
          name: 42,
          origins: 'https://opendata.paris.fr',
          categories: {},
          declarations: [
            'sessionid',
            declaration({
              service: 'Authentification',
              party: 3,
              consentExempt: 'yes',
              hosts: 'a.fr',
            }),
          ],
          texts: [],
        }),
      ),
    ).toEqual([
      'name: must be a string',
      'origins: must be an array',
      'categories: must be an array',
      'declarations[0]: must be an object',
      'declarations[1].service: must be an object',
      'declarations[1].party: must be one of "first", "third"',
      'declarations[1].consentExempt: must be true or false',
      'declarations[1].hosts: must be an array',
      'texts: must be an object',
    ]);
  });

  it('checks the url, the origins and the languages', () => {
    expect(problems(file({ url: 'ftp://opendata.paris.fr' }))).toEqual([
      'url: must be an http or https address such as https://opendata.paris.fr',
    ]);
    expect(problems(file({ url: 'not a url' }))).toHaveLength(1);
    expect(problems(file({ url: 'https://user:pw@opendata.paris.fr' }))).toEqual([
      'url: must not contain a user name or password',
    ]);
    expect(problems(file({ url: 'https://data.paris.fr' }))).toEqual([
      'url: host "data.paris.fr" must be the portal id "opendata.paris.fr"',
    ]);
    expect(
      problems(
        file({
          origins: [
            'https://opendata.paris.fr/',
            'https://opendata.paris.fr',
            'https://opendata.paris.fr',
            'javascript:alert(1)',
          ],
        }),
      ),
    ).toEqual([
      'origins[0]: "https://opendata.paris.fr/" is not an origin such as https://opendata.paris.fr (no path, no final /)',
      'origins[2]: "https://opendata.paris.fr" is listed twice',
      'origins[3]: "javascript:alert(1)" is not an origin such as https://opendata.paris.fr (no path, no final /)',
    ]);
    expect(problems(file({ origins: [] }))).toEqual(['origins: must have at least 1 item']);
    expect(problems(file({ languages: ['fr', 'EN', 'fr'] }))).toEqual([
      'languages[1]: "EN" is not a two-letter lowercase language code such as fr',
      'languages[2]: "fr" is listed twice',
    ]);
    expect(problems(file({ languages: ['fr', 'de'] }))).toEqual([
      'languages[1]: Galette has no charter and widget texts in "de" (available languages: fr, en)',
    ]);
    expect(problems(file({ languages: ['fr', 'en'], defaultLanguage: 'de' }))).toEqual([
      'defaultLanguage: "de" is not one of the portal\'s languages (fr, en)',
    ]);
  });

  it('requires the default language in every localized text and only known languages', () => {
    expect(
      problems(
        file({
          defaultLanguage: 'en',
          declarations: [
            declaration({ purpose: { fr: 'Retenir' }, service: { en: 'Auth', de: 'Anmeldung' } }),
            declaration({ name: 'csrftoken', purpose: { en: '   ', fr: 'x', english: 'y' } }),
          ],
        }),
      ),
    ).toEqual([
      'declarations[0].service.de: "de" is not one of the portal\'s languages (fr, en)',
      'declarations[0].purpose: must have a text in the default language "en"',
      'declarations[1].purpose.en: must not be empty',
      'declarations[1].purpose.english: unknown field: texts are keyed by two-letter language codes such as fr',
    ]);
  });

  it('checks custom categories and where consent exemption may appear', () => {
    expect(
      problems(
        file({
          categories: [
            { id: 'marketing', label: { fr: 'M' }, description: { fr: 'M' } },
            { id: 'Video', label: { fr: 'V' }, description: { fr: 'V' } },
            { id: 'video', label: { fr: 'V' }, description: { fr: 'V' } },
            { id: 'video', label: { fr: 'V' }, description: { fr: 'V' }, colour: 'red' },
            { id: 'audience', label: { fr: 'A' }, description: { fr: 'A' } },
          ],
          declarations: [declaration({ category: 'vidoe', consentExempt: true })],
        }),
      ),
    ).toEqual([
      'categories[0].id: "marketing" is a built-in category; choose another id',
      'categories[1].id: "Video" must start with a lowercase letter followed by up to 31 a-z, 0-9, _ or -',
      'categories[3].colour: unknown field',
      'categories[3].id: category "video" is defined twice',
      'categories[4].id: "audience" is reserved for consent-exempt audience measurement; choose another id',
      'declarations[0].category: unknown category "vidoe" (did you mean "video"?)',
    ]);
    expect(problems(file({ declarations: [declaration({ consentExempt: true })] }))).toEqual([
      'declarations[0].consentExempt: only statistics can be consent-exempt, not "necessary"',
    ]);
  });

  it('checks names, domains and hosts, and rejects duplicate declarations', () => {
    expect(
      problems(
        file({
          declarations: [
            declaration(),
            declaration({ name: 'session id' }),
            declaration({ name: '**' }),
            declaration({
              party: 'thrid',
              domain: 'YouTube.com',
              hosts: ['www.youtube.com', 'https://x.fr'],
            }),
            declaration({ storage: 'localstorage' }),
            declaration({ lifetime: 'P0D' }),
          ],
        }),
      ),
    ).toEqual([
      'declarations[1].name: "session id" is not a valid cookie name (letters, digits and !#$%&\'*+-.^_`|~)',
      'declarations[2].name: must not be a bare wildcard: name the cookie, e.g. _pk_id.*',
      'declarations[3].party: "thrid" is not one of "first", "third" (did you mean "third"?)',
      'declarations[3].domain: "YouTube.com" is not a lowercase domain such as .paris.fr or youtube.com',
      'declarations[3].hosts[1]: "https://x.fr" is not a lowercase host name such as www.youtube.com',
      'declarations[4].storage: "localstorage" is not one of "cookie", "localStorage", "sessionStorage" (did you mean "localStorage"?)',
      'declarations[5].lifetime: "P0D" is not "session" or an ISO 8601 duration longer than zero, such as P13M',
    ]);
    expect(
      problems(
        file({
          declarations: [
            declaration(),
            declaration({ category: 'statistics' }),
            declaration({ storage: 'localStorage' }),
            declaration({ provider: 'Other' }),
          ],
        }),
      ),
    ).toEqual([
      'declarations[3].name: "sessionid" is already declared at declarations[0] with the same category and storage',
    ]);
  });

  it('checks charter sections', () => {
    expect(
      problems(
        file({ texts: { intro: { fr: 'Bonjour' }, contakt: { fr: 'x' }, title: 'Charte' } }),
      ),
    ).toEqual([
      'texts.contakt: unknown charter section (did you mean "contact"?)',
      'texts.title: must be an object',
    ]);
  });

  it('caps string lengths, array lengths and line breaks', () => {
    const many = Array.from({ length: PORTAL_FILE_LIMITS.declarations + 1 }, (_, i) =>
      declaration({ name: `c${i}` }),
    );
    expect(problems(file({ declarations: many }))).toEqual([
      'declarations: must have at most 1000 items (it has 1001)',
    ]);
    expect(
      problems(
        file({
          name: 'Paris\nData',
          declarations: [declaration({ purpose: { fr: 'x'.repeat(2001) } })],
          texts: { intro: { fr: 'y'.repeat(20_001) }, contact: { fr: 'Ligne 1\nLigne 2\tfin' } },
        }),
      ),
    ).toEqual([
      'name: must be a single line of text',
      'declarations[0].purpose.fr: must be at most 2000 characters long (it has 2001)',
      'texts.intro.fr: must be at most 20000 characters long (it has 20001)',
    ]);
    expect(problems(file({ name: 'Paris\u0000Data' }))).toEqual([
      'name: must be a single line of text',
    ]);
  });

  it('quotes odd keys in paths', () => {
    expect(problems(file({ 'my field': 1 }))).toEqual(['["my field"]: unknown field']);
  });
});

describe('toPortalFile', () => {
  it('writes the format first and every default out', () => {
    const exported = toPortalFile(parsePortalFile(file()));
    expect(Object.keys(exported)).toEqual([
      'format',
      'id',
      'name',
      'url',
      'origins',
      'languages',
      'defaultLanguage',
      'categories',
      'declarations',
      'texts',
    ]);
    expect(exported).toMatchObject({
      format: 'galette.portal/1',
      origins: ['https://opendata.paris.fr'],
      languages: ['fr', 'en'],
      defaultLanguage: 'fr',
      categories: [],
      texts: {},
    });
    expect(exported.declarations[0]).toMatchObject({ party: 'first', storage: 'cookie' });
  });

  it('round-trips any valid portal content', () => {
    // Single-line text, as service names require; purposes may hold more but need not here.
    const line = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() !== '' && [...s].every((ch) => ch >= ' ' && ch !== '\u007f'));
    const localized = fc.record({ fr: line, en: line }, { requiredKeys: ['fr'] });
    const decl: fc.Arbitrary<Declaration> = fc.record(
      {
        provider: fc.constantFrom('Opendatasoft', 'Matomo', 'Google'),
        service: localized,
        name: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.*-]{0,20}$/).filter((n) => !/^\*+$/.test(n)),
        purpose: localized,
        category: fc.constantFrom('necessary', 'statistics', 'preferences', 'marketing', 'video'),
        lifetime: fc.constantFrom('session', 'P13M', 'PT12H', 'P1Y6M', 'P2W'),
        party: fc.constantFrom('first' as const, 'third' as const),
        domain: fc.constantFrom('.paris.fr', 'youtube.com'),
        storage: fc.constantFrom('cookie' as const, 'localStorage' as const),
        hosts: fc.uniqueArray(fc.constantFrom('www.youtube.com', 'cdn.matomo.cloud'), {
          minLength: 1,
        }),
      },
      { requiredKeys: ['provider', 'service', 'name', 'purpose', 'category', 'party', 'storage'] },
    );
    const content: fc.Arbitrary<PortalContent> = fc
      .uniqueArray(decl, {
        maxLength: 8,
        selector: (d) => JSON.stringify([d.category, d.storage, d.name]),
      })
      .map((declarations) => ({
        id: 'opendata.paris.fr',
        name: 'Paris Data',
        url: 'https://opendata.paris.fr',
        origins: ['https://opendata.paris.fr', 'https://www.paris.fr'],
        languages: ['fr', 'en'],
        defaultLanguage: 'fr',
        categories: [
          {
            id: 'video',
            label: { fr: 'Vidéo', en: 'Video' },
            description: { fr: 'Lecteurs vidéo' },
          },
        ],
        declarations: declarations.map((d) => ({
          ...d,
          ...(d.category === 'statistics' && d.party === 'first' && { consentExempt: true }),
        })),
        texts: { intro: { fr: 'Bonjour', en: 'Hello' } },
      }));
    fc.assert(
      fc.property(content, (x) => {
        const normalised = parsePortalFile(
          x.declarations.length ? toPortalFile(x) : toPortalFile(x),
        );
        expect(parsePortalFile(toPortalFile(normalised))).toStrictEqual(normalised);
        expect(normalised).toEqual(x);
        expect(revisionHash(normalised)).toBe(revisionHash(x));
      }),
    );
  });
});
