import { z } from 'zod';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from '../i18n/supported-languages.js';
import { CHARTER_SECTION_IDS, type Lang } from '../portal.js';
import {
  HOST_NAME,
  HTTP_URL,
  LANGUAGE,
  ORIGIN,
  PORTAL_FILE_LIMITS as LIMITS,
} from '../portal-file-limits.js';
import { shapeError, shapeIssue } from '../shape/zod-field-errors.js';
import { WIDGET_THEMES, type WidgetTheme } from '../widget-settings.js';
import { categoriesShape } from './category-shape.js';
import { declarationsShape } from './declaration-shape.js';
import { localizedShape, type LanguageContext } from './localized-shape.js';
import { firstProblem } from '../shape/first-problem.js';
import { coded, keyedRecord, lineText, textShape, uniqueStrings, valueParam } from './shape-kit.js';
import { widgetSettingsShape } from './widget-settings-shape.js';

/** Value of the `format` key of every portal file this version reads and writes. */
export const PORTAL_FILE_FORMAT = 'galette.portal/1';
export const DEFAULT_LANGUAGES: readonly Lang[] = ['fr', 'en'];

/**
 * What the fields of a portal file are checked against, read from the file itself before it is
 * checked (with the same definitions): its id (the url's host), languages, default language,
 * custom category ids and widget theme. A value that is bad there is `undefined`, and what
 * depends on it is not checked, so one mistake is reported once.
 */
export interface PortalFileContext extends LanguageContext {
  readonly id: string | undefined;
  readonly categoryIds: readonly string[];
  readonly theme: WidgetTheme;
  /** See `ParsePortalFileOptions.keptAccentColor`. */
  readonly keptAccentColor?: string;
}

const idShape = lineText(253)
  .regex(HOST_NAME, coded('not_a_portal_id'))
  .meta({ description: 'The portal host name, e.g. opendata.paris.fr.' });

const languagesShape = uniqueStrings(
  (text) =>
    text
      .regex(LANGUAGE, coded('not_a_language_code', valueParam))
      // A language without catalogs would be published with French around its texts.
      .refine(
        isSupportedLanguage,
        coded('no_catalog_language', (value) => ({
          value: value as string,
          languages: SUPPORTED_LANGUAGES.join(', '),
        })),
      ),
  { min: 1, max: LIMITS.languages },
).meta({ description: 'Languages the portal publishes. Default: ["fr", "en"].' });

function defaultLanguageShape(languages: readonly Lang[] | undefined, documented: boolean) {
  if (documented) return lineText(2).regex(LANGUAGE);
  const text = textShape(2);
  if (!languages) return text;
  return text.refine(
    (lang) => languages.includes(lang),
    coded('not_a_portal_language', (value) => ({
      value: value as string,
      languages: languages.join(', '),
    })),
  );
}

function urlShape(id: string | undefined) {
  const url = lineText(LIMITS.url)
    // The pattern refuses what the URL parser would quietly repair (`HTTPS:`, `https:host`, spaces).
    .regex(HTTP_URL, {
      ...firstProblem,
      error: (issue) => {
        const text = issue.input as string;
        const parsed = URL.canParse(text) ? new URL(text) : undefined;
        return shapeError(
          parsed && (parsed.username || parsed.password)
            ? 'url_has_credentials'
            : 'not_a_portal_url',
        ).error();
      },
    })
    .refine((text) => URL.canParse(text), coded('not_a_portal_url'));
  if (id === undefined) return url;
  return url.superRefine((text, ctx) => {
    const host = new URL(text).hostname;
    if (host !== id) ctx.addIssue(shapeIssue('url_host_mismatch', { host, id }));
  }, firstProblem);
}

/**
 * The portal file (`docs/portal-file.md`) as one zod definition: given the `context` read from
 * a file, it checks that file (`parsePortalFile`); without one, it describes every portal file
 * (`portalFileSchema`, the OpenAPI components), where the rules relating fields to each other
 * (known categories, default language present, url host = id, duplicate names) are not stated.
 */
export function portalFileShape(context?: PortalFileContext) {
  const documented = context === undefined;
  const origin = (text: z.ZodString) =>
    text
      .regex(ORIGIN, coded('not_an_origin', valueParam))
      .refine((value) => new URL(value).origin === value, coded('not_an_origin', valueParam));
  return z
    .strictObject({
      format: z
        .literal(PORTAL_FILE_FORMAT, {
          error: coded('wrong_format', () => ({ format: PORTAL_FILE_FORMAT })).error,
        })
        .meta({ description: 'Format and version of this file.' }),
      id: idShape,
      name: textShape(LIMITS.name).meta({ description: 'Display name, e.g. Paris Data.' }),
      url: urlShape(context?.id).meta({
        description: 'Public http(s) address of the portal; its host must be the id.',
      }),
      origins: uniqueStrings(origin, { min: 1, max: LIMITS.origins }).optional().meta({
        description:
          'Origins allowed to embed the widget and send consents. Default: the url origin.',
      }),
      languages: languagesShape.optional(),
      defaultLanguage: defaultLanguageShape(context?.languages, documented).optional().meta({
        description: 'One of languages. Default: fr when listed, else the first language.',
      }),
      categories: categoriesShape(context, documented)
        .optional()
        .meta({ description: 'Categories added to the built-in ones. Default: none.' }),
      declarations: declarationsShape(
        context,
        context && { known: context.categoryIds },
        documented,
      ).meta({ description: 'The cookies and storage keys the portal uses.' }),
      texts: keyedRecord(
        CHARTER_SECTION_IDS,
        localizedShape(context, { max: LIMITS.text, multiline: true }),
        'unknown_charter_section',
      )
        .optional()
        .meta({
          description: 'Overrides of charter sections, per section and language. Default: none.',
        }),
      widget: widgetSettingsShape(
        context,
        context && { known: context.categoryIds },
        context && {
          theme: context.theme,
          ...(context.keptAccentColor && { keptAccentColor: context.keptAccentColor }),
        },
      ).optional(),
    })
    .meta({
      title: 'Galette portal file',
      description: 'One portal of a Galette deployment: its declared cookies and charter texts.',
    });
}

/** Reads the context of `file` (a JSON object) with the definitions of its fields. */
export function portalFileContext(
  file: Readonly<Record<string, unknown>>,
  keptAccentColor?: string,
): PortalFileContext {
  const id = idShape.safeParse(file.id).success ? (file.id as string) : undefined;
  const languages =
    file.languages === undefined
      ? DEFAULT_LANGUAGES
      : languagesShape.safeParse(file.languages).data;
  let defaultLanguage: Lang | undefined;
  if (file.defaultLanguage === undefined) {
    defaultLanguage = languages && (languages.includes('fr') ? 'fr' : languages[0]);
  } else if (languages) {
    defaultLanguage = defaultLanguageShape(languages, false).safeParse(file.defaultLanguage).data;
  }
  const widget = file.widget as { theme?: unknown } | null | undefined;
  const theme = WIDGET_THEMES.find((t) => typeof widget === 'object' && widget?.theme === t);
  return {
    id,
    languages,
    defaultLanguage,
    categoryIds: customCategoryIds(file.categories),
    theme: theme ?? 'neutral',
    ...(keptAccentColor && { keptAccentColor: keptAccentColor.toLowerCase() }),
  };
}

function customCategoryIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((cat: unknown) => {
    const id = cat !== null && typeof cat === 'object' ? (cat as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}
