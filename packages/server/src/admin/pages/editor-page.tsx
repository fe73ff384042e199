import type { PortalFileDeclaration } from '@galette/core';
import type { EditorConflict } from '../editor/save-section.js';
import { NO_ERRORS, type EditorErrors } from '../editor/editor-errors.js';
import { EDITOR_LANGUAGES, type GeneralForm } from '../editor/general-form.js';
import { declarationIdentity } from '../editor/row-identity.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import {
  Checkbox,
  ConflictAlert,
  EditorErrorSummary,
  EditorNav,
  SavedNotice,
  TextArea,
  VersionField,
  categoryLabel,
  declarationLabel,
  editorBase,
  langName,
  storageLabel,
} from './editor-parts.js';
import { CsrfField, Field, Select } from './form-parts.js';
import { PortalLinks } from './revisions-page.js';

export interface EditorPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  /** The draft version the forms carry. */
  readonly version: number;
  /** The general settings as shown: the draft's, or as typed when refused. */
  readonly general: GeneralForm;
  /** The declarations of the draft (or of the refused save), in order. */
  readonly declarations: readonly PortalFileDeclaration[];
  readonly defaultLanguage: string;
  readonly errors?: EditorErrors;
  readonly conflict?: EditorConflict;
  readonly saved?: string;
  /** Languages the general form takes off, with how many texts: to confirm before saving. */
  /** A declaration the table's « Retirer » names, to confirm before it is removed. */
  readonly confirmRemove?: { readonly row: number; readonly name: string; readonly key: string };
  readonly confirmLanguages?: { readonly languages: readonly string[]; readonly texts: number };
}

/**
 * The draft editor's first page: general settings, then the declarations as a table (edit,
 * duplicate, move, remove; each row shows its errors). Every form carries the draft version it
 * was shown with; nothing is saved without a submit.
 */
export function EditorPage(props: EditorPageProps) {
  const { frame, portal, general, declarations } = props;
  const { t } = frame;
  const errors = props.errors ?? NO_ERRORS;
  const base = editorBase(portal.id);
  const title = t('editor.title', { portal: portal.name });
  const label = (field: string) => t(`editor.general.${field as 'name'}`);
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <EditorNav portalId={portal.id} current="general" t={t} />
      <SavedNotice t={t} saved={props.saved} />
      {props.conflict ? <ConflictAlert conflict={props.conflict} frame={frame} /> : null}
      <EditorErrorSummary
        t={t}
        errors={errors}
        label={label}
        rowName={(row) => declarations[row]?.name ?? ''}
        portalId={portal.id}
      />
      {props.confirmRemove ? <ConfirmRemove {...props} confirm={props.confirmRemove} /> : null}
      <p>{t('editor.intro')}</p>
      <section class="galette-section" aria-labelledby="general-heading">
        <h2 id="general-heading">{t('editor.general.heading')}</h2>
        {props.confirmLanguages ? (
          <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
            <h3 class="fr-alert__title">{t('editor.general.confirmTitle')}</h3>
            <p>
              {t('editor.general.confirmText', {
                languages: props.confirmLanguages.languages.map((l) => langName(t, l)).join(', '),
                count: props.confirmLanguages.texts,
              })}
            </p>
          </div>
        ) : null}
        <form method="post" action={`${base}/general`}>
          <CsrfField token={frame.csrfToken} />
          <VersionField version={props.version} />
          {props.confirmLanguages ? (
            <input
              type="hidden"
              name="confirmLanguages"
              value={props.confirmLanguages.languages.join(' ')}
            />
          ) : null}
          <Field
            name="name"
            label={label('name')}
            value={general.name}
            errors={errors.fields}
            required
          />
          <Field
            name="url"
            label={label('url')}
            hint={t('editor.general.urlHint', { id: portal.id })}
            value={general.url}
            errors={errors.fields}
            required
          />
          <TextArea
            name="origins"
            label={label('origins')}
            hint={t('editor.general.originsHint')}
            value={general.origins}
            errors={errors.fields}
          />
          <fieldset
            class={`fr-fieldset${errors.fields.languages ? ' fr-fieldset--error' : ''}`}
            id="languages"
            aria-labelledby="languages-legend"
            {...(errors.fields.languages ? { 'aria-describedby': 'languages-error' } : {})}
            tabindex={-1}
          >
            <legend class="fr-fieldset__legend" id="languages-legend">
              {label('languages')}
            </legend>
            {EDITOR_LANGUAGES.map((lang) => (
              <div class="fr-fieldset__element">
                <Checkbox
                  name="languages"
                  id={`languages-${lang}`}
                  value={lang}
                  label={t(`editor.language.${lang as 'fr'}`)}
                  checked={general.languages.includes(lang)}
                />
              </div>
            ))}
            {errors.fields.languages ? (
              <p class="fr-error-text" id="languages-error">
                {errors.fields.languages}
              </p>
            ) : null}
          </fieldset>
          <Select
            name="defaultLanguage"
            label={label('defaultLanguage')}
            value={general.defaultLanguage}
            errors={errors.fields}
            options={EDITOR_LANGUAGES.map((lang) => ({
              value: lang,
              label: t(`editor.language.${lang as 'fr'}`),
            }))}
          />
          <button type="submit" class="fr-btn">
            {props.conflict
              ? t('editor.overwrite')
              : props.confirmLanguages
                ? t('editor.general.confirmSubmit')
                : t('editor.general.submit')}
          </button>
        </form>
      </section>
      <DeclarationTable {...props} errors={errors} />
    </ConsoleLayout>
  );
}

