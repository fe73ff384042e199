import { CHARTER_USAGE_SECTION, type Charter, type CharterCategory } from './charter.js';
import { splitLinks } from './inline-links.js';

/**
 * The charter as GitHub-flavoured Markdown, with the heading levels of the published charters
 * (`##` title, `###` sections, `####` sub-sections and categories). Operator text is escaped so
 * it always shows as typed; addresses become autolinks.
 */
export function renderCharterMarkdown(charter: Charter): string {
  const blocks: string[] = [`## ${inline(charter.title)}`, ...charter.intro.map(paragraph)];
  for (const section of charter.sections) {
    blocks.push(`${'#'.repeat(section.level + 1)} ${inline(section.heading)}`);
    blocks.push(...section.paragraphs.map(paragraph));
    if (section.id === CHARTER_USAGE_SECTION) {
      for (const category of charter.categories) blocks.push(...categoryBlocks(charter, category));
    }
  }
  blocks.push(paragraph(charter.versionNote));
  return `${blocks.join('\n\n')}\n`;
}

function categoryBlocks(charter: Charter, category: CharterCategory): string[] {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const table = [
    row(charter.columns.map((c) => cell(c.label))),
    row(charter.columns.map(() => '---')),
    ...category.rows.map((r) => row(charter.columns.map((c) => cell(r[c.id] ?? '')))),
  ].join('\n');
  return [`#### ${inline(category.heading)}`, ...category.description.map(paragraph), table];
}

/** Lines of a paragraph are kept apart with hard breaks. */
function paragraph(text: string): string {
  return text
    .split('\n')
    .map((line) => inline(line.trim()))
    .join('\\\n');
}

function cell(text: string): string {
  return inline(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

function inline(text: string): string {
  return splitLinks(text)
    .map((part) => ('url' in part ? `<${part.url}>` : escapeMarkdown(part.text)))
    .join('')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes what Markdown (CommonMark, GFM) would read as markup or HTML, but leaves underscores
 * inside words alone so cookie names such as `django_language` read verbatim.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>&|~$_#]/g, (char, i: number) => {
    const before = text[i - 1] ?? '';
    if (char === '_' && WORD.test(before) && WORD.test(text[i + 1] ?? '')) return char;
    if (char === '#' && before !== '' && !/\s/.test(before)) return char;
    return `\\${char}`;
  });
}
