import { BUILTIN_CATEGORY_IDS } from '@galette/core';
import type { EditorConflict } from '../editor/save-section.js';
import { NO_ERRORS, type EditorErrors } from '../editor/editor-errors.js';
import type { DeclarationForm } from '../editor/declaration-form.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import {
  categoryLabel,
  Checkbox,
  ConflictAlert,
  declarationLabel,
  editorBase,
  EditorErrorSummary,
  EditorNav,
  storageLabel,
  TextArea,
  VersionField,
} from './editor-parts.js';
import { CsrfField, Field, Select } from './form-parts.js';

export interface DeclarationPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly version: number;
  readonly languages: readonly string[];
  readonly customCategories: readonly string[];
  /**
   * Where the row goes: replacing row N, after row N (a copy), or at the end; `key` is the
   * identity of that row N, by which the save finds it again (N is only a hint).
   */
  readonly place: { readonly row?: number; readonly after?: number; readonly key?: string };
  readonly form: DeclarationForm;
  readonly errors?: EditorErrors;
  readonly conflict?: EditorConflict;
}

/**
 * One declaration's form: every field of the portal file's declarations, one text per
 * language for the service and the purpose. Errors sit beside their fields and in a summary.
 */
export function DeclarationPage(props: DeclarationPageProps) {
  const { frame, portal, form, place, languages } = props;
  const { t } = frame;
  const errors = props.errors ?? NO_ERRORS;
  const base = editorBase(portal.id);
  const title =
    place.row !== undefined
      ? t('editor.declaration.editTitle', { number: place.row + 1, name: form.name ?? '' })
      : t('editor.declaration.newTitle');
  const label = (field: string) => declarationLabel(t, field);
  const categories = [...BUILTIN_CATEGORY_IDS, ...props.customCategories];
  return (
    <ConsoleLayout frame={frame} title={`${title} — ${portal.name}`} section="portals">
      <h1>{title}</h1>
      <p class="fr-text--sm galette-muted">{portal.name}</p>
      <EditorNav portalId={portal.id} current={undefined} t={t} />
      {props.conflict ? <ConflictAlert conflict={props.conflict} frame={frame} /> : null}
      <EditorErrorSummary
        t={t}
        errors={errors}
        label={label}
        rowHref={(row) => `${base}#row-${row}`}
      />
      <form method="post" action={`${base}/declaration`}>
        <CsrfField token={frame.csrfToken} />
        <VersionField version={props.version} />
        {place.row !== undefined ? (
          <input type="hidden" name="row" value={String(place.row)} />
        ) : null}
        {place.after !== undefined ? (
          <input type="hidden" name="after" value={String(place.after)} />
        ) : null}
        {place.key !== undefined ? <input type="hidden" name="key" value={place.key} /> : null}
        <Field
          name="provider"
          label={label('provider')}
          hint={t('editor.declaration.providerHint')}
          value={form.provider}
          errors={errors.fields}
          required
        />
        {languages.map((lang) => (
          <Field
            name={`service.${lang}`}
            label={label(`service.${lang}`)}
            value={form[`service.${lang}`]}
            errors={errors.fields}
          />
        ))}
        <Field
          name="name"
          label={label('name')}
          hint={t('editor.declaration.nameHint')}
          value={form.name}
          errors={errors.fields}
          required
        />
        {languages.map((lang) => (
          <TextArea
            name={`purpose.${lang}`}
            label={label(`purpose.${lang}`)}
            value={form[`purpose.${lang}`] ?? ''}
            errors={errors.fields}
            lang={lang}
          />
        ))}
        <Select
          name="category"
          label={label('category')}
          value={form.category}
          errors={errors.fields}
          options={categories.map((id) => ({ value: id, label: categoryLabel(t, id) }))}
        />
        <Field
          name="lifetime"
          label={label('lifetime')}
          hint={t('editor.declaration.lifetimeHint')}
          value={form.lifetime}
          errors={errors.fields}
        />
        <Select
          name="party"
          label={label('party')}
          value={form.party}
          errors={errors.fields}
          options={[
            { value: 'first', label: t('editor.party.first') },
            { value: 'third', label: t('editor.party.third') },
          ]}
        />
        <Field
          name="domain"
          label={label('domain')}
          hint={t('editor.declaration.domainHint')}
          value={form.domain}
          errors={errors.fields}
        />
        <Select
          name="storage"
          label={label('storage')}
          value={form.storage}
          errors={errors.fields}
          options={['cookie', 'localStorage', 'sessionStorage'].map((kind) => ({
            value: kind,
            label: storageLabel(t, kind),
          }))}
        />
        <div class="fr-mb-3w">
          <Checkbox
            name="consentExempt"
            label={label('consentExempt')}
            hint={t('editor.declaration.consentExemptHint')}
            checked={form.consentExempt === 'on'}
            errors={errors.fields}
          />
        </div>
        <TextArea
          name="hosts"
          label={label('hosts')}
          hint={t('editor.declaration.hostsHint')}
          value={form.hosts ?? ''}
          errors={errors.fields}
        />
        <ul class="galette-actions">
          <li>
            <button type="submit" class="fr-btn">
              {props.conflict ? t('editor.overwrite') : t('editor.declaration.submit')}
            </button>
          </li>
          <li>
            <a class="fr-link" href={place.row !== undefined ? `${base}#row-${place.row}` : base}>
              {t('editor.cancel')}
            </a>
          </li>
        </ul>
      </form>
    </ConsoleLayout>
  );
}
