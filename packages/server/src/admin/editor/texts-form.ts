import { CHARTER_SECTION_IDS, type LocalizedText, type PortalFile } from '@galette/core';

/** The charter's texts in one language as their form holds them: section id → override. */
export type TextsForm = Readonly<Record<string, string>>;

/** Field names: the section ids, in the charter's order. */
export const TEXT_FIELDS: readonly string[] = CHARTER_SECTION_IDS;

export function textsFormOf(file: PortalFile, lang: string): TextsForm {
  const form: Record<string, string> = {};
  for (const id of CHARTER_SECTION_IDS) form[id] = file.texts?.[id]?.[lang] ?? '';
  return form;
}

/**
 * The file with the overrides of `lang` from `form`: a text left blank removes the override
 * (Galette's default applies again), the other languages' texts are kept. Line breaks are kept
 * as typed (paragraphs are separated by blank lines in the charter).
 */
export function applyTextsForm(file: PortalFile, lang: string, form: TextsForm): PortalFile {
  const texts: Record<string, LocalizedText> = { ...(file.texts ?? {}) };
  for (const id of CHARTER_SECTION_IDS) {
    const value = (form[id] ?? '').replace(/\r\n?/g, '\n').trim();
    const others = Object.fromEntries(
      Object.entries(texts[id] ?? {}).filter(([key]) => key !== lang),
    );
    const next = value === '' ? others : { ...others, [lang]: value };
    if (Object.keys(next).length === 0) delete texts[id];
    else texts[id] = next;
  }
  return { ...file, texts };
}
