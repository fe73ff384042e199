import { describe, expect, it } from 'vitest';
import { parseConsentSubmission } from './consent-submission.js';
import { ValidationError, type FieldError } from './errors.js';
import {
  fieldError,
  formatFieldError,
  localizeFieldError,
  type FieldErrorCode,
} from './field-error.js';
import { PORTAL_FILE_FORMAT, parsePortalFile } from './portal-file.js';
import { safeParseShape } from './shape/parse-shape.js';
import { shapeError } from './shape/zod-field-errors.js';
import { z } from 'zod';

const declaration = (over: Record<string, unknown> = {}) => ({
  provider: 'Opendatasoft',
  service: { fr: 'Authentification' },
  name: 'sessionid',
  purpose: { fr: 'Se souvenir de l’utilisateur' },
  category: 'necessary',
  ...over,
});
const portalFile = (over: Record<string, unknown> = {}) => ({
  format: PORTAL_FILE_FORMAT,
  id: 'opendata.paris.fr',
  name: 'Paris Data',
  url: 'https://opendata.paris.fr',
  declarations: [declaration()],
  ...over,
});
const submission = {
  eventId: 'evt_0123456789abcdef',
  consentId: '0mit4g0ywAAECAwQFBgcICQoLDA0ODw',
  revision: `sha256:${'a'.repeat(64)}`,
  choices: { statistics: true },
  action: 'custom',
  source: 'banner',
  lang: 'fr',
};

function caught(run: () => unknown): readonly FieldError[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e.errors;
    throw e;
  }
  return [];
}
const portal = (over: Record<string, unknown>) => () =>
  caught(() => parsePortalFile(portalFile(over)));
const widget = (settings: Record<string, unknown>) => portal({ widget: settings });
const consent = (over: Record<string, unknown>) => () =>
  caught(() => parseConsentSubmission({ ...submission, ...over }, ['necessary', 'statistics']));
const shape = (schema: z.ZodType, input: unknown) => () => {
  const result = safeParseShape(schema, input);
  return result.ok ? [] : result.errors;
};

/**
 * One way to make each reader emit each code, with the English text it had before codes
 * existed. Typed over every code, so a new code without a case does not compile.
 */
