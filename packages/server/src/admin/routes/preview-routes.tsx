import {
  buildCharter,
  CHARTER_CONTENT_TYPES,
  GaletteError,
  renderCharter,
  resolveWidgetSettings,
  type Principal,
} from '@galette/core';
import type { Context } from 'hono';
import { renderCharterDocument } from '../../charter-document.js';
import { ownOrigin } from '../../consent/client-address.js';
import { escapeHtml } from '../../html.js';
import { notFoundResponse } from '../../not-found-response.js';
import type { DraftPreview } from '../../portals/portal-service.js';
import { answerLanguage, languageHints } from '../../request-language.js';
import {
  widgetFileBody,
  WIDGET_CONTENT_TYPES,
  type WidgetFile,
} from '../../routes/widget-routes.js';
import { DEFAULT_PAGE_CSP } from '../../security-headers.js';
import type { ServerContext } from '../../server-context.js';
import { consoleRefusals, pageFrame, renderPage } from '../console-page.js';
import { NarrowPreviewPage, PreviewPage } from '../pages/preview-page.js';
import { PREVIEW_JAR_SCRIPT } from '../preview/preview-jar.js';
import {
  PREVIEW_FORMATS,
  previewCharterPath,
  previewCharterSuffix,
  previewWidgetConfig,
  themeParam,
  type PreviewFormat,
} from '../preview/preview-widget.js';
import { PREVIEW_RECEIPT_POLICY, previewReceiptPage } from '../preview/preview-receipt-page.js';
import { samplePage } from '../preview/sample-page.js';
import { rules } from '../route-rule.js';

const BASE = '/admin/portals/:portalId/preview';

/** What every preview answer carries: a draft is never kept by a cache nor indexed. */
const PRIVATE = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } as const;

/** The widget's files the sample page uses (`widget.json` too, to read the configuration). */
const WIDGET_FILES: readonly WidgetFile[] = [
  'widget.js',
  'preferences.js',
  'widget.css',
  'widget.json',
];

/**
 * The preview of a portal's draft under `/admin/portals/{id}/preview`, for users with
 * `draft.preview` on the portal (editors and administrators):
 * - the index page, linking everything below;
 * - `charte-cookies` (HTML, `?lang=`), `.md`, `.txt`, `.json` and `.fragment.html`: the draft's
 *   charter by the public charter's own renderer;
 * - `sample` (`?lang=`, `?theme=neutral|dsfr`): a sample page with the real widget built from
 *   the draft, whose choices go to the preview sink (`/api/v1/preview/…`, nothing stored), and
 *   `narrow`: that page in a 360-pixel frame inside the console; `receipt`: where its widget's
 *   « see my choices » link leads, saying the preview keeps no receipt;
 * - `widget.js`, `preferences.js`, `widget.css`, `widget.json`: the widget's files with the
 *   draft's configuration, as `/p/{id}/…` serves the published one; `preview-jar.js`.
 * Every answer is `no-store`; nothing of a draft is served anywhere else.
 */
