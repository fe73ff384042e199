import { BUILTIN_CATEGORY_IDS } from './categories.js';
import { CHARTER_SECTION_IDS } from './portal.js';
import { PARTIES, STORAGES } from './portal-file-declarations.js';
import {
  COOKIE_DOMAIN_PATTERN,
  COOKIE_NAME_PATTERN,
  CUSTOM_CATEGORY_ID_PATTERN,
  HOST_NAME_PATTERN,
  LANGUAGE_PATTERN,
  ORIGIN_PATTERN,
  PORTAL_FILE_LIMITS as LIMITS,
  RESERVED_CATEGORY_IDS,
  URL_PATTERN,
} from './portal-file-limits.js';
import { PORTAL_FILE_FORMAT } from './portal-file.js';
import { widgetSettingsSchema } from './widget-settings-file.js';

/** Not blank, and no control characters at all. */
const SINGLE_LINE = '^(?!\\s*$)[^\\u0000-\\u001f\\u007f]*$';
/** Not blank; line feeds, carriage returns and tabs allowed. */
const MULTI_LINE = '^(?!\\s*$)[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';
/**
 * `session` or an ISO 8601 duration in Y, M, W, D, H, M, S with at least one figure, a fraction
 * only on the last one and never on years or months (see `lifetime.ts`; a zero length is
 * refused by the import, which a pattern cannot say).
 */
const LIFETIME =
  '^(?:session|P(?=\\d|T\\d)(?!.*[.,]\\d+[A-Z].*\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+(?:[.,]\\d+)?W)?(?:\\d+(?:[.,]\\d+)?D)?(?:T(?=\\d)(?:\\d+(?:[.,]\\d+)?H)?(?:\\d+(?:[.,]\\d+)?M)?(?:\\d+(?:[.,]\\d+)?S)?)?)$';

const text = (maxLength: number, multiline = false) => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: multiline ? MULTI_LINE : SINGLE_LINE,
});

const localized = (description: string, maxLength: number, multiline = false) => ({
  description: `${description} Keyed by language code; the default language is required.`,
  type: 'object',
  minProperties: 1,
  propertyNames: { type: 'string', pattern: LANGUAGE_PATTERN },
  additionalProperties: text(maxLength, multiline),
});

const hostName = { type: 'string', maxLength: 253, pattern: HOST_NAME_PATTERN };

/**
 * JSON Schema (draft 2020-12) of the portal file, for editors and other tools; also shipped as
 * `packages/core/schema/portal.schema.json`. It states shapes, patterns and caps; the rules that
 * relate fields to each other (known categories, default language present, url host = id,
 * duplicate names) are checked by `parsePortalFile` only.
 */
export const portalFileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Galette portal file',
  description: 'One portal of a Galette deployment: its declared cookies and charter texts.',
  type: 'object',
  required: ['format', 'id', 'name', 'url', 'declarations'],
  additionalProperties: false,
  properties: {
    format: { description: 'Format and version of this file.', const: PORTAL_FILE_FORMAT },
    id: { description: 'The portal host name, e.g. opendata.paris.fr.', ...hostName },
    name: { description: 'Display name, e.g. Paris Data.', ...text(LIMITS.name) },
    url: {
      description: 'Public http(s) address of the portal; its host must be the id.',
      type: 'string',
      maxLength: LIMITS.url,
      pattern: URL_PATTERN,
    },
    origins: {
      description:
        'Origins allowed to embed the widget and send consents. Default: the url origin.',
      type: 'array',
      minItems: 1,
      maxItems: LIMITS.origins,
      uniqueItems: true,
      items: { type: 'string', maxLength: LIMITS.url, pattern: ORIGIN_PATTERN },
    },
    languages: {
      description: 'Languages the portal publishes. Default: ["fr", "en"].',
      type: 'array',
      minItems: 1,
      maxItems: LIMITS.languages,
      uniqueItems: true,
      items: { type: 'string', pattern: LANGUAGE_PATTERN },
    },
    defaultLanguage: {
      description: 'One of languages. Default: fr when listed, else the first language.',
      type: 'string',
      pattern: LANGUAGE_PATTERN,
    },
    categories: {
      description: 'Categories added to the built-in ones. Default: none.',
      type: 'array',
      maxItems: LIMITS.categories,
      items: { $ref: '#/$defs/category' },
    },
    declarations: {
      description: 'The cookies and storage keys the portal uses.',
      type: 'array',
      maxItems: LIMITS.declarations,
      items: { $ref: '#/$defs/declaration' },
    },
    texts: {
      description: 'Overrides of charter sections, per section and language. Default: none.',
      type: 'object',
      propertyNames: { type: 'string', enum: [...CHARTER_SECTION_IDS] },
      additionalProperties: localized('Text of one charter section.', LIMITS.text, true),
    },
    widget: widgetSettingsSchema,
  },
  $defs: {
    category: {
      type: 'object',
      required: ['id', 'label', 'description'],
      additionalProperties: false,
      properties: {
        id: {
          description: 'Lowercase id, other than the built-in ones and audience.',
          type: 'string',
          pattern: CUSTOM_CATEGORY_ID_PATTERN,
          not: { enum: [...BUILTIN_CATEGORY_IDS, ...RESERVED_CATEGORY_IDS] },
        },
        label: localized('Name shown to visitors.', LIMITS.categoryLabel),
        description: localized('What the category is for.', LIMITS.categoryDescription, true),
      },
    },
    declaration: {
      type: 'object',
      required: ['provider', 'service', 'name', 'purpose', 'category'],
      additionalProperties: false,
      properties: {
        provider: { description: 'Who operates the tracker.', ...text(LIMITS.provider) },
        service: localized('Service and location that use it.', LIMITS.service),
        name: {
          description: 'Cookie or storage key name; * matches any run of characters.',
          ...text(LIMITS.declarationName),
          not: { pattern: '^\\*+$' },
        },
        purpose: localized('What it is used for.', LIMITS.purpose, true),
        category: {
          description: 'necessary, statistics, preferences, marketing or a custom category id.',
          type: 'string',
          pattern: CUSTOM_CATEGORY_ID_PATTERN,
        },
        lifetime: {
          description:
            'session, or an ISO 8601 duration longer than zero such as P13M, P1W, PT36H or PT1S. Omit when unknown.',
          type: 'string',
          pattern: LIFETIME,
        },
        party: { description: 'Default: first.', enum: [...PARTIES] },
        domain: {
          description: 'Cookie domain when it differs from the portal host, e.g. .paris.fr.',
          type: 'string',
          maxLength: LIMITS.domain,
          pattern: COOKIE_DOMAIN_PATTERN,
        },
        storage: { description: 'Default: cookie.', enum: [...STORAGES] },
        consentExempt: {
          description: 'Statistics only: exempt audience measurement under the CNIL conditions.',
          type: 'boolean',
        },
        hosts: {
          description: 'Hosts whose scripts and frames set this tracker.',
          type: 'array',
          maxItems: LIMITS.hosts,
          uniqueItems: true,
          items: hostName,
        },
      },
      allOf: [
        {
          if: { properties: { storage: { const: 'cookie' } } },
          then: { properties: { name: { type: 'string', pattern: COOKIE_NAME_PATTERN } } },
        },
        {
          if: { properties: { consentExempt: { const: true } }, required: ['consentExempt'] },
          then: { properties: { category: { const: 'statistics' } } },
        },
      ],
    },
  },
} as const;
