import { SUPPORTED_LANGUAGES, type LocalizedText, type PortalFile } from '@galette/core';
import { lines, optional } from './form-text.js';

/** The general settings as the form holds them: texts as typed, languages as ticked. */
export interface GeneralForm {
  readonly name: string;
  readonly url: string;
  /** One origin per line. */
  readonly origins: string;
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
}

/** Field names of the form, which are also their paths in the portal file. */
export const GENERAL_FIELDS = ['name', 'url', 'origins', 'languages', 'defaultLanguage'] as const;

/** Languages offered: those Galette has catalogs for (the portal file refuses others). */
export const EDITOR_LANGUAGES: readonly string[] = SUPPORTED_LANGUAGES;

export function generalFormOf(file: PortalFile): GeneralForm {
  const origins = file.origins ?? [];
  return {
    name: file.name,
    url: file.url,
    // The default (the address's own origin) is shown as such: empty, so that it follows a
    // change of address instead of staying behind as a declared origin.
    origins: isDefaultOrigins(origins, file.url) ? '' : origins.join('\n'),
    languages: [...(file.languages ?? [])],
    defaultLanguage: file.defaultLanguage ?? '',
  };
}

/**
 * The portal file with the general settings of `form`. A language taken off the portal takes
 * its translations with it (declarations, categories, charter and widget texts), since the
 * portal file refuses texts in languages the portal does not publish; the diff shows them gone.
 */
export function applyGeneralForm(file: PortalFile, form: GeneralForm): PortalFile {
  const origins = lines(form.origins);
  const languages = [...new Set(form.languages.map((l) => l.trim()).filter((l) => l !== ''))];
  const kept = languages.length > 0 ? languages : [...(file.languages ?? [])];
  const keep = (t: LocalizedText): LocalizedText =>
    Object.fromEntries(Object.entries(t).filter(([lang]) => kept.includes(lang)));
  // Overrides left with no language fall back to Galette's texts rather than stay empty.
  const keepAll = <K extends string>(texts: Partial<Record<K, LocalizedText>>) =>
    Object.fromEntries(
      Object.entries<LocalizedText | undefined>(texts)
        .map(([id, t]) => [id, keep(t ?? {})] as const)
        .filter(([, t]) => Object.keys(t).length > 0),
    );
  const widgetTexts = file.widget?.texts;
  return {
    ...file,
    name: optional(form.name) as string,
    url: optional(form.url) as string,
    // Left empty: the portal file's default, the address's own origin.
    origins: origins.length > 0 ? origins : undefined,
    languages: languages.length > 0 ? languages : [],
    defaultLanguage: optional(form.defaultLanguage) as string,
    categories: file.categories?.map((c) => ({
      ...c,
      label: keep(c.label),
      description: keep(c.description),
    })),
    declarations: file.declarations.map((d) => ({
      ...d,
      service: keep(d.service),
      purpose: keep(d.purpose),
    })),
    texts: file.texts ? keepAll(file.texts) : undefined,
    ...(file.widget
      ? {
          widget: {
            ...file.widget,
            ...(widgetTexts ? { texts: keepAll(widgetTexts) } : {}),
          },
        }
      : {}),
  };
}

/**
 * The languages `form` takes off the portal and how many texts go with them (declarations'
 * services and purposes, categories' labels and descriptions, charter and banner texts): what
 * the editor asks to confirm before saving, since nothing but a former revision brings them back.
 */
export function languagesTakenOff(
  file: PortalFile,
  form: GeneralForm,
): { readonly languages: readonly string[]; readonly texts: number } {
  const ticked = form.languages.map((l) => l.trim()).filter((l) => l !== '');
  if (ticked.length === 0) return { languages: [], texts: 0 };
  const languages = (file.languages ?? []).filter((l) => !ticked.includes(l));
  const count = (t: LocalizedText | undefined) =>
    Object.keys(t ?? {}).filter((lang) => languages.includes(lang)).length;
  let texts = 0;
  for (const d of file.declarations) texts += count(d.service) + count(d.purpose);
  for (const c of file.categories ?? []) texts += count(c.label) + count(c.description);
  for (const t of Object.values<LocalizedText | undefined>(file.texts ?? {})) texts += count(t);
  for (const t of Object.values<LocalizedText | undefined>(file.widget?.texts ?? {})) {
    texts += count(t);
  }
  return { languages, texts };
}

function isDefaultOrigins(origins: readonly string[], url: string): boolean {
  if (origins.length !== 1) return origins.length === 0;
  try {
    return origins[0] === new URL(url).origin;
  } catch {
    return false;
  }
}