/** « Retirer » asked once more: nothing but a former revision brings a removed row back. */
function ConfirmRemove(
  props: EditorPageProps & { confirm: NonNullable<EditorPageProps['confirmRemove']> },
) {
  const { frame, portal, confirm } = props;
  const { t } = frame;
  const base = editorBase(portal.id);
  return (
    <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
      <h2 class="fr-alert__title">
        {t('editor.declarations.confirmRemoveTitle', {
          number: confirm.row + 1,
          name: confirm.name,
        })}
      </h2>
      <p>{t('editor.declarations.confirmRemoveText')}</p>
      <form method="post" action={`${base}/declarations`}>
        <CsrfField token={frame.csrfToken} />
        <VersionField version={props.version} />
        <input type="hidden" name="confirm" value="1" />
        <ul class="galette-actions">
          <li>
            <button
              type="submit"
              class="fr-btn"
              name="action"
              value={`remove:${confirm.row}:${confirm.key}`}
            >
              {t('editor.declarations.confirmRemove')}
            </button>
          </li>
          <li>
            <a class="fr-link" href={`${base}#row-${confirm.row}`}>
              {t('editor.cancel')}
            </a>
          </li>
        </ul>
      </form>
    </div>
  );
}

function DeclarationTable(props: EditorPageProps & { errors: EditorErrors }) {
  const { frame, portal, declarations, errors } = props;
  const { t } = frame;
  const base = editorBase(portal.id);
  const text = (value: Readonly<Record<string, string>>) =>
    value[props.defaultLanguage] ?? Object.values(value)[0] ?? '';
  // Translated once, not per row: the table may hold hundreds of declarations.
  const words = {
    edit: t('editor.declarations.edit'),
    duplicate: t('editor.declarations.duplicate'),
    up: t('editor.declarations.up'),
    down: t('editor.declarations.down'),
    remove: t('editor.declarations.remove'),
    none: t('console.none'),
    exempt: t('editor.declaration.exemptShort'),
    first: t('editor.party.first'),
    third: t('editor.party.third'),
  };
  const categories = new Map(declarations.map((d) => [d.category, categoryLabel(t, d.category)]));
  const storages = new Map(
    declarations.map((d) => [d.storage ?? 'cookie', storageLabel(t, d.storage)]),
  );
  return (
    <section class="galette-section" aria-labelledby="declarations-heading">
      <h2 id="declarations-heading">{t('editor.declarations.heading')}</h2>
      <p>{t('editor.declarations.intro')}</p>
      <p>
        <a class="fr-btn fr-btn--secondary" href={`${base}/declaration`}>
          {t('editor.declarations.add')}
        </a>
      </p>
      {declarations.length === 0 ? (
        <p>{t('editor.declarations.none')}</p>
      ) : (
        // One form for the table's move and remove buttons (each names its action and row), so
        // that hundreds of rows do not each repeat a form, its token and the draft version.
        <form method="post" action={`${base}/declarations`}>
          <CsrfField token={frame.csrfToken} />
          <VersionField version={props.version} />
          <div class="fr-table galette-table-wrap">
            <table>
              <caption>{t('editor.declarations.caption', { count: declarations.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('editor.declaration.name')}</th>
                  <th scope="col">{t('editor.declaration.provider')}</th>
                  <th scope="col">{t('editor.declarations.service')}</th>
                  <th scope="col">{t('editor.declaration.category')}</th>
                  <th scope="col">{t('editor.declaration.lifetime')}</th>
                  <th scope="col">{t('editor.declarations.kind')}</th>
                  <th scope="col">{t('editor.declarations.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {declarations.map((d, i) => {
                  const rowErrors = errors.rows.get(i);
                  // Buttons and links say what they do; the row's name describes them.
                  const about = { 'aria-describedby': `n${i}` };
                  // The buttons name the row by identity too: `i` may be another row by the
                  // time they are pressed.
                  const key = declarationIdentity(d);
                  return (
                    <tr id={`row-${i}`} {...(rowErrors ? { class: 'galette-row-error' } : {})}>
                      <td>{String(i + 1)}</td>
                      <th scope="row">
                        <code id={`n${i}`}>{d.name}</code>
                        {rowErrors ? (
                          <ul class="fr-error-text galette-plain-list">
                            {rowErrors.map((e) => (
                              <li>
                                {e.path
                                  ? t('editor.errors.field', {
                                      field: declarationLabel(t, e.path),
                                      message: e.message,
                                    })
                                  : e.message}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </th>
                      <td>{d.provider}</td>
                      <td>{text(d.service)}</td>
                      <td>{categories.get(d.category)}</td>
                      <td>{d.lifetime ?? words.none}</td>
                      <td>
                        {words[d.party ?? 'first']}, {storages.get(d.storage ?? 'cookie')}
                        {d.consentExempt ? (
                          <>
                            <br />
                            {words.exempt}
                          </>
                        ) : null}
                      </td>
                      <td class="galette-row-actions">
                        <a class="fr-link" href={`${base}/declaration?row=${i}`} {...about}>
                          {words.edit}
                        </a>{' '}
                        <a class="fr-link" href={`${base}/declaration?copy=${i}`} {...about}>
                          {words.duplicate}
                        </a>{' '}
                        <button
                          class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
                          name="action"
                          value={`up:${i}:${key}`}
                          {...about}
                          {...(i === 0 ? { disabled: true } : {})}
                        >
                          {words.up}
                        </button>
                        <button
                          class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
                          name="action"
                          value={`down:${i}:${key}`}
                          {...about}
                          {...(i === declarations.length - 1 ? { disabled: true } : {})}
                        >
                          {words.down}
                        </button>
                        <button
                          class="fr-btn fr-btn--sm fr-btn--tertiary"
                          name="action"
                          value={`remove:${i}:${key}`}
                          {...about}
                        >
                          {words.remove}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </form>
      )}
    </section>
  );
}
