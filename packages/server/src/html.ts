import { createHash } from 'node:crypto';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** What differs between Galette's own small pages; the rest of the document is `htmlPage`'s. */
export interface HtmlPageOptions {
  readonly lang: string;
  /** Plain text; escaped here. */
  readonly title: string;
  /** Page-specific rules, appended to the shared base. */
  readonly css?: string;
  /** Markup inside `<main>`, already escaped by the caller. */
  readonly main: string;
  /** Keeps the URL (a secret, for receipts) out of Referer headers. */
  readonly noReferrer?: boolean;
}

const BASE_CSS = `body{font:1rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{margin:3rem auto;padding:0 1.5rem}
h1{font-size:1.75rem;line-height:1.25}
a{color:#000091;text-decoration:underline}
a:focus-visible{outline:3px solid #000091;outline-offset:2px}`;

/**
 * Hashes of the inline styles of the pages rendered so far, as CSP sources. A page's style is
 * the base plus a constant of its module, so this holds one entry per kind of page: the
 * Content-Security-Policy can allow exactly these and no other inline style.
 */
const styleHashes = new Map<string, string>();
let styleSources = '';

/** `'sha256-…'` sources for every inline page style `htmlPage` has produced. */
export function inlineStyleSources(): string {
  return styleSources;
}

function registerStyle(style: string): void {
  if (styleHashes.has(style)) return;
  styleHashes.set(style, `'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  styleSources = [...new Set(styleHashes.values())].join(' ');
}

/**
 * One accessible, self-contained, non-indexed page (404, receipts): no script, styles in the
 * document so the page works whatever else fails (allowed by their hash in the CSP).
 */
export function htmlPage({
  lang,
  title,
  css = '',
  main,
  noReferrer = false,
}: HtmlPageOptions): string {
  const style = `\n${BASE_CSS}\n${css}\n`;
  registerStyle(style);
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${noReferrer ? '<meta name="referrer" content="no-referrer">\n' : ''}<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}