const CASES: Readonly<Record<FieldErrorCode, { errors: () => readonly FieldError[]; en: string }>> =
  {
    not_an_object: { errors: portal({ texts: [] }), en: 'must be an object' },
    not_a_json_object: {
      errors: () => caught(() => parsePortalFile([])),
      en: 'must be a JSON object',
    },
    unknown_field: {
      errors: portal({ declarations: [declaration({ categroy: 'x' })] }),
      en: 'unknown field (did you mean "category"?)',
    },
    required: { errors: portal({ name: undefined }), en: 'is required' },
    not_a_string: { errors: portal({ name: 42 }), en: 'must be a string' },
    empty: { errors: portal({ name: '  ' }), en: 'must not be empty' },
    too_long: {
      errors: shape(z.object({ x: z.string().max(3) }), { x: 'abcd' }),
      en: 'must be at most 3 characters long (it has 4)',
    },
    control_characters: {
      errors: portal({ declarations: [declaration({ purpose: { fr: 'a\u0000b' } })] }),
      en: 'must not contain control characters',
    },
    not_single_line: {
      errors: portal({ name: 'a\nb' }),
      en: 'must be a single line of text',
    },
    not_an_array: { errors: portal({ origins: 'x' }), en: 'must be an array' },
    too_many_items: {
      errors: shape(z.object({ x: z.array(z.number()).max(2) }), { x: [1, 2, 3] }),
      en: 'must have at most 2 items (it has 3)',
    },
    too_few_items: {
      errors: shape(z.object({ x: z.array(z.number()).min(2) }), { x: [1] }),
      en: 'must have at least 2 items',
    },
    not_a_boolean: {
      errors: portal({ declarations: [declaration({ consentExempt: 'yes' })] }),
      en: 'must be true or false',
    },
    must_be_one_of: {
      errors: portal({ declarations: [declaration({ party: 3 })] }),
      en: 'must be one of "first", "third"',
    },
    not_one_of: {
      errors: portal({ declarations: [declaration({ party: 'thrid' })] }),
      en: '"thrid" is not one of "first", "third" (did you mean "third"?)',
    },
    listed_twice: { errors: portal({ languages: ['fr', 'fr'] }), en: '"fr" is listed twice' },
    // Generic codes of shapes defined with zod (back-office forms and admin API bodies).
    not_offered: {
      errors: shape(z.object({ every: z.enum(['0', '7'], shapeError('not_offered')) }), {
        every: '3',
      }),
      en: 'Choose one of the values offered.',
    },
    not_a_number: {
      errors: shape(z.object({ n: z.number() }), { n: '1' }),
      en: 'must be a number',
    },
    below_minimum: {
      errors: shape(z.object({ n: z.int().min(2) }), { n: 1 }),
      en: 'must be at least 2',
    },
    above_maximum: {
      errors: shape(z.object({ n: z.int().max(9) }), { n: 10 }),
      en: 'must be at most 9',
    },
    too_short: {
      errors: shape(z.object({ password: z.string().min(12) }), { password: 'short' }),
      en: 'must be at least 12 characters long',
    },
    invalid_format: {
      errors: shape(z.object({ code: z.string().regex(/^\d{6}$/) }), { code: '12' }),
      en: 'does not have the expected form',
    },
    not_an_email: {
      errors: shape(z.object({ email: z.email() }), { email: 'x@' }),
      en: 'must be an email address such as agent@example.org',
    },
    invalid_value: {
      errors: shape(z.object({ a: z.string().refine(() => false) }), { a: 'x' }),
      en: 'invalid value',
    },

    not_a_hex_colour: {
      errors: widget({ accentColor: 'red' }),
      en: 'must be a colour written #rrggbb',
    },
    low_contrast: {
      errors: widget({ accentColor: '#fafafa' }),
      en: 'contrast with the banner background #ffffff is 1.04:1; buttons need at least 4.5:1 to be seen (choose a darker colour)',
    },
    not_a_month_count: {
      errors: widget({ consentMonths: 14 }),
      en: 'must be a whole number of months from 1 to 13',
    },
    not_a_cookie_domain: {
      errors: widget({ cookieDomain: 'paris fr' }),
      en: 'must be a domain such as .paris.fr',
    },
    not_an_http_url: {
      errors: widget({ charterUrl: 'ftp://x.fr' }),
      en: 'must be an http or https address',
    },
    unknown_consent_type: {
      errors: widget({ consentMode: { ad_storag: 'marketing' } }),
      en: 'unknown consent type (did you mean "ad_storage"?)',
    },
    not_a_portal_category: {
      errors: widget({ consentMode: { ad_storage: 'video' } }),
      en: "must be one of the portal's categories (necessary, statistics, preferences, marketing)",
    },
    unknown_widget_text: {
      errors: widget({ texts: { acceptAl: { fr: 'Oui' } } }),
      en: 'unknown widget text (did you mean "acceptAll"?)',
    },

    not_a_language_key: {
      errors: portal({ declarations: [declaration({ purpose: { fr: 'x', french: 'y' } })] }),
      en: 'unknown field: texts are keyed by two-letter language codes such as fr',
    },
    not_a_portal_language: {
      errors: portal({ languages: ['fr', 'en'], defaultLanguage: 'de' }),
      en: '"de" is not one of the portal\'s languages (fr, en)',
    },
    missing_default_text: {
      errors: portal({ declarations: [declaration({ purpose: { en: 'x' } })] }),
      en: 'must have a text in the default language "fr"',
    },
    builtin_category: {
      errors: portal({
        categories: [{ id: 'marketing', label: { fr: 'M' }, description: { fr: 'M' } }],
      }),
      en: '"marketing" is a built-in category; choose another id',
    },
    reserved_category: {
      errors: portal({
        categories: [{ id: 'audience', label: { fr: 'A' }, description: { fr: 'A' } }],
      }),
      en: '"audience" is reserved for consent-exempt audience measurement; choose another id',
    },
    bad_category_id: {
      errors: portal({
        categories: [{ id: 'Video', label: { fr: 'V' }, description: { fr: 'V' } }],
      }),
      en: '"Video" must start with a lowercase letter followed by up to 31 a-z, 0-9, _ or -',
    },
    duplicate_category: {
      errors: portal({
        categories: [
          { id: 'video', label: { fr: 'V' }, description: { fr: 'V' } },
          { id: 'video', label: { fr: 'V' }, description: { fr: 'V' } },
        ],
      }),
      en: 'category "video" is defined twice',
    },
    duplicate_declaration: {
      errors: portal({ declarations: [declaration(), declaration()] }),
      en: '"sessionid" is already declared at declarations[0] with the same category and storage',
    },
    unknown_category: {
      errors: portal({ declarations: [declaration({ category: 'marketting' })] }),
      en: 'unknown category "marketting" (did you mean "marketing"?)',
    },
    bad_lifetime: {
      errors: portal({ declarations: [declaration({ lifetime: '13 months' })] }),
      en: '"13 months" is not "session" or an ISO 8601 duration longer than zero, such as P13M',
    },
    not_a_domain: {
      errors: portal({ declarations: [declaration({ domain: 'Paris.fr' })] }),
      en: '"Paris.fr" is not a lowercase domain such as .paris.fr or youtube.com',
    },
    not_exemptable: {
      errors: portal({ declarations: [declaration({ consentExempt: true })] }),
      en: 'only statistics can be consent-exempt, not "necessary"',
    },
    not_a_host_name: {
      errors: portal({ declarations: [declaration({ hosts: ['WWW.youtube.com'] })] }),
      en: '"WWW.youtube.com" is not a lowercase host name such as www.youtube.com',
    },
    bare_wildcard: {
      errors: portal({ declarations: [declaration({ name: '*' })] }),
      en: 'must not be a bare wildcard: name the cookie, e.g. _pk_id.*',
    },
    bad_cookie_name: {
      errors: portal({ declarations: [declaration({ name: 'a b' })] }),
      en: '"a b" is not a valid cookie name (letters, digits and !#$%&\'*+-.^_`|~)',
    },

    wrong_format: { errors: portal({ format: 'galette/0' }), en: 'must be "galette.portal/1"' },
    no_catalog_language: {
      errors: portal({ languages: ['fr', 'de'] }),
      en: 'Galette has no charter and widget texts in "de" (available languages: fr, en)',
    },
    not_a_language_code: {
      errors: portal({ languages: ['EN'] }),
      en: '"EN" is not a two-letter lowercase language code such as fr',
    },
    not_a_portal_id: {
      errors: portal({ id: 'Paris Data' }),
      en: 'must be a host name such as opendata.paris.fr',
    },
    url_has_credentials: {
      errors: portal({ url: 'https://user:pw@opendata.paris.fr' }),
      en: 'must not contain a user name or password',
    },
    not_a_portal_url: {
      errors: portal({ url: 'ftp://opendata.paris.fr' }),
      en: 'must be an http or https address such as https://opendata.paris.fr',
    },
    url_host_mismatch: {
      errors: portal({ url: 'https://data.paris.fr' }),
      en: 'host "data.paris.fr" must be the portal id "opendata.paris.fr"',
    },
    not_an_origin: {
      errors: portal({ origins: ['https://opendata.paris.fr/'] }),
      en: '"https://opendata.paris.fr/" is not an origin such as https://opendata.paris.fr (no path, no final /)',
    },
    unknown_charter_section: {
      errors: portal({ texts: { contcat: { fr: 'x' } } }),
      en: 'unknown charter section (did you mean "contact"?)',
    },

    expected_json_object: {
      errors: () => caught(() => parseConsentSubmission([], [])),
      en: 'expected a JSON object',
    },
    missing: {
      errors: () => caught(() => parseConsentSubmission({}, [])),
      en: 'required',
    },
    expected_string: { errors: consent({ eventId: 12 }), en: 'expected a string, got number' },
    no_pattern_match: {
      errors: consent({ eventId: 'short' }),
      en: 'does not match ^[A-Za-z0-9_-]{16,64}$',
    },
    not_a_consent_id: {
      errors: consent({ consentId: 'cid_0123456789abcdefghij' }),
      en: 'must be a consent id as the widget makes them: 9 base-36 characters of time, then 22 base64url characters (128 random bits)',
    },
    no_choices: { errors: consent({ choices: {} }), en: 'must hold at least one category' },
    expected_one_of: {
      errors: consent({ source: 'popup' }),
      en: 'expected one of banner, preferences, gpc, api',
    },
    expected_language_tag: {
      errors: consent({ lang: 'français' }),
      en: 'expected a language tag such as fr or en-GB',
    },
    expected_object: { errors: consent({ choices: [] }), en: 'expected an object, got array' },
    too_many_choices: {
      errors: consent({
        choices: Object.fromEntries([...Array(65).keys()].map((i) => [`c${i}`, true])),
      }),
      en: 'at most 64 categories',
    },
    unknown_choice: { errors: consent({ choices: { marketing: true } }), en: 'unknown category' },
    expected_boolean: {
      errors: consent({ choices: { statistics: 'yes' } }),
      en: 'expected a boolean, got string',
    },
    necessary_refused: {
      errors: consent({ choices: { necessary: false } }),
      en: 'necessary cookies cannot be refused',
    },
    contradicts_action: {
      errors: consent({ action: 'reject_all', choices: { statistics: true } }),
      en: 'contradicts action reject_all',
    },

    // Emitted by the CLI when it reads an export back (checked there by its own test).
    not_json: { errors: () => [fieldError('line 2', 'not_json')], en: 'not JSON' },
    not_a_record: { errors: () => [fieldError('line 2', 'not_a_record')], en: 'not a record' },
    wrong_field_count: {
      errors: () => [fieldError('line 2', 'wrong_field_count', { columns: 14 })],
      en: 'expected 14 fields',
    },
    choices_not_json: {
      errors: () => [fieldError('line 2', 'choices_not_json')],
      en: 'choices: not JSON',
    },
    other_portal: {
      errors: () => [fieldError('line 9', 'other_portal', { portal: 'a.fr', expected: 'b.fr' })],
      en: 'portal a.fr, not b.fr',
    },
    // Checked by the server against what the portal published (consent and statistics routes).
    revision_not_published: {
      errors: () => [fieldError('revision', 'revision_not_published', { portalId: 'a.fr' })],
      en: 'this revision was never published for portal "a.fr"',
    },
    language_not_published: {
      errors: () => [
        fieldError('lang', 'language_not_published', { portalId: 'a.fr', languages: 'fr' }),
      ],
      en: 'portal "a.fr" does not publish in this language (published languages: fr)',
    },
    not_a_day: {
      errors: () => [fieldError('from', 'not_a_day')],
      en: 'must be a date written YYYY-MM-DD',
    },
    period_reversed: {
      errors: () => [fieldError('to', 'period_reversed', { from: '2026-03-02', to: '2026-03-01' })],
      en: 'the period runs from 2026-03-02 to 2026-03-01: its end comes before its start',
    },
    period_too_long: {
      errors: () => [fieldError('from', 'period_too_long', { max: 366 })],
      en: 'period too long: 366 days at most',
    },
    password_too_short: {
      errors: () => [fieldError('password', 'password_too_short', { min: 12 })],
      en: 'must be at least 12 characters long',
    },
    wrong_password: {
      errors: () => [fieldError('currentPassword', 'wrong_password')],
      en: 'current password is wrong',
    },
    wrong_totp_code: {
      errors: () => [fieldError('code', 'wrong_totp_code')],
      en: 'wrong, expired or already used code: type the six-digit code the app shows now',
    },
    not_a_totp_secret: {
      errors: () => [fieldError('secret', 'not_a_totp_secret')],
      en: 'invalid key: 32 characters from A to Z and 2 to 7',
    },
    role_needs_portal: {
      errors: () => [fieldError('portal', 'role_needs_portal', { role: 'editor' })],
      en: 'the editor role is granted on at least one portal (--portal)',
    },
    admin_takes_no_portal: {
      errors: () => [fieldError('portal', 'admin_takes_no_portal')],
      en: 'the admin role covers every portal: name no portal',
    },
    unknown_portal: {
      errors: () => [fieldError('portal', 'unknown_portal', { value: 'x.fr' })],
      en: 'no portal "x.fr"',
    },
    not_a_token_name: {
      errors: () => [fieldError('name', 'not_a_token_name')],
      en: 'must be 1 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit',
    },
    bad_duration: {
      errors: () => [fieldError('expires', 'bad_duration', { value: '90 days' })],
      en: '"90 days" is not an ISO 8601 duration such as P90D',
    },
  };

