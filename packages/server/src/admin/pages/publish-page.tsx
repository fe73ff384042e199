import type { PublicationReview } from '../../portals/portal-service.js';
import { findingId } from '../../portals/publication-gate.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { DiffView } from './diff-view.js';
import { CsrfField, Notice } from './form-parts.js';
import { PortalLinks } from './revisions-page.js';

export interface PublishPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly review: PublicationReview;
  /** Why the last attempt was refused (blocked, warnings left, the draft moved meanwhile). */
  readonly refusal?: string;
  /** What was sent, shown back after a refusal. */
  readonly sent?: { readonly note: string; readonly acknowledged: readonly string[] };
}

/**
 * Publish = compliance check + diff + confirmation: error findings block, each warning is
 * acknowledged by a checkbox (recorded in the audit log with the user), an optional note is
 * stored with the revision. The draft version reviewed travels with the form, so a save made
 * meanwhile by someone else refuses the publication instead of slipping into it.
 */
export function PublishPage({ frame, portal, review, refusal, sent }: PublishPageProps) {
  const { t, lang } = frame;
  const title = t('portal-pages.publish.title', { portal: portal.name });
  const errors = review.findings.filter((f) => f.severity === 'error');
  const warnings = review.findings.filter((f) => f.severity === 'warning');
  const message = (f: (typeof review.findings)[number]) =>
    f.message[lang as 'fr' | 'en'] ?? f.message.fr;
  const action = `/admin/portals/${encodeURIComponent(portal.id)}/publish`;
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      {refusal ? <Notice kind="error">{refusal}</Notice> : null}
      <p>
        {review.published
          ? t('portal-pages.publish.over', {
              number: review.published.number,
              next: review.published.number + 1,
            })
          : t('portal-pages.publish.first')}
      </p>
      {errors.length > 0 ? (
        <section class="galette-section" aria-labelledby="errors-heading">
          <h2 id="errors-heading">{t('portal-pages.publish.errors', { count: errors.length })}</h2>
          <p>{t('portal-pages.publish.blocked')}</p>
          <ul>
            {errors.map((f) => (
              <li>
                <code>{f.path}</code> {message(f)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <DiffView diff={review.diff} t={t} lang={lang} />
      {errors.length > 0 || (review.diff.identical && review.published) ? (
        review.diff.identical && review.published ? (
          <p>{t('portal-pages.publish.nothing')}</p>
        ) : null
      ) : (
        <form method="post" action={action} class="galette-section">
          <CsrfField token={frame.csrfToken} />
          <input type="hidden" name="draftVersion" value={String(review.draftVersion)} />
          {warnings.length > 0 ? (
            <fieldset class="fr-fieldset" aria-labelledby="warnings-legend">
              <legend class="fr-fieldset__legend" id="warnings-legend">
                {t('portal-pages.publish.warnings', { count: warnings.length })}
              </legend>
              {warnings.map((f, i) => (
                <div class="fr-fieldset__element">
                  <div class="fr-checkbox-group">
                    <input
                      type="checkbox"
                      id={`ack-${i}`}
                      name="acknowledge"
                      value={findingId(f)}
                      {...(sent?.acknowledged.includes(findingId(f)) ? { checked: true } : {})}
                    />
                    <label class="fr-label" for={`ack-${i}`}>
                      <span>
                        <code>{f.path}</code> {message(f)}
                      </span>
                    </label>
                  </div>
                </div>
              ))}
            </fieldset>
          ) : null}
          <div class="fr-input-group">
            <label class="fr-label" for="note">
              {t('portal-pages.publish.note')}
              <span class="fr-hint-text" id="note-hint">
                {t('portal-pages.publish.noteHint')}
              </span>
            </label>
            <textarea
              class="fr-input"
              id="note"
              name="note"
              rows={3}
              maxlength={500}
              aria-describedby="note-hint"
            >
              {sent?.note ?? ''}
            </textarea>
          </div>
          <button type="submit" class="fr-btn">
            {t('portal-pages.publish.submit')}
          </button>
        </form>
      )}
    </ConsoleLayout>
  );
}
