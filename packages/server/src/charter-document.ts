import {
  CHARTER_FORMATS,
  buildCharter,
  renderCharter,
  type CharterFormat,
  type Revision,
} from '@galette/core';

/** Where the charter stylesheet is served. */
export const CHARTER_STYLESHEET_PATH = '/assets/charter.css';

/** Public path of a portal's charter in one format. */
export function charterPath(portalId: string, format: CharterFormat = 'html'): string {
  return `/p/${encodeURIComponent(portalId)}${charterSuffix(format)}`;
}

/** The part of a charter's path after the portal id. */
export function charterSuffix(format: CharterFormat): string {
  return format === 'html' ? '/charte-cookies' : `/charte-cookies.${format}`;
}

export interface CharterDocumentOptions {
  /**
   * The addresses the HTML page links to (its other languages and formats): the public ones
   * unless the console's preview serves a draft's charter under its own.
   */
  readonly pathOf?: (format: CharterFormat) => string;
  /** `revision` is a draft (the preview): its version note says it is unpublished. */
  readonly draft?: boolean;
}

/**
 * The charter of `revision` in `lang` and `format`, exactly as the server sends it (before
 * compression). The CLI's `charter` command prints this too, so both always agree.
 */
export function renderCharterDocument(
  revision: Revision,
  lang: string,
  format: CharterFormat,
  options: CharterDocumentOptions = {},
): string {
  const pathOf = options.pathOf ?? ((f: CharterFormat) => charterPath(revision.portalId, f));
  const charter = buildCharter(revision, lang, { draft: options.draft === true });
  if (format !== 'html') return renderCharter(charter, format);
  const html = pathOf('html');
  return renderCharter(charter, 'html', {
    stylesheetHref: CHARTER_STYLESHEET_PATH,
    alternates: revision.content.languages.map((l) => ({
      lang: l,
      href: `${html}?lang=${encodeURIComponent(l)}`,
    })),
    formats: CHARTER_FORMATS.map((f) => ({ format: f, href: pathOf(f) })),
  });
}
