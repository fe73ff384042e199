import { localizeFieldError, type FieldError } from '@galette/core';
import { fieldNameOf } from '../console-forms.js';

/** An error the form has no field for, shown with its portal file path. */
export interface PathError {
  readonly path: string;
  readonly message: string;
}

/** A refused save's errors, sorted for the page that shows them. */
export interface EditorErrors {
  /** Form field name → its first message, in the order the errors came. */
  readonly fields: Readonly<Record<string, string>>;
  /** Errors of declarations, by row index (path relative to the row: `purpose.en`). */
  readonly rows: ReadonlyMap<number, readonly PathError[]>;
  /** What belongs to no field of this form and no row. */
  readonly others: readonly PathError[];
}

export const NO_ERRORS: EditorErrors = { fields: {}, rows: new Map(), others: [] };

const ROW = /^declarations\[(\d+)\](?:\.(.*))?$/;

/**
 * Sorts the portal file's errors (paths like `declarations[2].purpose.en`, messages in `lang`
 * from the validation catalog) onto a form: a path under `prefix` goes beside the form field of
 * the same name (field names are paths relative to the section: `purpose.en`, `origins`,
 * `consentMode.ad_storage`), or of the nearest enclosing one (`origins[2]` → `origins`); a
 * missing default-language text goes beside that language's field. Declarations' errors the
 * form has no field for are kept per row; the rest is listed by path.
 */
export function editorErrors(
  errors: readonly FieldError[],
  lang: string,
  form: { readonly prefix: string; readonly fields: readonly string[] },
): EditorErrors {
  const fields: Record<string, string> = {};
  const rows = new Map<number, PathError[]>();
  const others: PathError[] = [];
  for (const error of errors) {
    const message = localizeFieldError(error, lang);
    const field = fieldOf(error, form);
    if (field !== undefined) {
      fields[field] ??= message;
      continue;
    }
    const row = ROW.exec(error.path);
    if (row) {
      const index = Number(row[1]);
      const list = rows.get(index) ?? [];
      // A missing default-language text names its language, as the form's field does.
      const lang = error.params?.lang;
      const inLang = error.code === 'missing_default_text' && typeof lang === 'string';
      list.push({ path: `${row[2] ?? ''}${inLang && row[2] ? `.${lang}` : ''}`, message });
      rows.set(index, list);
      continue;
    }
    others.push({ path: error.path, message });
  }
  return { fields, rows, others };
}

function fieldOf(
  error: FieldError,
  form: { readonly prefix: string; readonly fields: readonly string[] },
): string | undefined {
  const { prefix } = form;
  let path = error.path;
  if (prefix !== '') {
    if (path === prefix) return form.fields[0];
    if (!path.startsWith(`${prefix}.`)) return undefined;
    path = path.slice(prefix.length + 1);
  }
  const lang = error.params?.lang;
  if (error.code === 'missing_default_text' && typeof lang === 'string') {
    path = `${path}.${lang}`;
  }
  if (form.fields.includes(path)) return path;
  const inside = form.fields.find((f) => f.startsWith(`${path}.`));
  if (inside !== undefined) return inside;
  let best: string | undefined;
  for (const f of form.fields) {
    if ((path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) && f.length > (best?.length ?? 0)) {
      best = f;
    }
  }
  return best;
}

/** The number of errors to announce. */
export function errorCount(errors: EditorErrors): number {
  let rows = 0;
  for (const list of errors.rows.values()) rows += list.length;
  return Object.keys(errors.fields).length + rows + errors.others.length;
}

/**
 * A form refused by its shape, sorted like a refused save: a problem of one of the form's
 * `fields` beside it, the rest (a field the form does not have, a hidden field) listed by
 * the field's name.
 */
export function shapeErrors(
  problems: readonly FieldError[],
  lang: string,
  fields: readonly string[],
): EditorErrors {
  const named: Record<string, string> = {};
  const others: PathError[] = [];
  for (const problem of problems) {
    const name = fieldNameOf(problem.path);
    const message = localizeFieldError(problem, lang);
    if (problem.code !== 'unknown_field' && fields.includes(name)) named[name] ??= message;
    else others.push({ path: name, message });
  }
  return { fields: named, rows: new Map(), others };
}
