import { BUILTIN_CATEGORY_IDS } from './categories.js';
import { didYouMean, fieldPath, type FieldChecker } from './field-checker.js';
import { readLocalized, type LanguageContext } from './portal-file-declarations.js';
import {
  COOKIE_DOMAIN,
  COOKIE_DOMAIN_PATTERN,
  LANGUAGE_PATTERN,
  PORTAL_FILE_LIMITS,
  URL_PATTERN,
} from './portal-file-limits.js';
import type { LocalizedText } from './portal.js';
import {
  accentColorProblem,
  CONSENT_MODE_TYPES,
  CONTROL_POSITIONS,
  MAX_CONSENT_MONTHS,
  WIDGET_TEXT_IDS,
  WIDGET_THEMES,
  type ConsentModeType,
  type WidgetSettings,
  type WidgetTextId,
} from './widget-settings.js';

const FIELDS = [
  'theme',
  'accentColor',
  'consentMonths',
  'cookieDomain',
  'control',
  'consentMode',
  'charterUrl',
  'charterInFrame',
  'texts',
] as const;
const URL_RE = new RegExp(URL_PATTERN);

/**
 * Reads the `widget` key of a portal file into `WidgetSettings`, reporting every problem to
 * `c`: a button colour without contrast on the chosen theme, a consent lifetime over 13 months,
 * a Consent Mode mapping to an unknown category… Returns undefined when absent or invalid.
 */
export function readWidgetSettings(
  c: FieldChecker,
  value: unknown,
  langs: LanguageContext,
  customCategoryIds: readonly string[],
): WidgetSettings | undefined {
  const obj = c.object(value, 'widget');
  if (!obj) return undefined;
  const before = c.errors.length;
  const at = (key: string) => fieldPath('widget', key);
  c.fields(obj, 'widget', FIELDS, []);

  const theme = c.oneOf(obj.theme, at('theme'), WIDGET_THEMES);
  const accentColor = c.string(obj.accentColor, at('accentColor'), { max: 7 });
  const colourProblem = accentColor && accentColorProblem(accentColor, theme ?? 'neutral');
  if (colourProblem) c.add(at('accentColor'), colourProblem.code, colourProblem.params);

  const months = obj.consentMonths;
  if (
    months !== undefined &&
    !(
      Number.isInteger(months) &&
      (months as number) >= 1 &&
      (months as number) <= MAX_CONSENT_MONTHS
    )
  ) {
    c.add(at('consentMonths'), 'not_a_month_count', { max: MAX_CONSENT_MONTHS });
  }
  const cookieDomain = c.string(obj.cookieDomain, at('cookieDomain'), { max: 253 });
  if (cookieDomain !== undefined && !COOKIE_DOMAIN.test(cookieDomain)) {
    c.add(at('cookieDomain'), 'not_a_cookie_domain');
  }
  const control = c.oneOf(obj.control, at('control'), CONTROL_POSITIONS);
  const charterUrl = c.string(obj.charterUrl, at('charterUrl'), { max: PORTAL_FILE_LIMITS.url });
  if (charterUrl !== undefined && !URL_RE.test(charterUrl)) {
    c.add(at('charterUrl'), 'not_an_http_url');
  }

  const charterInFrame = c.boolean(obj.charterInFrame, at('charterInFrame'));

  let consentMode: WidgetSettings['consentMode'];
  if (typeof obj.consentMode === 'boolean') consentMode = obj.consentMode;
  else if (obj.consentMode !== undefined) {
    const mapping = c.object(obj.consentMode, at('consentMode'));
    const known = [...BUILTIN_CATEGORY_IDS, ...customCategoryIds];
    const out: Partial<Record<ConsentModeType, string>> = {};
    for (const [type, category] of Object.entries(mapping ?? {})) {
      const path = fieldPath(at('consentMode'), type);
      if (!(CONSENT_MODE_TYPES as readonly string[]).includes(type)) {
        c.add(path, 'unknown_consent_type', didYouMean(type, CONSENT_MODE_TYPES));
      } else if (typeof category !== 'string' || !known.includes(category)) {
        c.add(path, 'not_a_portal_category', { categories: known.join(', ') });
      } else {
        out[type as ConsentModeType] = category;
      }
    }
    consentMode = out;
  }

  const textsObj = c.object(obj.texts, at('texts'));
  let texts: Partial<Record<WidgetTextId, LocalizedText>> | undefined;
  if (textsObj) {
    texts = {};
    for (const [id, text] of Object.entries(textsObj)) {
      const path = fieldPath(at('texts'), id);
      if (!(WIDGET_TEXT_IDS as readonly string[]).includes(id)) {
        c.add(path, 'unknown_widget_text', didYouMean(id, WIDGET_TEXT_IDS));
        continue;
      }
      const localized = readLocalized(c, text, path, langs, { max: 1000, multiline: false });
      if (localized) texts[id as WidgetTextId] = localized;
    }
  }

  if (c.errors.length > before) return undefined;
  return {
    ...(theme && { theme }),
    ...(accentColor && { accentColor: accentColor.toLowerCase() }),
    ...(months !== undefined && { consentMonths: months as number }),
    ...(cookieDomain && { cookieDomain }),
    ...(control && { control }),
    ...(consentMode !== undefined && { consentMode }),
    ...(charterUrl && { charterUrl }),
    ...(charterInFrame !== undefined && { charterInFrame }),
    ...(texts && { texts }),
  };
}

const localizedText = {
  type: 'object',
  minProperties: 1,
  propertyNames: { type: 'string', pattern: LANGUAGE_PATTERN },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 1000 },
};

/** JSON Schema of the `widget` key of a portal file (see `readWidgetSettings`). */
export const widgetSettingsSchema = {
  description: 'How the consent widget looks and behaves. Default: Galette’s defaults.',
  type: 'object',
  additionalProperties: false,
  properties: {
    theme: { description: 'Default: neutral.', enum: [...WIDGET_THEMES] },
    accentColor: {
      description: 'Button colour, #rrggbb, at least 3:1 against the banner.',
      type: 'string',
      pattern: '^#[0-9a-fA-F]{6}$',
    },
    consentMonths: {
      description: 'How long a choice is kept before asking again. Default: 6.',
      type: 'integer',
      minimum: 1,
      maximum: MAX_CONSENT_MONTHS,
    },
    cookieDomain: {
      description: 'Domain of the consent cookie, to share it between sub-domains.',
      type: 'string',
      maxLength: 253,
      pattern: COOKIE_DOMAIN_PATTERN,
    },
    control: {
      description: 'Where the persistent "Manage cookies" button sits. Default: left.',
      enum: [...CONTROL_POSITIONS],
    },
    consentMode: {
      description: 'Google Consent Mode v2: false, true (default mapping) or type → category.',
      oneOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(CONSENT_MODE_TYPES.map((t) => [t, { type: 'string' }])),
        },
      ],
    },
    charterUrl: {
      description: 'The charter the widget links to, {lang} replaced. Default: Galette’s page.',
      type: 'string',
      maxLength: PORTAL_FILE_LIMITS.url,
      pattern: URL_PATTERN,
    },
    charterInFrame: {
      description:
        'true: the portal’s own pages (its url and origins) may show Galette’s charter page in an iframe. Default false: the page refuses to be framed.',
      type: 'boolean',
    },
    texts: {
      description: 'Operator wording of widget texts, per text and language.',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(WIDGET_TEXT_IDS.map((id) => [id, localizedText])),
    },
  },
};
