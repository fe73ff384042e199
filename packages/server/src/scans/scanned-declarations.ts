import type { PortalFile } from '@galette/core';
import type { StoredFinding } from './scan-diff.js';

/** The custom category the scanner files what it could not classify under (`--emit-portal`). */
export const REVIEW_CATEGORY = 'a-verifier';

interface ScannedDeclaration {
  readonly name: string;
  readonly storage: string;
  readonly category: string;
  readonly domain?: string;
  readonly [key: string]: unknown;
}

interface ScannedFile {
  readonly declarations: readonly ScannedDeclaration[];
  readonly categories?: readonly { readonly id: string; readonly [key: string]: unknown }[];
}

/** The draft portal file a scan worker stored beside the report, or undefined. */
export function asScannedFile(value: unknown): ScannedFile | undefined {
  const v = value as ScannedFile | undefined;
  return v && Array.isArray(v.declarations) ? v : undefined;
}

/**
 * The scan writes every text in French and English; a portal in one language refuses the other
 * (`"en" is not one of the portal's languages`). Keeps the portal's languages, each taking the
 * scan's text in that language or, failing that, its first.
 */
function inLanguages<T extends Record<string, unknown>>(item: T, languages: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    const texts = value as Record<string, unknown>;
    const localized =
      texts !== null &&
      typeof texts === 'object' &&
      !Array.isArray(texts) &&
      Object.keys(texts).length > 0 &&
      Object.entries(texts).every(([k, v]) => /^[a-z]{2}$/.test(k) && typeof v === 'string');
    out[key] = localized
      ? Object.fromEntries(languages.map((lang) => [lang, texts[lang] ?? Object.values(texts)[0]]))
      : value;
  }
  return out as T;
}

const bare = (domain: string | undefined) => (domain ?? '').replace(/^\./, '').toLowerCase();

/** The scanned declaration behind a finding's subject: same storage and name, same domain if any. */
function declarationFor(file: ScannedFile, finding: StoredFinding): ScannedDeclaration | undefined {
  const { kind, name, where } = finding.subject;
  return file.declarations.find(
    (d) =>
      d.storage === kind &&
      d.name === name &&
      (d.domain === undefined || bare(d.domain) === bare(where)),
  );
}

export interface AddedDeclarations {
  /** The draft's portal file with the declarations added: `saveDraft` validates it. */
  readonly file: unknown;
  /** Names added, in order. */
  readonly added: readonly string[];
  /** How many of them went to « À vérifier » (nothing classified them). */
  readonly toReview: number;
}

/**
 * The draft `file` with a declaration for each undeclared `finding`, as the scan classified it
 * (`--emit-portal`'s declarations: category, lifetime, party, domain, hosts; purpose and service
 * « to complete »). What nothing classified goes to the custom category « À vérifier », added
 * with its label when the draft lacks it, for someone to sort before publishing (nothing
 * enforces that). A finding whose cookie or key the draft declares already (same storage, name
 * and domain) is skipped.
 */
export function withScannedDeclarations(
  file: PortalFile,
  scanned: ScannedFile,
  findings: readonly StoredFinding[],
): AddedDeclarations {
  // A portal file without `languages` has the two built-in ones.
  const languages = file.languages ?? ['fr', 'en'];
  const declarations = [...file.declarations] as unknown[];
  const present = (d: ScannedDeclaration) =>
    (declarations as ScannedDeclaration[]).some(
      (x) =>
        x.name === d.name &&
        (x.storage ?? 'cookie') === d.storage &&
        bare(x.domain) === bare(d.domain),
    );
  const added: string[] = [];
  let toReview = 0;
  for (const finding of findings) {
    if (finding.rule !== 'undeclared') continue;
    const d = declarationFor(scanned, finding);
    if (!d || present(d)) continue;
    declarations.push(inLanguages(d, languages));
    added.push(d.name);
    if (d.category === REVIEW_CATEGORY) toReview += 1;
  }
  const categories = [...(file.categories ?? [])] as { id: string }[];
  const review = scanned.categories?.find((c) => c.id === REVIEW_CATEGORY);
  if (toReview > 0 && review && !categories.some((c) => c.id === REVIEW_CATEGORY)) {
    categories.push(inLanguages(review, languages));
  }
  return {
    file: { ...file, categories, declarations },
    added,
    toReview,
  };
}
