import { z } from 'zod';
import { BUILTIN_CATEGORY_IDS } from '../categories.js';
import { didYouMean } from '../did-you-mean.js';
import {
  COOKIE_DOMAIN,
  HEX_COLOUR,
  HTTP_URL,
  PORTAL_FILE_LIMITS as LIMITS,
} from '../portal-file-limits.js';
import { shapeError, shapeIssue } from '../shape/zod-field-errors.js';
import {
  accentColorProblem,
  CONSENT_MODE_TYPES,
  CONTROL_POSITIONS,
  MAX_CONSENT_MONTHS,
  WIDGET_TEXT_IDS,
  WIDGET_THEMES,
  type WidgetTheme,
} from '../widget-settings.js';
import { localizedShape, type LanguageContext } from './localized-shape.js';
import type { CategoryContext } from './declaration-shape.js';
import { firstProblem } from '../shape/first-problem.js';
import { coded, keyedRecord, lineText, reportingProtoKey } from './shape-kit.js';

/** What the widget settings are checked against when a file is read. */
export interface WidgetContext {
  /** The theme the accent colour must contrast with (the default one when the theme is bad). */
  readonly theme: WidgetTheme;
  /** An accent colour already saved, still accepted from 3:1 (`parsePortalFile`'s option). */
  readonly keptAccentColor?: string;
}

const months = coded('not_a_month_count', () => ({ max: MAX_CONSENT_MONTHS }));

/** The `widget` key of a portal file: how the consent widget looks and behaves. */
export function widgetSettingsShape(
  langs: LanguageContext | undefined,
  categories: CategoryContext | undefined,
  widget: WidgetContext | undefined,
) {
  const hex = lineText(7).regex(HEX_COLOUR, coded('not_a_hex_colour'));
  return z
    .strictObject({
      theme: z.enum(WIDGET_THEMES).optional().meta({ description: 'Default: neutral.' }),
      accentColor: (widget
        ? hex.superRefine((colour, ctx) => {
            const problem = accentColorProblem(colour, widget.theme, widget.keptAccentColor);
            if (problem) ctx.addIssue(shapeIssue(problem.code, problem.params));
          }, firstProblem)
        : hex
      )
        .optional()
        .meta({ description: 'Button colour, #rrggbb, at least 4.5:1 against the banner.' }),
      consentMonths: z
        .number(months)
        .int(months)
        .min(1, months)
        .max(MAX_CONSENT_MONTHS, months)
        .optional()
        .meta({ description: 'How long a choice is kept before asking again. Default: 6.' }),
      cookieDomain: lineText(253)
        .regex(COOKIE_DOMAIN, coded('not_a_cookie_domain'))
        .optional()
        .meta({ description: 'Domain of the consent cookie, to share it between sub-domains.' }),
      control: z
        .enum(CONTROL_POSITIONS)
        .optional()
        .meta({ description: 'Where the persistent "Manage cookies" button sits. Default: left.' }),
      consentMode: reportingProtoKey(
        z.union([z.boolean(), consentModeMapping(categories)], {
          error: (issue) =>
            issue.code === 'invalid_union' ? shapeError('not_an_object').error() : undefined,
        }),
        'unknown_consent_type',
        didYouMean('__proto__', CONSENT_MODE_TYPES),
      )
        .optional()
        .meta({
          description: 'Google Consent Mode v2: false, true (default mapping) or type → category.',
        }),
      charterUrl: lineText(LIMITS.url).regex(HTTP_URL, coded('not_an_http_url')).optional().meta({
        description: 'The charter the widget links to, {lang} replaced. Default: Galette’s page.',
      }),
      charterInFrame: z.boolean().optional().meta({
        description:
          'true: the portal’s own pages (its url and origins) may show Galette’s charter page in an iframe. Default false: the page refuses to be framed.',
      }),
      texts: keyedRecord(
        WIDGET_TEXT_IDS,
        localizedShape(langs, { max: 1000 }),
        'unknown_widget_text',
      )
        .optional()
        .meta({ description: 'Operator wording of widget texts, per text and language.' }),
    })
    .meta({
      description: 'How the consent widget looks and behaves. Default: Galette’s defaults.',
    });
}

/**
 * Consent Mode type → category. Every problem is reported at its entry and lets the others be
 * read, so that the union above keeps them rather than refusing the whole value.
 */
function consentModeMapping(categories: CategoryContext | undefined) {
  const known = categories && [...BUILTIN_CATEGORY_IDS, ...categories.known];
  const mapping = z
    .record(z.string(), z.unknown())
    .superRefine((mapping, ctx) => {
      for (const [type, category] of Object.entries(mapping)) {
        if (!(CONSENT_MODE_TYPES as readonly string[]).includes(type)) {
          ctx.addIssue(
            shapeIssue('unknown_consent_type', didYouMean(type, CONSENT_MODE_TYPES), [type]),
          );
        } else if (typeof category !== 'string' || (known && !known.includes(category))) {
          ctx.addIssue(
            shapeIssue('not_a_portal_category', { categories: (known ?? []).join(', ') }, [type]),
          );
        }
      }
    })
    .meta({
      propertyNames: { enum: [...CONSENT_MODE_TYPES] },
      additionalProperties: { type: 'string' },
    });
  return mapping;
}
