/** One run of a word-level diff: kept, removed from the old text, or added in the new one. */
export interface WordPart {
  readonly op: 'same' | 'removed' | 'added';
  /** Words with the white space between them, exactly as written. */
  readonly text: string;
}

/** Past this many cells, the changed middle is shown as one removal and one addition. */
const MAX_CELLS = 250_000;

/**
 * A word-level diff of two texts: the same parts joined with the removed ones give `from`, with
 * the added ones `to`. Common beginnings and ends are matched first, then the longest common
 * subsequence of words in between (texts of charter sections are short; a huge change falls back
 * to "all removed, all added" rather than a quadratic wait).
 */
export function wordDiff(from: string, to: string): WordPart[] {
  const a = tokens(from);
  const b = tokens(to);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: WordPart[] = [];
  push(parts, 'same', a.slice(0, start));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push(parts, 'removed', midA);
    push(parts, 'added', midB);
  } else {
    for (const [op, words] of lcsParts(midA, midB)) push(parts, op, words);
  }
  push(parts, 'same', a.slice(endA));
  return parts;
}

/** Words and the runs of white space between them, so that joining them gives the text back. */
function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== '');
}

function lcsParts(a: readonly string[], b: readonly string[]): [WordPart['op'], string[]][] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i]![j] =
        a[i] === b[j]
          ? lengths[i + 1]![j + 1]! + 1
          : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const out: [WordPart['op'], string[]][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(['same', [a[i]!]]);
      i += 1;
      j += 1;
    } else if (j < m && (i === n || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      out.push(['added', [b[j]!]]);
      j += 1;
    } else {
      out.push(['removed', [a[i]!]]);
      i += 1;
    }
  }
  return out;
}

/** Appends words, merging with the previous part when it has the same operation. */
function push(parts: WordPart[], op: WordPart['op'], words: readonly string[]): void {
  if (words.length === 0) return;
  const text = words.join('');
  const last = parts[parts.length - 1];
  if (last?.op === op) parts[parts.length - 1] = { op, text: last.text + text };
  else parts.push({ op, text });
}
