import { NO_ERRORS, type EditorErrors } from '../editor/editor-errors.js';
import type { EditorConflict } from '../editor/save-section.js';
import { TEXT_FIELDS, type TextsForm } from '../editor/texts-form.js';
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
import { CsrfField } from './form-parts.js';
import { PortalLinks } from './revisions-page.js';

export interface TextsPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly version: number;
  /** The language whose texts the form edits, and the portal's others. */
  readonly lang: string;
  readonly languages: readonly string[];
  readonly form: TextsForm;
  /** Galette's own text of each section in `lang`, placeholders as written. */
  readonly defaults: Readonly<Record<string, string>>;
  readonly errors?: EditorErrors;
  readonly conflict?: EditorConflict;
  readonly saved?: string;
}

/**
 * The charter's section texts in one language: each section's override, with Galette's own
 * text beside it for reference. A blank override means Galette's text.
 */
export function TextsPage(props: TextsPageProps) {
  const { frame, portal, form, lang } = props;
  const { t } = frame;
  const errors = props.errors ?? NO_ERRORS;
  const base = editorBase(portal.id);
  const title = t('editor.texts.title', { portal: portal.name, lang: langName(t, lang) });
  const label = (id: string) => t(`editor.texts.section.${id as 'intro'}`);
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <EditorNav portalId={portal.id} current="texts" t={t} />
      <SavedNotice t={t} saved={props.saved} />
      {props.conflict ? <ConflictAlert conflict={props.conflict} frame={frame} /> : null}
      <EditorErrorSummary t={t} errors={errors} label={label} />
      <p>{t('editor.texts.intro')}</p>
      {props.languages.length > 1 ? (
        <nav aria-label={t('editor.texts.languages')} class="fr-mb-3w">
          <ul class="galette-actions">
            {props.languages.map((l) => (
              <li>
                <a
                  class="fr-link"
                  href={`${base}/texts?in=${l}`}
                  {...(l === lang ? { 'aria-current': 'page' } : {})}
                >
                  {t('editor.texts.in', { lang: langName(t, l) })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <form method="post" action={`${base}/texts`}>
        <CsrfField token={frame.csrfToken} />
        <VersionField version={props.version} />
        <input type="hidden" name="in" value={lang} />
        {TEXT_FIELDS.map((id) => (
          <div class="galette-section">
            <TextArea
              name={id}
              label={label(id)}
              value={form[id] ?? ''}
              errors={errors.fields}
              rows={id.endsWith('Title') || id === 'title' ? 1 : 4}
              lang={lang}
            />
            <details class="fr-mb-2w">
              <summary>{t('editor.texts.default')}</summary>
              <p class="galette-default-text" lang={lang}>
                {props.defaults[id] ?? ''}
              </p>
            </details>
          </div>
        ))}
        <button type="submit" class="fr-btn">
          {props.conflict ? t('editor.overwrite') : t('editor.texts.submit')}
        </button>
      </form>
    </ConsoleLayout>
  );
}
