import { z } from 'zod';

/**
 * The scan report, `galette.scan/1`: one definition gives the TypeScript types, the runtime
 * check and the published JSON Schema (`scanResultJsonSchema`).
 */
export const SCAN_FORMAT = 'galette.scan/1';

const Party = z.enum(['first', 'third']).describe('Set by the scanned site or by another site');

export const ClassificationSource = z.enum([
  'declaration',
  'cookie-database',
  'heuristic',
  'unknown',
]);
export type ClassificationSource = z.infer<typeof ClassificationSource>;

export const Classification = z
  .object({
    category: z.string().describe('A category id, or `unknown`'),
    source: ClassificationSource,
    /** Index of the matching declaration in the portal's published revision. */
    declaration: z.number().int().nonnegative().optional(),
    /** What matched: a declaration's name pattern, a database row, a heuristic rule. */
    detail: z.string().optional(),
    consentExempt: z.boolean().optional(),
    /** The Open Cookie Database's category, kept even when a declaration won. */
    databaseCategory: z.string().optional(),
    databasePlatform: z.string().optional(),
  })
  .describe(
    'Which source classified the observation, in the order declarations → database → heuristics',
  );
export type Classification = z.infer<typeof Classification>;

export const Setter = z
  .discriminatedUnion('via', [
    z.object({
      via: z.literal('http'),
      /** The response that carried `Set-Cookie`. */
      url: z.string(),
      /** What caused that request, nearest first: scripts or documents. */
      initiators: z.array(z.string()),
      frame: z.string().optional(),
    }),
    z.object({
      via: z.literal('script'),
      /** The script whose code wrote it (first frame of the stack with an address). */
      script: z.string().optional(),
      stack: z.array(z.string()),
      frame: z.string(),
    }),
  ])
  .describe('Who set a cookie or a storage key');
export type Setter = z.infer<typeof Setter>;

export const Lifetime = z.object({
  session: z.boolean(),
  /** Asked for by the site, from the header or the write, before Chromium's 400-day cap. */
  days: z.number().optional(),
  /** Whole calendar months reached from the moment it was set. */
  months: z.number().int().optional(),
  from: z.enum(['header', 'script', 'browser']),
});
export type Lifetime = z.infer<typeof Lifetime>;

