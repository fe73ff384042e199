import type { CustomCategory } from '@galette/core';
import type { CategoryForm } from '../editor/category-form.js';
import { NO_ERRORS, type EditorErrors } from '../editor/editor-errors.js';
import type { EditorConflict } from '../editor/save-section.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import {
  ConflictAlert,
  editorBase,
  EditorErrorSummary,
  EditorNav,
  langName,
  SavedNotice,
  TextArea,
  VersionField,
} from './editor-parts.js';
import { CsrfField, Field } from './form-parts.js';
import { PortalLinks } from './revisions-page.js';

export interface CategoriesPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly version: number;
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  readonly categories: readonly CustomCategory[];
  /** How many declarations use each category id. */
  readonly usage: Readonly<Record<string, number>>;
  /** The category form: a new one, or row N's; as typed after a refusal. */
  readonly form: CategoryForm;
  readonly row?: number;
  /** The id of the category edited, as shown: the save finds it by this, `row` is a hint. */
  readonly was?: string;
  /** Names of declarations by row, for errors a removal or rename causes on them. */
  readonly declarationNames: readonly string[];
  readonly errors?: EditorErrors;
  readonly conflict?: EditorConflict;
  readonly saved?: string;
}

/**
 * Custom categories: the list (with how many declarations use each, and removal), then one
 * category's form — a new one, or the one picked with `?row=N`. Renaming a category moves its
 * declarations along; removing one still in use is refused with the rows that use it.
 */
export function CategoriesPage(props: CategoriesPageProps) {
  const { frame, portal, categories, form, row, languages } = props;
  const { t } = frame;
  const errors = props.errors ?? NO_ERRORS;
  const base = editorBase(portal.id);
  const title = t('editor.categories.title', { portal: portal.name });
  const label = (field: string) => {
    const [key, lang] = field.split('.') as [string, string | undefined];
    return lang === undefined
      ? t('editor.categories.id')
      : t(`editor.categories.${key as 'label'}In`, { lang: langName(t, lang) });
  };
  const text = (value: Readonly<Record<string, string>>) =>
    value[props.defaultLanguage] ?? Object.values(value)[0] ?? '';
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <EditorNav portalId={portal.id} current="categories" t={t} />
      <SavedNotice t={t} saved={props.saved} />
      {props.conflict ? <ConflictAlert conflict={props.conflict} frame={frame} /> : null}
      <EditorErrorSummary
        t={t}
        errors={errors}
        label={label}
        rowName={(i) => props.declarationNames[i] ?? ''}
        rowHref={(i) => `${base}#row-${i}`}
      />
      <p>{t('editor.categories.intro')}</p>
      {categories.length === 0 ? (
        <p>{t('editor.categories.none')}</p>
      ) : (
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('editor.categories.caption', { count: categories.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editor.categories.id')}</th>
                <th scope="col">{t('editor.categories.label')}</th>
                <th scope="col">{t('editor.categories.used')}</th>
                <th scope="col">{t('editor.declarations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr>
                  <th scope="row">
                    <code>{c.id}</code>
                  </th>
                  <td>{text(c.label)}</td>
                  <td>{String(props.usage[c.id] ?? 0)}</td>
                  <td>
                    <ul class="galette-plain-list">
                      <li>
                        <a
                          class="fr-link fr-text--sm"
                          href={`${base}/categories?row=${i}#category-form`}
                        >
                          {t('editor.declarations.edit')}
                          <span class="fr-sr-only"> {c.id}</span>
                        </a>
                      </li>
                      <li>
                        <form method="post" action={`${base}/categories/remove`}>
                          <CsrfField token={frame.csrfToken} />
                          <VersionField version={props.version} />
                          <input type="hidden" name="row" value={String(i)} />
                          <input type="hidden" name="was" value={c.id} />
                          <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                            {t('editor.declarations.remove')}
                            <span class="fr-sr-only"> {c.id}</span>
                          </button>
                        </form>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="galette-section" aria-labelledby="category-form">
        <h2 id="category-form" tabindex={-1}>
          {row === undefined
            ? t('editor.categories.add')
            : t('editor.categories.editTitle', { id: props.was ?? '' })}
        </h2>
        <form method="post" action={`${base}/categories`}>
          <CsrfField token={frame.csrfToken} />
          <VersionField version={props.version} />
          {row !== undefined ? <input type="hidden" name="row" value={String(row)} /> : null}
          {props.was !== undefined ? <input type="hidden" name="was" value={props.was} /> : null}
          <Field
            name="id"
            label={label('id')}
            hint={t('editor.categories.idHint')}
            value={form.id}
            errors={errors.fields}
            required
          />
          {languages.map((lang) => (
            <Field
              name={`label.${lang}`}
              label={label(`label.${lang}`)}
              value={form[`label.${lang}`]}
              errors={errors.fields}
            />
          ))}
          {languages.map((lang) => (
            <TextArea
              name={`description.${lang}`}
              label={label(`description.${lang}`)}
              value={form[`description.${lang}`] ?? ''}
              errors={errors.fields}
              lang={lang}
            />
          ))}
          <ul class="galette-actions">
            <li>
              <button type="submit" class="fr-btn">
                {props.conflict ? t('editor.overwrite') : t('editor.categories.submit')}
              </button>
            </li>
            {row !== undefined ? (
              <li>
                <a class="fr-link" href={`${base}/categories`}>
                  {t('editor.categories.addInstead')}
                </a>
              </li>
            ) : null}
          </ul>
        </form>
      </section>
    </ConsoleLayout>
  );
}
