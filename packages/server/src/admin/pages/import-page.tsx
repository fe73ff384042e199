import type { PortalDiff } from '@galette/core';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { DiffView } from './diff-view.js';
import { CsrfField, FileProblemsAlert, type FileProblems } from './form-parts.js';
import { Time } from './format.js';
import { PortalLinks } from './revisions-page.js';

export interface ImportPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  /** The draft version the form was shown with; a save made since then is a conflict. */
  readonly version: number;
  /** The file as sent, kept after a refusal or a conflict (nothing typed is lost). */
  readonly file: string;
  readonly problems?: FileProblems;
  /** Someone saved the draft since the form was shown: who, when, and what differs. */
  readonly conflict?: {
    readonly message: string;
    readonly savedBy?: string;
    readonly savedAt: string;
    readonly diff?: PortalDiff;
  };
}

/**
 * Import a portal file into the draft, and export the draft, the published revision or any
 * revision. A stale import is refused with what changed in between, the file kept in the form.
 */
export function ImportPage(props: ImportPageProps) {
  const { frame, portal, conflict, problems } = props;
  const error = problems !== undefined && problems.length > 0;
  const { t, lang } = frame;
  const base = `/admin/portals/${encodeURIComponent(portal.id)}`;
  const title = t('portal-pages.import.title', { portal: portal.name });
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <section class="galette-section" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('portal-pages.import.exportHeading')}</h2>
        <ul class="galette-actions">
          <li>
            <a class="fr-link" href={`${base}/export?version=draft`} download>
              {t('portal-pages.import.exportDraft')}
            </a>
          </li>
          <li>
            <a class="fr-link" href={`${base}/export?version=published`} download>
              {t('portal-pages.import.exportPublished')}
            </a>
          </li>
        </ul>
      </section>
      <section class="galette-section" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('portal-pages.import.heading')}</h2>
        <p>{t('portal-pages.import.intro')}</p>
        {conflict ? (
          <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
            <h3 class="fr-alert__title">{t('portal-pages.import.conflictTitle')}</h3>
            <p>{conflict.message}</p>
            <p>
              {t('portal-pages.import.conflictBy', { by: conflict.savedBy ?? t('console.none') })}{' '}
              <Time lang={lang} iso={conflict.savedAt} />
            </p>
            <p>{t('portal-pages.import.conflictKept')}</p>
          </div>
        ) : null}
        {conflict?.diff ? (
          <details class="fr-mb-3w">
            <summary>{t('portal-pages.import.conflictDiff')}</summary>
            <DiffView diff={conflict.diff} t={t} lang={lang} />
          </details>
        ) : null}
        <FileProblemsAlert t={t} problems={problems} level="h3" />
        <form method="post" action={`${base}/import`}>
          <CsrfField token={frame.csrfToken} />
          <input type="hidden" name="version" value={String(props.version)} />
          <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
            <label class="fr-label" for="file">
              {t('portal-pages.new.file')}
              <span class="fr-hint-text" id="file-hint">
                {t('portal-pages.new.fileHint')}
              </span>
            </label>
            <textarea
              class="fr-input galette-code"
              id="file"
              name="file"
              rows={20}
              required
              aria-describedby="file-hint"
              {...(error ? { 'aria-invalid': 'true' } : {})}
            >
              {props.file}
            </textarea>
          </div>
          <button type="submit" class="fr-btn">
            {conflict ? t('portal-pages.import.overwrite') : t('portal-pages.import.submit')}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
