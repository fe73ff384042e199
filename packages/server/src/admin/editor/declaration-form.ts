import type { PortalFile, PortalFileDeclaration } from '@galette/core';
import { lines, optional, shown } from './form-text.js';

/**
 * One declaration as its form holds it: each field by its path in the declaration
 * (`provider`, `service.fr`, `purpose.en`, `consentExempt`…), texts as typed.
 */
export type DeclarationForm = Readonly<Record<string, string>>;

const SINGLE = ['provider', 'name', 'category', 'lifetime', 'party', 'domain', 'storage'] as const;

/** The form's field names for a portal publishing `languages`, in the order shown. */
export function declarationFields(languages: readonly string[]): string[] {
  return [
    'provider',
    ...languages.map((l) => `service.${l}`),
    'name',
    ...languages.map((l) => `purpose.${l}`),
    'category',
    'lifetime',
    'party',
    'domain',
    'storage',
    'consentExempt',
    'hosts',
  ];
}

/** An empty row: the defaults of the portal file (first party, cookie, no category yet). */
export function newDeclarationForm(languages: readonly string[]): DeclarationForm {
  return declarationFormOf(
    {
      provider: '',
      service: {},
      name: '',
      purpose: {},
      category: 'necessary',
      party: 'first',
      storage: 'cookie',
    },
    languages,
  );
}

export function declarationFormOf(
  d: PortalFileDeclaration,
  languages: readonly string[],
): DeclarationForm {
  const form: Record<string, string> = {
    provider: d.provider,
    name: d.name,
    category: d.category,
    lifetime: shown(d.lifetime),
    party: d.party ?? 'first',
    domain: shown(d.domain),
    storage: d.storage ?? 'cookie',
    consentExempt: d.consentExempt === true ? 'on' : '',
    hosts: (d.hosts ?? []).join('\n'),
  };
  for (const lang of languages) {
    form[`service.${lang}`] = shown(d.service[lang]);
    form[`purpose.${lang}`] = shown(d.purpose[lang]);
  }
  return form;
}

/**
 * The declaration of the portal file `form` describes. Blank optional fields are left out (the
 * file's defaults apply), blank required ones too (the file then names them as required);
 * translations left blank are left out, and the file asks for the default language's.
 */
export function declarationOfForm(
  form: DeclarationForm,
  languages: readonly string[],
): PortalFileDeclaration {
  const localized = (field: 'service' | 'purpose') => {
    const out: Record<string, string> = {};
    for (const lang of languages) {
      const value = optional(form[`${field}.${lang}`] ?? '');
      if (value !== undefined) out[lang] = value;
    }
    return out;
  };
  const single: Record<string, string | undefined> = {};
  for (const name of SINGLE) single[name] = optional(form[name] ?? '');
  const hosts = lines(form.hosts ?? '');
  return {
    ...single,
    service: localized('service'),
    purpose: localized('purpose'),
    ...(form.consentExempt ? { consentExempt: true } : {}),
    ...(hosts.length > 0 ? { hosts } : {}),
  } as PortalFileDeclaration;
}

/**
 * The file with `declaration` at `row` (replacing it), or inserted after row `after`, or added
 * at the end when neither is given.
 */
export function putDeclaration(
  file: PortalFile,
  declaration: PortalFileDeclaration,
  place: { readonly row?: number; readonly after?: number },
): PortalFile {
  const list = [...file.declarations];
  if (place.row !== undefined) list[place.row] = declaration;
  else if (place.after !== undefined) list.splice(place.after + 1, 0, declaration);
  else list.push(declaration);
  return { ...file, declarations: list };
}

export type RowAction = 'up' | 'down' | 'remove';
export const ROW_ACTIONS: readonly RowAction[] = ['up', 'down', 'remove'];

/** The file with row `row` moved one place up or down, or removed; unchanged at the edges. */
export function moveDeclaration(file: PortalFile, row: number, action: RowAction): PortalFile {
  const list = [...file.declarations];
  if (action === 'remove') list.splice(row, 1);
  else {
    const to = action === 'up' ? row - 1 : row + 1;
    if (to < 0 || to >= list.length) return file;
    [list[row], list[to]] = [list[to]!, list[row]!];
  }
  return { ...file, declarations: list };
}

/** A row number sent by a form, as a hint: where the row was in the version the form shows. */
export function rowHint(value: string): number | undefined {
  return /^\d{1,5}$/.test(value) ? Number(value) : undefined;
}

/**
 * A table button's `action`: `up:3:<identity>` (what, the row's number when shown, and the
 * row's identity, which may itself hold colons).
 */
export function rowActionOf(value: string): { action: string; hint?: number; identity: string } {
  const [action = '', row = '', ...identity] = value.split(':');
  const hint = rowHint(row);
  return { action, identity: identity.join(':'), ...(hint === undefined ? {} : { hint }) };
}

/** A row number sent by a form, when it names a row of `file`. */
export function rowOf(value: string, file: PortalFile): number | undefined {
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const row = Number(value);
  return row < file.declarations.length ? row : undefined;
}
