import { translate } from '../i18n/translate.js';
import { isSupportedLanguage } from '../i18n/supported-languages.js';
import {
  CHARTER_CONTENT_TYPES,
  CHARTER_USAGE_SECTION,
  type Charter,
  type CharterCategory,
  type CharterFormat,
} from './charter.js';
import { splitLinks } from './inline-links.js';

export interface CharterHtmlOptions {
  /** Linked with `<link rel="stylesheet">`; the page carries no inline style. */
  readonly stylesheetHref?: string;
  /** The same charter in other languages; the entry for the page's own language is skipped. */
  readonly alternates?: readonly { readonly lang: string; readonly href: string }[];
  /** The same charter in other formats; the `html` entry is skipped. */
  readonly formats?: readonly { readonly format: CharterFormat; readonly href: string }[];
  /**
   * Only the charter's content, for a portal to include in its own page: one `<section
   * class="galette-charter" lang="…">` with the headings, texts, tables and version note, no
   * document around it, no header, links or stylesheet (the portal's page styles it).
   */
  readonly fragment?: boolean;
}

/**
 * The charter as a complete, accessible HTML page: one `h1`, `h2` sections, `h3` sub-sections
 * and categories, captioned tables with column headers. No script and no inline style, so it
 * works under the strictest Content-Security-Policy. Every operator string is escaped.
 */
export function renderCharterHtml(charter: Charter, options: CharterHtmlOptions = {}): string {
  const lang = charter.lang;
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(lang, key, params);
  const ids = idAllocator();
  const alternates = (options.alternates ?? []).filter((a) => a.lang !== lang);
  const formats = (options.formats ?? []).filter((f) => f.format !== 'html');

  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(t('charter.pageTitle', { title: charter.title, portal: charter.portal.name }))}</title>`,
    options.stylesheetHref
      ? `<link rel="stylesheet" href="${escapeHtml(options.stylesheetHref)}">`
      : '',
    ...alternates.map(
      (a) => `<link rel="alternate" hreflang="${escapeHtml(a.lang)}" href="${escapeHtml(a.href)}">`,
    ),
    ...formats.map(
      (f) => `<link rel="alternate" type="${mediaType(f.format)}" href="${escapeHtml(f.href)}">`,
    ),
  ].filter((line) => line !== '');

  const header = [
    '<header class="charter-header">',
    `<p class="charter-portal">${portalLink(charter)}</p>`,
    alternates.length > 0
      ? navList(
          t('charter.nav.languages'),
          'charter-languages',
          alternates.map(
            (a) =>
              `<a href="${escapeHtml(a.href)}" hreflang="${escapeHtml(a.lang)}" lang="${escapeHtml(a.lang)}">${escapeHtml(languageName(a.lang))}</a>`,
          ),
        )
      : '',
    '</header>',
  ];

  const body: string[] = [`<h1>${inline(charter.title)}</h1>`, ...charter.intro.map(paragraph)];
  for (const section of charter.sections) {
    const id = ids(`section-${section.id}`);
    body.push(`<h${section.level} id="${id}">${inline(section.heading)}</h${section.level}>`);
    body.push(...section.paragraphs.map(paragraph));
    if (section.id === CHARTER_USAGE_SECTION) {
      for (const category of charter.categories) body.push(...categoryHtml(charter, category, ids));
    }
  }

  const footer = [
    '<footer class="charter-footer">',
    `<p class="charter-version">${inline(charter.versionNote)}</p>`,
    formats.length > 0
      ? navList(
          t('charter.nav.formats'),
          'charter-formats',
          formats.map(
            (f) =>
              `<a href="${escapeHtml(f.href)}" type="${mediaType(f.format)}">${escapeHtml(t(`charter.format.${f.format}`))}</a>`,
          ),
        )
      : '',
    '</footer>',
  ];

  if (options.fragment) {
    return [
      `<section class="galette-charter" lang="${escapeHtml(lang)}">`,
      ...body,
      `<p class="charter-version">${inline(charter.versionNote)}</p>`,
      '</section>',
      '',
    ].join('\n');
  }

  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    ...head,
    '</head>',
    '<body>',
    ...header.filter((line) => line !== ''),
    '<main id="main">',
    ...body,
    '</main>',
    ...footer.filter((line) => line !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function categoryHtml(
  charter: Charter,
  category: CharterCategory,
  ids: (wanted: string) => string,
): string[] {
  const headingId = ids(`category-${category.id}`);
  const captionId = ids(`caption-${category.id}`);
  const caption = translate(charter.lang, 'charter.table.caption', { category: category.heading });
  const cells = (values: readonly string[], tag: 'th' | 'td') =>
    values.map((v) => (tag === 'th' ? `<th scope="col">${v}</th>` : `<td>${v}</td>`)).join('');
  return [
    `<section class="charter-category" aria-labelledby="${headingId}">`,
    `<h3 id="${headingId}">${inline(category.heading)}</h3>`,
    ...category.description.map(paragraph),
    // Focusable so keyboard users can scroll a table wider than the screen.
    `<div class="charter-table" role="region" aria-labelledby="${captionId}" tabindex="0">`,
    '<table>',
    `<caption id="${captionId}">${inline(caption)}</caption>`,
    `<thead><tr>${cells(
      charter.columns.map((c) => inline(c.label)),
      'th',
    )}</tr></thead>`,
    '<tbody>',
    ...category.rows.map(
      (row) =>
        `<tr>${cells(
          charter.columns.map((c) =>
            c.id === 'name' ? `<code>${breakableName(row.name)}</code>` : inline(row[c.id] ?? ''),
          ),
          'td',
        )}</tr>`,
    ),
    '</tbody>',
    '</table>',
    '</div>',
    '</section>',
  ];
}

function navList(label: string, className: string, links: readonly string[]): string {
  const items = links.map((link) => `<li>${link}</li>`).join('');
  return `<nav class="${className}" aria-label="${escapeHtml(label)}"><ul>${items}</ul></nav>`;
}

function portalLink(charter: Charter): string {
  const { name, url } = charter.portal;
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}">${escapeHtml(name)}</a>`
    : escapeHtml(name);
}

function languageName(lang: string): string {
  return isSupportedLanguage(lang) ? translate(lang, 'charter.languageName') : lang;
}

function mediaType(format: CharterFormat): string {
  return CHARTER_CONTENT_TYPES[format].split(';')[0]!;
}

function paragraph(text: string): string {
  return `<p>${text.split('\n').map(inline).join('<br>\n')}</p>`;
}

/** Escaped text with its http(s) addresses as links. */
function inline(text: string): string {
  return splitLinks(text)
    .map((part) =>
      'url' in part
        ? `<a href="${escapeHtml(part.url)}">${escapeHtml(part.url)}</a>`
        : escapeHtml(part.text),
    )
    .join('');
}

/** Gives each wanted id a valid, unique form: custom category ids are operator input. */
function idAllocator(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    const base = wanted.replace(/[^A-Za-z0-9_-]/g, '-');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A cookie name, escaped, with a line-break opportunity (`<wbr>`) after each `_`, `.` or `-`
 * that follows a letter or digit: `AMCV_ECID_<wbr>…` wraps between its parts in a narrow column,
 * never in the middle of one (the stylesheet no longer breaks names anywhere), and a leading
 * `_` stays with what follows it.
 */
export function breakableName(name: string): string {
  return escapeHtml(name).replace(/(?<=[\p{L}\p{N}])([_.-])(?=.)/gu, '$1<wbr>');
}
