import { BUILTIN_CATEGORY_IDS, type Translator } from '@galette/core';
import type { EditorConflict } from '../editor/save-section.js';
import { declarationFields } from '../editor/declaration-form.js';
import type { EditorErrors } from '../editor/editor-errors.js';
import type { PageFrame } from './console-layout.js';
import { DiffView } from './diff-view.js';
import { describedBy, FieldError, FieldLabel, Notice } from './form-parts.js';
import { Time } from './format.js';

export const editorBase = (portalId: string) =>
  `/admin/portals/${encodeURIComponent(portalId)}/edit`;

/** A language's name in the console's language (`en` → « anglais »); other codes as they are. */
export function langName(t: Translator, lang: string): string {
  return lang === 'fr' || lang === 'en' ? t(`editor.language.${lang}`) : lang;
}

/** The fields of a declaration that are not per language: the form's fields with none. */
const DECLARATION_FIELDS = new Set(declarationFields([]));

/**
 * The label of a declaration's field as its form shows it, from its path in the declaration
 * (`purpose.en` → « Finalité (anglais) », `hosts[2]` → « Hôtes qui le déposent »); a path the
 * form has no field for is shown as it is.
 */
export function declarationLabel(t: Translator, path: string): string {
  const [key = '', lang] = path.replace(/\[\d+\]$/, '').split('.');
  if ((key === 'service' || key === 'purpose') && lang !== undefined) {
    return t(`editor.declaration.${key}In`, { lang: langName(t, lang) });
  }
  if (lang === undefined && DECLARATION_FIELDS.has(key)) {
    return t(`editor.declaration.${key as 'provider'}`);
  }
  return path;
}

/**
 * A refused save's errors as lines of text, for pages that are not the editor's forms (« add
 * to draft »): declarations' errors name the row and the field's label, the others their path.
 */
export function errorLines(
  t: Translator,
  errors: EditorErrors,
  rowName: (row: number) => string,
): string[] {
  const rows = [...errors.rows].sort(([a], [b]) => a - b);
  return [
    ...rows.flatMap(([row, list]) =>
      list.map((e) =>
        t('editor.errors.row', {
          number: row + 1,
          name: rowName(row),
          path: e.path ? declarationLabel(t, e.path) : '—',
          message: e.message,
        }),
      ),
    ),
    ...Object.entries(errors.fields).map(([field, message]) =>
      t('editor.errors.field', { field, message }),
    ),
    ...errors.others.map((e) =>
      e.path ? t('editor.errors.field', { field: e.path, message: e.message }) : e.message,
    ),
  ];
}

/** The category and storage kind of a declaration as the console names them. */
export function categoryLabel(t: Translator, id: string): string {
  return BUILTIN_CATEGORY_IDS.includes(id as 'necessary')
    ? t(`editor.category.${id as 'necessary'}`)
    : id;
}
export function storageLabel(t: Translator, storage: string | undefined): string {
  const kind = storage ?? 'cookie';
  return kind === 'cookie' || kind === 'localStorage' || kind === 'sessionStorage'
    ? t(`editor.storage.${kind}`)
    : kind;
}

/** The editor's sections, linked from each of its pages. */
export type EditorSection = 'general' | 'categories' | 'texts' | 'widget';

export const EDITOR_SECTIONS: readonly { id: EditorSection; path: string }[] = [
  { id: 'general', path: '' },
  { id: 'categories', path: '/categories' },
  { id: 'texts', path: '/texts' },
  { id: 'widget', path: '/widget' },
];