describe('field errors', () => {
  for (const [code, { errors, en }] of Object.entries(CASES)) {
    it(`${code}: the English catalog text is the message, and French exists`, () => {
      const error = errors().find((e) => e.code === code);
      expect(error, `no ${code} among ${JSON.stringify(errors())}`).toBeDefined();
      expect(error!.message).toBe(en);
      expect(localizeFieldError(error!, 'en')).toBe(en);
      const fr = localizeFieldError(error!, 'fr');
      expect(fr).not.toBe(en);
      expect(fr).not.toMatch(/\{\w+\}|validation\./);
    });
  }

  it('formats the issue example in French and in English', () => {
    const [error] = portal({
      declarations: [declaration(), declaration({ name: 'x', category: 'marketting' })],
    })();
    expect(formatFieldError(error!)).toBe(
      'declarations[1].category: unknown category "marketting" (did you mean "marketing"?)',
    );
    expect(formatFieldError(error!, 'en')).toBe(formatFieldError(error!));
    expect(formatFieldError(error!, 'fr')).toBe(
      'declarations[1].category : catégorie inconnue « marketting » (vouliez-vous dire « marketing » ?)',
    );
  });

  it('quotes lists and picks the singular in the reader’s language', () => {
    const [oneOf] = portal({ declarations: [declaration({ party: 3 })] })();
    expect(localizeFieldError(oneOf!, 'fr')).toBe('doit valoir « first », « third »');
    const one = fieldError('origins', 'too_few_items', { count: 1 });
    expect(one.message).toBe('must have at least 1 item');
    expect(localizeFieldError(one, 'fr')).toBe('doit avoir au moins 1 élément');
  });

  it('keeps the message of an error written already localized', () => {
    const error = { path: 'to', message: 'jour invalide' };
    expect(localizeFieldError(error, 'en')).toBe('jour invalide');
    expect(formatFieldError(error, 'fr')).toBe('to : jour invalide');
    expect(formatFieldError({ path: '', message: 'x' }, 'fr')).toBe('x');
  });
});
