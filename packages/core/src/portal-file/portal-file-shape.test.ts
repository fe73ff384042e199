import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { formatFieldError } from '../field-error.js';
import { parsePortalFile, PORTAL_FILE_FORMAT } from '../portal-file.js';
import { portalFileSchema } from '../portal-file-schema.js';

/** Cases the portal file's tests elsewhere leave out, held to what the hand validator said. */
const declaration = (over: Record<string, unknown> = {}) => ({
  provider: 'Opendatasoft',
  service: { fr: 'Authentification' },
  name: 'sessionid',
  purpose: { fr: 'Retenir' },
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
const problems = (input: unknown, lang?: string) => {
  try {
    parsePortalFile(input);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.errors.map((x) => formatFieldError(x, lang));
  }
};

describe('the portal file definition', () => {
  it('reports one problem per field, the first an operator would fix', () => {
    expect(
      problems(
        file({
          name: ' '.repeat(300),
          declarations: [declaration({ provider: `a\n${'b'.repeat(300)}`, lifetime: '' })],
        }),
      ),
    ).toEqual([
      'name: must not be empty',
      'declarations[0].provider: must be at most 200 characters long (it has 302)',
      'declarations[0].lifetime: must not be empty',
    ]);
  });

  it('checks a list’s length before its items, and compares only good items', () => {
    const many = Array.from({ length: 101 }, () => 'bad host');
    expect(problems(file({ declarations: [declaration({ hosts: many })] }))).toEqual([
      'declarations[0].hosts: must have at most 100 items (it has 101)',
    ]);
    expect(
      problems(
        file({
          languages: ['fr', 'fr', 'de', 'de'],
          declarations: [declaration()],
        }),
      ),
    ).toEqual([
      'languages[1]: "fr" is listed twice',
      'languages[2]: Galette has no charter and widget texts in "de" (available languages: fr, en)',
      'languages[3]: Galette has no charter and widget texts in "de" (available languages: fr, en)',
    ]);
    // A declaration with an unknown member is still read, so its duplicate is found; a bad one is not.
    expect(
      problems(
        file({
          declarations: [declaration({ note: 'x' }), declaration({ provider: '' }), declaration()],
        }),
      ),
    ).toEqual([
      'declarations[0].note: unknown field (did you mean "name"?)',
      'declarations[1].provider: must not be empty',
      'declarations[2].name: "sessionid" is already declared at declarations[0] with the same category and storage',
    ]);
  });

  it('checks what depends on another field only when that field is good', () => {
    // A bad id: the url is not compared with it. Bad languages: texts are not checked against them.
    expect(
      problems(
        file({
          id: 'Paris',
          languages: 'fr',
          declarations: [declaration({ service: { de: 'x' } })],
        }),
      ),
    ).toEqual(['id: must be a host name such as opendata.paris.fr', 'languages: must be an array']);
    // A bad storage: the name is not checked as a cookie name; a bad category: no exemption rule.
    expect(
      problems(
        file({
          declarations: [
            declaration({ name: 'a b', storage: 'disk' }),
            declaration({ name: 'c', category: 'nope', consentExempt: true }),
          ],
        }),
      ),
    ).toEqual([
      'declarations[0].storage: "disk" is not one of "cookie", "localStorage", "sessionStorage"',
      'declarations[1].category: unknown category "nope"',
    ]);
  });

  it('reads widget settings of every kind', () => {
    expect(
      problems(
        file({
          widget: {
            accentColor: 'red',
            cookieDomain: 'Paris.fr',
            charterUrl: 'ftp://x.fr',
            consentMode: 'yes',
            consentMonths: 2.5,
            charterInFrame: 'no',
          },
        }),
      ),
    ).toEqual([
      'widget.accentColor: must be a colour written #rrggbb',
      'widget.consentMonths: must be a whole number of months from 1 to 13',
      'widget.cookieDomain: must be a domain such as .paris.fr',
      'widget.consentMode: must be an object',
      'widget.charterUrl: must be an http or https address',
      'widget.charterInFrame: must be true or false',
    ]);
    const content = parsePortalFile(
      file({
        categories: [{ id: 'video', label: { fr: 'Vidéo' }, description: { fr: 'Vidéos' } }],
        widget: {
          consentMode: { ad_storage: 'video' },
          texts: { bannerTitle: { en: 'Hi', fr: 'Salut' } },
        },
      }),
    );
    expect(content.widget).toEqual({
      consentMode: { ad_storage: 'video' },
      texts: { bannerTitle: { fr: 'Salut', en: 'Hi' } },
    });
    expect(Object.keys(content.widget!.texts!.bannerTitle!)).toEqual(['fr', 'en']);
    expect(parsePortalFile(file({ widget: { consentMode: false } })).widget).toEqual({
      consentMode: false,
    });
  });

  it('reports a __proto__ key (JSON.parse makes it an own member) as the bad key it is', () => {
    const parsed: unknown = JSON.parse(
      JSON.stringify(
        file({
          declarations: [declaration({ service: { fr: 'S', PROTO: 'x' } })],
          texts: { PROTO: { fr: 'x' } },
          widget: { consentMode: { PROTO: 'marketing' }, texts: { PROTO: { fr: 'x' } } },
        }),
      ).replaceAll('PROTO', '__proto__'),
    );
    expect(problems(parsed)).toEqual([
      'declarations[0].service.__proto__: unknown field: texts are keyed by two-letter language codes such as fr',
      'texts.__proto__: unknown charter section',
      'widget.consentMode.__proto__: unknown consent type',
      'widget.texts.__proto__: unknown widget text',
    ]);
  });

  it('speaks French too', () => {
    expect(problems(file({ url: 'https://data.paris.fr' }), 'fr')).toEqual([
      expect.stringMatching(/^url : .*data\.paris\.fr.*opendata\.paris\.fr/),
    ]);
  });

  it('is the JSON Schema’s source, with its declarations and categories as $defs', () => {
    expect(portalFileSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Galette portal file',
      additionalProperties: false,
      required: ['format', 'id', 'name', 'url', 'declarations'],
      properties: { declarations: { items: { $ref: '#/$defs/declaration' } } },
      $defs: {
        declaration: { additionalProperties: false, properties: { name: { maxLength: 256 } } },
        category: { required: ['id', 'label', 'description'] },
      },
    });
  });
});
