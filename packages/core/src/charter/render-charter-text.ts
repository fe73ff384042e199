import { CHARTER_USAGE_SECTION, type Charter, type CharterCategory } from './charter.js';
import { splitLinks } from './inline-links.js';

/**
 * The charter as plain text, laid out like the published charters: blocks separated by a blank
 * line, each table as a header line and one line per cookie with TAB-separated fields, addresses
 * written `<https://…>`.
 */
export function renderCharterText(charter: Charter): string {
  const blocks: string[] = [prose(charter.title), ...charter.intro.map(prose)];
  for (const section of charter.sections) {
    blocks.push(prose(section.heading), ...section.paragraphs.map(prose));
    if (section.id === CHARTER_USAGE_SECTION) {
      for (const category of charter.categories) blocks.push(...categoryBlocks(charter, category));
    }
  }
  blocks.push(prose(charter.versionNote));
  return `${blocks.join('\n\n')}\n`;
}

function categoryBlocks(charter: Charter, category: CharterCategory): string[] {
  const line = (cells: readonly string[]) => cells.map(field).join('\t');
  const table = [
    line(charter.columns.map((c) => c.label)),
    ...category.rows.map((r) => line(charter.columns.map((c) => r[c.id] ?? ''))),
  ].join('\n');
  return [prose(category.heading), ...category.description.map(prose), table];
}

function prose(text: string): string {
  return splitLinks(text)
    .map((part) => ('url' in part ? `<${part.url}>` : part.text))
    .join('');
}

/** A field holds no TAB or line break, which would shift the columns of the table. */
function field(text: string): string {
  return text.replace(/\s*[\t\r\n]+\s*/g, ' ').trim();
}
