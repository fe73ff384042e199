/** A run of plain text or a web address, so each renderer can link addresses its own way. */
export type InlinePart = { readonly text: string } | { readonly url: string };

// An address already written as `<https://…>` keeps its brackets out of the link.
const ADDRESS = /<(https?:\/\/[^\s<>"`]+)>|https?:\/\/[^\s<>"`]+/gi;
const TRAILING = /[.,;:!?'’»]+$/;

/** Splits operator or template text into plain runs and http(s) addresses. */
export function splitLinks(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const url = match[1] ?? trimAddress(match[0]);
    const start = match.index;
    const end = start + (match[1] !== undefined ? match[0].length : url.length);
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ url });
    last = end;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Drops punctuation that ends the sentence rather than the address, and unbalanced `)`. */
function trimAddress(raw: string): string {
  let url = raw.replace(TRAILING, '');
  while (url.endsWith(')') && count(url, '(') < count(url, ')')) {
    url = url.slice(0, -1).replace(TRAILING, '');
  }
  return url;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