export function EditorNav({
  portalId,
  current,
  t,
}: {
  portalId: string;
  current: EditorSection | undefined;
  t: Translator;
}) {
  return (
    <nav aria-label={t('editor.nav.label')} class="fr-mb-3w">
      <ul class="galette-actions">
        {EDITOR_SECTIONS.map((s) => (
          <li>
            <a
              class="fr-link"
              href={`${editorBase(portalId)}${s.path}`}
              {...(s.id === current ? { 'aria-current': 'page' } : {})}
            >
              {t(`editor.nav.${s.id}`)}
            </a>
          </li>
        ))}
        <li>
          <a class="fr-link" href={`/admin/portals/${encodeURIComponent(portalId)}/diff`}>
            {t('editor.nav.diff')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** Who saved the draft meanwhile, and what this save would change in the draft as it is now. */
export function ConflictAlert({ conflict, frame }: { conflict: EditorConflict; frame: PageFrame }) {
  const { t, lang } = frame;
  return (
    <>
      <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
        <h2 class="fr-alert__title">{t('editor.conflict.title')}</h2>
        <p>{conflict.message}</p>
        <p>
          {t('editor.conflict.by', { by: conflict.savedBy ?? t('console.none') })}{' '}
          <Time lang={lang} iso={conflict.savedAt} />
        </p>
        <p>{t('editor.conflict.kept')}</p>
      </div>
      {conflict.diff ? (
        <section class="galette-section fr-mb-3w" aria-labelledby="conflict-diff">
          <h2 id="conflict-diff" class="fr-h4">
            {t('editor.conflict.diff')}
          </h2>
          <p>{t('editor.conflict.diffHint')}</p>
          <DiffView diff={conflict.diff} t={t} lang={lang} />
        </section>
      ) : null}
    </>
  );
}

/**
 * The errors of a refused save above the form, each a link to its field (RGAA 11.10, 11.11),
 * its label named; errors of declaration rows link to the row, the rest show their path.
 */
export function EditorErrorSummary({
  t,
  errors,
  label,
  idPrefix = '',
  rowName,
  rowHref,
  portalId,
}: {
  t: Translator;
  errors: EditorErrors;
  /** The label of a field of this form. */
  label: (field: string) => string;
  idPrefix?: string;
  /** What names row `i` (its declaration's name), when rows are shown. */
  rowName?: (row: number) => string;
  rowHref?: (row: number) => string;
  /** When given, errors of another section of the editor link to that section's page. */
  portalId?: string;
}) {
  const fields = Object.entries(errors.fields);
  const rows = [...errors.rows].sort(([a], [b]) => a - b);
  if (fields.length + rows.length + errors.others.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="error-summary">
      <h2 class="fr-alert__title">{t('console.form.errorsHeading')}</h2>
      <ul>
        {fields.map(([field, message]) => (
          <li>
            <a href={`#${idPrefix}${field}`}>
              {t('editor.errors.field', { field: label(field), message })}
            </a>
          </li>
        ))}
        {rows.flatMap(([row, list]) =>
          list.map((e) => (
            <li>
              <a href={rowHref ? rowHref(row) : `#row-${row}`}>
                {t('editor.errors.row', {
                  number: row + 1,
                  name: rowName?.(row) ?? '',
                  path: e.path ? declarationLabel(t, e.path) : '—',
                  message: e.message,
                })}
              </a>
            </li>
          )),
        )}
        {errors.others.map((e) => {
          const section = portalId === undefined ? undefined : sectionOf(e.path);
          return (
            <li>
              {section ? (
                <>
                  <a href={`${editorBase(portalId!)}${section.path}`}>
                    {t(`editor.nav.${section.id}`)}
                  </a>{' '}
                  —{' '}
                </>
              ) : null}
              {e.path ? (
                <>
                  <code>{e.path}</code>{' '}
                </>
              ) : null}
              {e.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The editor's section other than the general one a portal file path belongs to, if any. */
function sectionOf(path: string): (typeof EDITOR_SECTIONS)[number] | undefined {
  const top = /^[a-zA-Z]+/.exec(path)?.[0];
  return EDITOR_SECTIONS.find((s) => s.id !== 'general' && s.id === top);
}

/** The notice after a save (`?saved=…`), naming what was saved. */
export function SavedNotice({ t, saved }: { t: Translator; saved: string | undefined }) {
  if (!saved) return null;
  return <Notice>{t(`editor.saved.${saved as 'general'}`)}</Notice>;
}

/** Hidden fields every editor form carries: the draft version it was shown with. */
export function VersionField({ version }: { version: number }) {
  return <input type="hidden" name="version" value={String(version)} />;
}

export interface TextAreaProps {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
  readonly errors?: Readonly<Record<string, string>>;
  readonly rows?: number;
  readonly lang?: string;
}

/** A labelled textarea with hint and error tied by `aria-describedby` (DSFR markup). */
export function TextArea(props: TextAreaProps) {
  const id = props.name;
  const error = props.errors?.[props.name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <FieldLabel id={id} label={props.label} hint={props.hint} />
      <textarea
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        {...(props.lang ? { lang: props.lang } : {})}
        {...describedBy(id, props.hint, error)}
      >
        {props.value}
      </textarea>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** One checkbox with its hint and error. */
export function Checkbox(props: {
  name: string;
  label: string;
  checked: boolean;
  hint?: string;
  value?: string;
  id?: string;
  errors?: Readonly<Record<string, string>>;
}) {
  const id = props.id ?? props.name;
  const error = props.errors?.[props.name];
  return (
    <div class={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? 'on'}
        {...(props.checked ? { checked: true } : {})}
        {...describedBy(id, props.hint, error)}
      />
      <FieldLabel id={id} label={props.label} hint={props.hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}