export function previewRoutes(context: ServerContext): void {
  const { admin, portals, consolePages } = context;
  const refusals = consoleRefusals(consolePages);
  const rule = rules.portal('draft.preview');
  const origin = (c: Context) =>
    context.publicOrigin ?? ownOrigin(c, consolePages.cookies.trustProxy);
  const principalOf = (c: Context): Principal => c.get('galetteConsole').principal!;

  /** Loads the draft (the service checks the right again) and answers with it. */
  const withDraft =
    (answer: (c: Context, preview: DraftPreview) => Response | Promise<Response>) =>
    async (c: Context) => {
      let preview: DraftPreview;
      try {
        preview = await portals.previewDraft(principalOf(c), c.req.param('portalId')!);
      } catch (error) {
        if (error instanceof GaletteError && error.code === 'forbidden') {
          return refusals.page(c, 403, 'forbidden');
        }
        if (error instanceof GaletteError && error.code === 'not_found') {
          return notFoundResponse(c);
        }
        throw error;
      }
      return answer(c, preview);
    };
  const portalOf = (preview: DraftPreview) => ({
    id: preview.revision.portalId,
    name: preview.revision.content.name,
  });
  const draftTheme = (preview: DraftPreview) =>
    resolveWidgetSettings(preview.revision.content.widget).theme;

  admin.page(
    'GET',
    BASE,
    rule,
    withDraft(async (c, preview) =>
      renderPage(
        c,
        <PreviewPage
          frame={await pageFrame(c, consolePages)}
          portal={portalOf(preview)}
          preview={preview}
          theme={draftTheme(preview)}
        />,
      ),
    ),
  );

  for (const format of PREVIEW_FORMATS) {
    admin.page(
      'GET',
      `${BASE}${previewCharterSuffix(format)}`,
      rule,
      withDraft((c, preview) => charterAnswer(c, preview, format)),
    );
  }

  admin.page(
    'GET',
    `${BASE}/sample`,
    rule,
    withDraft((c, preview) => {
      const content = preview.revision.content;
      const { html, policy } = samplePage({
        content,
        lang: answerLanguage(languageHints(c), content),
        theme: themeParam(c.req.query('theme')) ?? draftTheme(preview),
        origin: origin(c),
      });
      return c.html(html, 200, {
        ...PRIVATE,
        'content-security-policy': policy,
        'referrer-policy': 'same-origin',
      });
    }),
  );

  admin.page(
    'GET',
    `${BASE}/receipt`,
    rule,
    withDraft((c, preview) => {
      const content = preview.revision.content;
      const html = previewReceiptPage(content, answerLanguage(languageHints(c), content));
      return c.html(html, 200, { ...PRIVATE, 'content-security-policy': PREVIEW_RECEIPT_POLICY });
    }),
  );

  admin.page(
    'GET',
    `${BASE}/narrow`,
    rule,
    withDraft(async (c, preview) =>
      renderPage(
        c,
        <NarrowPreviewPage
          frame={await pageFrame(c, consolePages)}
          portal={portalOf(preview)}
          preview={preview}
          lang={answerLanguage(languageHints(c), preview.revision.content)}
          theme={themeParam(c.req.query('theme')) ?? draftTheme(preview)}
        />,
      ),
    ),
  );

  for (const file of WIDGET_FILES) {
    admin.page(
      'GET',
      `${BASE}/${file}`,
      rule,
      withDraft((c, preview) => {
        const content = preview.revision.content;
        // As `/p/{id}/widget.js`: `?lang=` keeps one language, otherwise all are inlined.
        const requested = c.req.query('lang')?.toLowerCase();
        const languages =
          requested && content.languages.includes(requested) ? [requested] : undefined;
        const theme = themeParam(c.req.query('theme'));
        const config = previewWidgetConfig(preview.revision, {
          origin: origin(c),
          ...(languages && { languages }),
          ...(theme && { theme }),
        });
        return new Response(widgetFileBody(config, file), {
          headers: { ...PRIVATE, 'content-type': WIDGET_CONTENT_TYPES[file] },
        });
      }),
    );
  }

  admin.page(
    'GET',
    `${BASE}/preview-jar.js`,
    rule,
    () =>
      new Response(PREVIEW_JAR_SCRIPT, {
        headers: { ...PRIVATE, 'content-type': 'text/javascript; charset=utf-8' },
      }),
  );
}

/**
 * The draft's charter in one format, by the renderer of the public charter; the HTML page links
 * its other languages and formats under the preview, and says at the top of its content, in the
 * reader's console language, that it is the unpublished draft.
 */
function charterAnswer(c: Context, preview: DraftPreview, format: PreviewFormat): Response {
  const revision = preview.revision;
  const lang = answerLanguage(languageHints(c), revision.content);
  const headers: Record<string, string> = { ...PRIVATE, 'content-language': lang };
  let body: string;
  if (format === 'fragment') {
    body = renderCharter(buildCharter(revision, lang, { draft: true }), 'html', {
      fragment: true,
    });
    headers['content-type'] = 'text/html; charset=utf-8';
  } else {
    body = renderCharterDocument(revision, lang, format, {
      pathOf: (f) => previewCharterPath(revision.portalId, f),
      draft: true,
    });
    headers['content-type'] = CHARTER_CONTENT_TYPES[format];
  }
  if (format === 'html') {
    const request = c.get('galetteConsole');
    const marker = `<p class="charter-draft" role="note" lang="${escapeHtml(request.lang)}" data-galette-preview-marker><strong>${escapeHtml(request.t('preview.marker'))}</strong></p>`;
    body = body.replace('<main id="main">\n', `<main id="main">\n${marker}\n`);
    headers['content-security-policy'] = `${DEFAULT_PAGE_CSP}; style-src 'self'`;
  }
  return new Response(body, { headers });
}
