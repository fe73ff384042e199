import type { Charter, CharterFormat } from './charter.js';
import { renderCharterHtml, type CharterHtmlOptions } from './render-charter-html.js';
import { renderCharterJson } from './render-charter-json.js';
import { renderCharterMarkdown } from './render-charter-markdown.js';
import { renderCharterText } from './render-charter-text.js';

/** The charter in one of its four formats; `options` only matter for HTML. */
export function renderCharter(
  charter: Charter,
  format: CharterFormat,
  options?: CharterHtmlOptions,
): string {
  switch (format) {
    case 'html':
      return renderCharterHtml(charter, options);
    case 'md':
      return renderCharterMarkdown(charter);
    case 'txt':
      return renderCharterText(charter);
    case 'json':
      return renderCharterJson(charter);
  }
}
