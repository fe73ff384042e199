import type { CustomCategory, PortalFile } from '@galette/core';
import { optional, shown } from './form-text.js';

/** A custom category as its form holds it: `id`, `label.<lang>`, `description.<lang>`. */
export type CategoryForm = Readonly<Record<string, string>>;

export function categoryFields(languages: readonly string[]): string[] {
  return ['id', ...languages.map((l) => `label.${l}`), ...languages.map((l) => `description.${l}`)];
}

export function categoryFormOf(category: CustomCategory | undefined, languages: readonly string[]) {
  const form: Record<string, string> = { id: category?.id ?? '' };
  for (const lang of languages) {
    form[`label.${lang}`] = shown(category?.label[lang]);
    form[`description.${lang}`] = shown(category?.description[lang]);
  }
  return form as CategoryForm;
}

function categoryOfForm(form: CategoryForm, languages: readonly string[]): CustomCategory {
  const localized = (field: 'label' | 'description') => {
    const out: Record<string, string> = {};
    for (const lang of languages) {
      const value = optional(form[`${field}.${lang}`] ?? '');
      if (value !== undefined) out[lang] = value;
    }
    return out;
  };
  return {
    id: optional(form.id ?? '') as string,
    label: localized('label'),
    description: localized('description'),
  };
}

/**
 * The file with the category of `form` at `row` (replacing it) or added at the end. A renamed
 * category takes its declarations and its Consent Mode mappings along, so a rename is one save.
 */
export function putCategory(
  file: PortalFile,
  form: CategoryForm,
  row: number | undefined,
): PortalFile {
  const languages = file.languages ?? [];
  const category = categoryOfForm(form, languages);
  const list = [...(file.categories ?? [])];
  const before = row === undefined ? undefined : list[row]?.id;
  if (row === undefined) list.push(category);
  else list[row] = category;
  const renamed = before !== undefined && category.id !== undefined && before !== category.id;
  if (!renamed) return { ...file, categories: list };
  const mode = file.widget?.consentMode;
  return {
    ...file,
    categories: list,
    declarations: file.declarations.map((d) =>
      d.category === before ? { ...d, category: category.id } : d,
    ),
    ...(file.widget && typeof mode === 'object'
      ? {
          widget: {
            ...file.widget,
            consentMode: Object.fromEntries(
              Object.entries(mode).map(([type, id]) => [type, id === before ? category.id : id]),
            ),
          },
        }
      : {}),
  };
}

/** The file without category `row`; declarations still in it are reported by the file. */
export function removeCategory(file: PortalFile, row: number): PortalFile {
  return { ...file, categories: (file.categories ?? []).filter((_, i) => i !== row) };
}

/** A category row number sent by a form, when it names one of `file`. */
export function categoryRowOf(value: string, file: PortalFile): number | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const row = Number(value);
  return row < (file.categories ?? []).length ? row : undefined;
}
