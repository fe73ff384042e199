import { CHARTER_SECTION_IDS } from '@galette/core';
import { z } from '@hono/zod-openapi';
import { categoryFields } from './category-form.js';
import { declarationFields } from './declaration-form.js';
import { widgetFields } from './widget-form.js';

/*
 * The draft editor's forms as posted. A shape names and bounds the fields a form has (some
 * depend on the portal's languages: `service.fr`, `purpose.en`, so those shapes are built per
 * languages) and refuses any other; what the fields must hold is the portal file's rule, checked
 * by its validator on save with the file's own paths and messages, so it is not repeated here.
 */

/**
 * A text field. The bound is above every limit of the portal file (20 000 characters for a
 * charter text), so that the file's validator still names a text too long as it always has,
 * and below the console's 64 KiB body.
 */
const text = z.string().max(50_000).default('');
/** A hidden field naming a row: its number when shown, or its identity (`key`, `was`). */
const rowRef = z.string().max(2_000).default('');

/** The draft version the form was shown with: a positive integer, or absent (then stale). */
export const seenVersion = z.coerce.number().int().positive().optional();

/** A form of one text per field name (checkboxes among them read as booleans). */
function textForm(names: readonly string[], checkboxes: readonly string[] = []) {
  return Object.fromEntries(
    names.map((name) => [name, checkboxes.includes(name) ? z.boolean() : text]),
  ) as Record<string, typeof text | z.ZodBoolean>;
}

/** General settings (`…/edit/general`): `languages` is a checkbox group. */
export const generalFormShape = z.strictObject({
  version: seenVersion,
  name: text,
  url: text,
  origins: text,
  languages: z.array(z.string().max(100)).max(100),
  defaultLanguage: text,
  /** The languages whose texts the operator agreed to delete, as the page asked. */
  confirmLanguages: z.string().max(1_000).default(''),
});

/** The declarations table's buttons (`…/edit/declarations`): `up:3:<identity>` or fields. */
export const declarationsFormShape = z.strictObject({
  version: seenVersion,
  action: rowRef,
  row: rowRef,
  key: rowRef,
  confirm: z.string().max(10).default(''),
});

/** One declaration (`…/edit/declaration`), edited (`row`), copied (`after`) or new. */
export function declarationFormShape(languages: readonly string[]) {
  return z.strictObject({
    version: seenVersion,
    row: rowRef,
    after: rowRef,
    key: rowRef,
    ...textForm(declarationFields(languages), ['consentExempt']),
  });
}

/** One custom category (`…/edit/categories`), edited (`row`, `was`) or new. */
export function categoryFormShape(languages: readonly string[]) {
  return z.strictObject({
    version: seenVersion,
    row: rowRef,
    was: rowRef,
    ...textForm(categoryFields(languages)),
  });
}

/** A category's removal (`…/edit/categories/remove`). */
export const removeCategoryFormShape = z.strictObject({
  version: seenVersion,
  row: rowRef,
  was: rowRef,
});

/** The charter's texts in one language (`…/edit/texts`, `in`). */
export const textsFormShape = z.strictObject({
  version: seenVersion,
  in: z.string().max(100).default(''),
  ...textForm(CHARTER_SECTION_IDS),
});

/** The widget settings (`…/edit/widget`). */
export function widgetFormShape(languages: readonly string[]) {
  return z.strictObject({
    version: seenVersion,
    ...textForm(widgetFields(languages), ['charterInFrame']),
  });
}

/** The version a refused form was shown with, when it sent one its shape takes. */
export function versionOf(values: Readonly<Record<string, string>>): number | undefined {
  const read = seenVersion.safeParse(values.version);
  return read.success ? read.data : undefined;
}

/**
 * A section's form as its page holds it (`Record<string, string>`, a ticked checkbox `on`) from
 * the value its shape read, for the form's `fields`.
 */
export function textFormOf(
  value: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, string> {
  const form: Record<string, string> = {};
  for (const name of fields) {
    const v = value[name];
    form[name] = v === true ? 'on' : typeof v === 'string' ? v : '';
  }
  return form;
}
