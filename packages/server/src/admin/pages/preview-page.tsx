import {
  isSupportedLanguage,
  translate,
  WIDGET_THEMES,
  type Translator,
  type WidgetTheme,
} from '@galette/core';
import type { DraftPreview } from '../../portals/portal-service.js';
import {
  formatKey,
  PREVIEW_FORMATS,
  previewBase,
  previewCharterPath,
} from '../preview/preview-widget.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { Time } from './format.js';
import { PortalLinks } from './revisions-page.js';

export interface PreviewPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly preview: DraftPreview;
  /** The draft's own widget theme. */
  readonly theme: WidgetTheme;
}

/** A language's own name when Galette knows it ("Français", "English"), else its code. */
function languageName(lang: string): string {
  return isSupportedLanguage(lang) ? translate(lang, 'charter.languageName') : lang;
}

/** "This is the draft, not what visitors see": on top of every preview page. */
function DraftMarker({ frame, preview }: { frame: PageFrame; preview: DraftPreview }) {
  const { t, lang } = frame;
  const { draft } = preview;
  return (
    <div class="fr-alert fr-alert--warning fr-mb-3w" data-galette-preview-marker>
      <p class="fr-alert__title">{t('preview.marker')}</p>
      <p>
        {t('preview.draftVersion', {
          version: draft.version,
          by: draft.savedBy ?? t('console.none'),
        })}{' '}
        <Time lang={lang} iso={draft.savedAt} />. {t('preview.visitors')}
      </p>
      {preview.published === undefined ? <p>{t('preview.notPublished')}</p> : null}
      {draft.archivedAt ? <p>{t('preview.archived')}</p> : null}
    </div>
  );
}

const themeLabel = (t: Translator, theme: WidgetTheme) => t(`preview.theme.${theme}`);

/**
 * `/admin/portals/{id}/preview`: the draft's charter in every language and format, and its
 * banner on the sample page in both themes and in a narrow view. Links only: works without
 * JavaScript, nothing inline.
 */
export function PreviewPage({ frame, portal, preview, theme }: PreviewPageProps) {
  const { t } = frame;
  const title = t('preview.title', { portal: portal.name });
  const base = previewBase(portal.id);
  const languages = preview.revision.content.languages;
  const sample = (lang: string, th: WidgetTheme, narrow = false) =>
    `${base}/${narrow ? 'narrow' : 'sample'}?lang=${encodeURIComponent(lang)}&theme=${th}`;
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <DraftMarker frame={frame} preview={preview} />
      <section class="galette-section" aria-labelledby="preview-charter">
        <h2 id="preview-charter">{t('preview.charterHeading')}</h2>
        <p>{t('preview.charterIntro')}</p>
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('preview.charterCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.language')}</th>
                {PREVIEW_FORMATS.map((format) => (
                  <th scope="col">{t(formatKey(format))}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {languages.map((lang) => (
                <tr>
                  <th scope="row" lang={lang}>
                    {languageName(lang)}
                  </th>
                  {PREVIEW_FORMATS.map((format) => (
                    <td>
                      <a
                        class="fr-link"
                        href={`${previewCharterPath(portal.id, format)}?lang=${encodeURIComponent(lang)}`}
                        hreflang={lang}
                        data-preview-format={format}
                      >
                        {t('preview.formatLink', {
                          format: t(formatKey(format)),
                          language: languageName(lang),
                        })}
                      </a>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="galette-section" aria-labelledby="preview-banner">
        <h2 id="preview-banner">{t('preview.bannerHeading')}</h2>
        <p>{t('preview.bannerIntro')}</p>
        <p>{t('preview.draftTheme', { theme: themeLabel(t, theme) })}</p>
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('preview.bannerCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.language')}</th>
                {WIDGET_THEMES.map((th) => (
                  <th scope="col">{themeLabel(t, th)}</th>
                ))}
                {WIDGET_THEMES.map((th) => (
                  <th scope="col">{`${t('preview.narrow')} — ${themeLabel(t, th)}`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {languages.map((lang) => {
                const language = languageName(lang);
                return (
                  <tr>
                    <th scope="row" lang={lang}>
                      {language}
                    </th>
                    {WIDGET_THEMES.map((th) => (
                      <td>
                        <a class="fr-link" href={sample(lang, th)} data-preview-sample={th}>
                          {t('preview.sampleLink', { theme: themeLabel(t, th), language })}
                        </a>
                      </td>
                    ))}
                    {WIDGET_THEMES.map((th) => (
                      <td>
                        <a class="fr-link" href={sample(lang, th, true)} data-preview-narrow={th}>
                          {t('preview.narrowLink', { theme: themeLabel(t, th), language })}
                        </a>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </ConsoleLayout>
  );
}

export interface NarrowPreviewPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly preview: DraftPreview;
  readonly lang: string;
  readonly theme: WidgetTheme;
}

/** The sample page in a 360-pixel-wide frame, with the theme switch around it. */
export function NarrowPreviewPage({ frame, portal, preview, lang, theme }: NarrowPreviewPageProps) {
  const { t } = frame;
  const title = t('preview.narrowTitle', { portal: portal.name });
  const base = previewBase(portal.id);
  const query = (th: WidgetTheme) => `lang=${encodeURIComponent(lang)}&theme=${th}`;
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={base}>
          {t('preview.back')}
        </a>
      </p>
      <DraftMarker frame={frame} preview={preview} />
      <p>{t('preview.narrowIntro')}</p>
      <nav aria-label={t('preview.switchTheme')} class="fr-mb-2w">
        <ul class="galette-actions">
          {WIDGET_THEMES.map((th) => (
            <li>
              {th === theme ? (
                <strong aria-current="page">{themeLabel(t, th)}</strong>
              ) : (
                <a class="fr-link" href={`${base}/narrow?${query(th)}`}>
                  {themeLabel(t, th)}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <iframe
        class="galette-preview-frame"
        src={`${base}/sample?${query(theme)}`}
        width="360"
        height="720"
        title={t('preview.frameTitle', { theme: themeLabel(t, theme) })}
      ></iframe>
    </ConsoleLayout>
  );
}