export const CookieObservation = z.object({
  name: z.string(),
  domain: z.string(),
  path: z.string(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.string(),
  party: Party,
  lifetime: Lifetime,
  /** ISO instant the browser keeps it until (capped at 400 days), absent for a session cookie. */
  expires: z.string().optional(),
  /** Its expiry moved forward on at least two page views. */
  renewed: z.boolean(),
  /** Present or written before the scenario's choice (every page of `no-action`). */
  beforeChoice: z.boolean(),
  /** Present or written after the choice. */
  afterChoice: z.boolean(),
  /** Written (not only kept) after the choice. */
  writtenAfterChoice: z.boolean(),
  pages: z.array(z.string()),
  setBy: z.array(Setter),
  classification: Classification,
});
export type CookieObservation = z.infer<typeof CookieObservation>;

export const StorageKind = z.enum(['localStorage', 'sessionStorage', 'indexedDB']);
export type StorageKind = z.infer<typeof StorageKind>;

export const StorageObservation = z.object({
  kind: StorageKind,
  /** The frame origin that owns it. */
  origin: z.string(),
  /** Key, or database name for IndexedDB. */
  name: z.string(),
  party: Party,
  beforeChoice: z.boolean(),
  afterChoice: z.boolean(),
  writtenAfterChoice: z.boolean(),
  pages: z.array(z.string()),
  setBy: z.array(Setter),
  classification: Classification,
});
export type StorageObservation = z.infer<typeof StorageObservation>;

export const RequestObservation = z.object({
  host: z.string(),
  /** Resource types seen: script, image, document (frame), xhr, fetch… */
  types: z.array(z.string()),
  count: z.number().int().positive(),
  /** Up to five addresses, as evidence. */
  urls: z.array(z.string()),
  beforeChoice: z.boolean(),
  afterChoice: z.boolean(),
  pages: z.array(z.string()),
  initiators: z.array(z.string()),
  classification: Classification,
});
export type RequestObservation = z.infer<typeof RequestObservation>;

export const ScenarioId = z
  .string()
  .regex(/^(no-action|refuse-all|accept-all|withdraw|category:[a-z0-9_-]+)$/);

export const PageVisit = z.object({
  url: z.string(),
  status: z.enum(['ok', 'failed']),
  error: z.string().optional(),
  /** The choice was made on this visit. */
  choice: z.boolean().optional(),
});

export const Scenario = z.object({
  id: ScenarioId,
  status: z.enum(['played', 'not-played']),
  reason: z.string().optional(),
  /** How the choice was made: `galette`, `autoconsent:<rule>`, or `none` (no action). */
  consentMechanism: z.string(),
  /** Artifact paths (relative to the manifest) of the first layer and of the page after the choice. */
  screenshots: z.object({ firstLayer: z.string().optional(), afterChoice: z.string().optional() }),
  visits: z.array(PageVisit),
  cookies: z.array(CookieObservation),
  storage: z.array(StorageObservation),
  requests: z.array(RequestObservation),
});
export type Scenario = z.infer<typeof Scenario>;

export const FINDING_RULES = [
  'before-consent',
  'after-refusal',
  'undeclared',
  'declared-not-seen',
  'wrong-category',
  'lifetime-over-declared',
  'lifetime-over-13-months',
  'exempt-conditions',
  'no-refusal',
] as const;
export const FindingRule = z.enum(FINDING_RULES);
export type FindingRule = z.infer<typeof FindingRule>;
export const Severity = z.enum(['error', 'warning', 'notice']);
export type Severity = z.infer<typeof Severity>;

export const Subject = z.object({
  kind: z.enum(['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'request', 'banner']),
  name: z.string(),
  /** Cookie domain, storage origin or request host. */
  where: z.string().optional(),
});
export type Subject = z.infer<typeof Subject>;

export const Finding = z.object({
  /** Stable across scans of the same site: rule, scenario and subject. */
  id: z.string(),
  rule: FindingRule,
  severity: Severity,
  scenario: z.string(),
  subject: Subject,
  category: z.string().optional(),
  declaration: z.number().int().nonnegative().optional(),
  pages: z.array(z.string()),
  setBy: z.array(Setter),
  /** Rule-specific facts behind the finding (lifetimes in days, categories, reasons). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Finding = z.infer<typeof Finding>;

export const Coverage = z.object({
  pagesScanned: z.array(z.string()),
  pagesFailed: z.array(z.object({ url: z.string(), scenario: z.string(), reason: z.string() })),
  pagesExcluded: z.array(z.object({ url: z.string(), reason: z.string() })),
  scenariosNotPlayed: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** Cookies and keys seen in the browser whose writer the scanner did not catch. */
  unattributed: z.array(z.object({ scenario: z.string(), kind: z.string(), name: z.string() })),
  /** Checks not run, e.g. the declaration checks when no portal revision was given. */
  checksSkipped: z.array(z.string()),
  truncated: z.boolean().describe('The page or time budget stopped the crawl early'),
});
export type Coverage = z.infer<typeof Coverage>;

export const ScanResult = z.object({
  format: z.literal(SCAN_FORMAT),
  scanner: z.object({ version: z.string(), browser: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  target: z.object({ url: z.string(), site: z.string() }),
  portal: z
    .object({ id: z.string(), revision: z.number().int(), hash: z.string() })
    .nullable()
    .describe('The published revision the findings are checked against'),
  cookieDatabase: z
    .object({ name: z.string(), version: z.string(), entries: z.number().int() })
    .nullable(),
  options: z.object({
    pages: z.number().int(),
    depth: z.number().int(),
    concurrency: z.number().int(),
    pageTimeoutMs: z.number().int(),
    totalTimeoutMs: z.number().int(),
    scenarios: z.array(z.string()),
  }),
  pages: z.array(
    z.object({
      url: z.string(),
      depth: z.number().int(),
      via: z.enum(['start', 'sitemap', 'link']),
    }),
  ),
  scenarios: z.array(Scenario),
  findings: z.array(Finding),
  summary: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    notices: z.number().int(),
    cookies: z.number().int(),
    storage: z.number().int(),
    thirdPartyHosts: z.number().int(),
  }),
  coverage: Coverage,
});
export type ScanResult = z.infer<typeof ScanResult>;

/** The JSON Schema of `galette.scan/1` (draft 2020-12). */
export function scanResultJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://galette.dev/schemas/galette.scan-1.json',
    title: 'Galette scan report (galette.scan/1)',
    ...z.toJSONSchema(ScanResult, { target: 'draft-2020-12' }),
  };
}
