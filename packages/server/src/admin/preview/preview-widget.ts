import {
  buildWidgetConfig,
  CHARTER_FORMATS,
  WIDGET_THEMES,
  type CharterFormat,
  type Lang,
  type Revision,
  type WidgetConfig,
  type WidgetTheme,
} from '@galette/core';
import { charterSuffix } from '../../charter-document.js';
import { PREVIEW_SINK } from '../../routes/preview-sink-routes.js';
import { previewReceiptUrl } from './preview-receipt-page.js';

/** Where a portal's draft preview lives: behind a session with `draft.preview` on the portal. */
export function previewBase(portalId: string): string {
  return `/admin/portals/${encodeURIComponent(portalId)}/preview`;
}

/** The public charter's formats, and its HTML fragment (the embeddable charter's content). */
export const PREVIEW_FORMATS = [...CHARTER_FORMATS, 'fragment'] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

/** The part of a draft charter's address after the preview's, as the public one ends. */
export function previewCharterSuffix(format: PreviewFormat): string {
  return format === 'fragment' ? '/charte-cookies.fragment.html' : charterSuffix(format);
}

/** The draft's charter in one format, under the preview's address. */
export function previewCharterPath(portalId: string, format: PreviewFormat): string {
  return `${previewBase(portalId)}${previewCharterSuffix(format)}`;
}

/** Narrows `?theme=` to a widget theme; anything else means "the draft's own". */
export function themeParam(value: string | undefined): WidgetTheme | undefined {
  return WIDGET_THEMES.find((theme) => theme === value);
}

export interface PreviewWidgetOptions {
  /** Origin of the console as the browser reaches it (absolute addresses in the config). */
  readonly origin: string;
  readonly languages?: readonly Lang[];
  /** The theme switch of the sample page, over the draft's own. */
  readonly theme?: WidgetTheme;
}

/**
 * The widget configuration of the draft for the preview: the configuration visitors would get
 * once it is published (`buildWidgetConfig`, as `/p/{id}/widget.js` does), except that its
 * choices and beacons go to the preview sink (nothing stored, nothing counted), its charter
 * link opens the draft's charter in the preview, its receipt link a page saying the preview
 * keeps no receipt, no shared cookie domain is used, and the
 * sample page may switch its theme. Nothing here reaches visitors: only preview routes call it.
 */
export function previewWidgetConfig(
  revision: Revision,
  options: PreviewWidgetOptions,
): WidgetConfig {
  const config = buildWidgetConfig(revision, {
    baseUrl: options.origin,
    ...(options.languages && { languages: options.languages }),
  });
  const id = encodeURIComponent(revision.portalId);
  const publicCharter = (lang: string) => `${options.origin}/p/${id}/charte-cookies?lang=${lang}`;
  const draftCharter = (lang: string) =>
    `${options.origin}${previewCharterPath(revision.portalId, 'html')}?lang=${lang}`;
  const { domain: _shared, ...rest } = config;
  return {
    ...rest,
    theme: options.theme ?? config.theme,
    consentUrl: `${options.origin}${PREVIEW_SINK}/consents`,
    texts: Object.fromEntries(
      Object.entries(config.texts).map(([lang, texts]) => [
        lang,
        // An operator's own charter address (`charterUrl`) is kept: the draft asks for it.
        texts.charterUrl === publicCharter(lang)
          ? { ...texts, charterUrl: draftCharter(lang) }
          : texts,
      ]),
    ),
    ...(config.prefs && {
      prefs: Object.fromEntries(
        Object.entries(config.prefs).map(([lang, prefs]) => [
          lang,
          { ...prefs, receiptUrl: previewReceiptUrl(options.origin, revision.portalId, lang) },
        ]),
      ),
    }),
  };
}

/** The label key of a charter format in the preview's catalog. */
export function formatKey(format: PreviewFormat | CharterFormat) {
  return `preview.format.${format}` as const;
}
