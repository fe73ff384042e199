import { z } from 'zod';
import type { Lang } from '../portal.js';
import { LANGUAGE } from '../portal-file-limits.js';
import { shapeError, shapeIssue } from '../shape/zod-field-errors.js';
import { always, reportingProtoKey, textShape } from './shape-kit.js';

/**
 * What a localized text is checked against when a file is read: the portal's languages and
 * default language, each `undefined` when the portal's own field was bad (then nothing is
 * checked against it, so one mistake is reported once). Without it, the shape describes any
 * portal (the JSON Schema).
 */
export interface LanguageContext {
  readonly languages: readonly Lang[] | undefined;
  readonly defaultLanguage: Lang | undefined;
}

export interface TextRule {
  readonly max: number;
  /** Allows line breaks and tabs (purposes, descriptions, charter texts). */
  readonly multiline?: boolean;
}

/** A text per language code: `{ "fr": "…", "en": "…" }`, the default language required. */
export function localizedShape(langs: LanguageContext | undefined, rule: TextRule) {
  const languages = langs?.languages;
  const defaultLanguage = langs?.defaultLanguage;
  const key = z.string().regex(LANGUAGE);
  const shape = z.record(
    languages ? key.refine((lang) => languages.includes(lang)) : key,
    textShape(rule.max, rule.multiline),
    {
      error: (issue) => {
        if (issue.code !== 'invalid_key') return undefined;
        const lang = String(issue.input);
        if (!LANGUAGE.test(lang)) return shapeError('not_a_language_key').error();
        return shapeError('not_a_portal_language', {
          value: lang,
          languages: languages!.join(', '),
        }).error();
      },
    },
  );
  const withDefault =
    defaultLanguage === undefined
      ? shape
      : shape.superRefine((text, ctx) => {
          if (!Object.hasOwn(text, defaultLanguage)) {
            ctx.addIssue(shapeIssue('missing_default_text', { lang: defaultLanguage }));
          }
        }, always('object'));
  return reportingProtoKey(withDefault, 'not_a_language_key').meta({ minProperties: 1 });
}
