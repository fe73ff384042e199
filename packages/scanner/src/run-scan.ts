import { declarationNeedsConsent, type Revision } from '@galette/core';
import type { BrowserSettings } from './browser/launch-profile.js';
import { classifyObservations } from './classify/classify.js';
import type { CookieKnowledge } from './classify/cookie-knowledge.js';
import { discoverPages } from './crawl/discover-pages.js';
import { guardedFetch } from './crawl/guarded-fetch.js';
import { findIssues } from './findings/find-issues.js';
import { buildObservations } from './observe/build-observations.js';
import { SCAN_FORMAT, type Finding, type Scenario, type ScanResult } from './scan-result.js';
import { autoconsentFinder } from './scenarios/autoconsent-driver.js';
import { runScenario, type DriverFinder, type PlayedScenario } from './scenarios/run-scenario.js';
import { scenarioSpecs, type ScenarioSpec } from './scenarios/scenario-spec.js';
import { siteOf } from './site.js';
import { SCANNER_VERSION } from './version.js';

export const DEFAULT_SCENARIOS = [
  'no-action',
  'refuse-all',
  'accept-all',
  'categories',
  'withdraw',
];

export interface ScanOptions {
  readonly url: string;
  /** The published revision to check against; without it only consent rules are checked. */
  readonly revision?: Revision;
  readonly cookieDatabase?: CookieKnowledge;
  /** Most pages scanned; default 20. */
  readonly pages?: number;
  /** Most links followed from the start page; default 2. */
  readonly depth?: number;
  /** `no-action`, `refuse-all`, `accept-all`, `withdraw`, `categories`, `category:<id>`. */
  readonly scenarios?: readonly string[];
  /**
   * Browser profiles run in parallel (one per scenario); default 3, the fastest measured on an
   * idle 2-core machine (bench/scan: 47.5 s and 1.1 GB for 50 pages × five scenarios).
   */
  readonly concurrency?: number;
  readonly pageTimeoutMs?: number;
  readonly totalTimeoutMs?: number;
  /** Longest wait, after `load`, for the network to go quiet; default 1 500 ms. */
  readonly settleMs?: number;
  /** Silence that counts as quiet; default 250 ms. */
  readonly idleMs?: number;
  readonly browser?: BrowserSettings;
  /**
   * Drive banners other than Galette's with `@duckduckgo/autoconsent`'s rules (default true);
   * false leaves them alone, a finder of one's own replaces autoconsent.
   */
  readonly otherBanners?: boolean | DriverFinder;
}

export interface ScanProgress {
  readonly phase: 'discover' | 'scan' | 'done';
  readonly pagesDone: number;
  readonly pagesTotal: number;
  readonly scenario?: string;
  readonly scenariosDone: number;
  readonly scenariosTotal: number;
  readonly findings: number;
}

export interface ScanOutput {
  readonly result: ScanResult;
  /** Screenshots and request logs by path; the report refers to them by these paths. */
  readonly artifacts: Map<string, Uint8Array>;
}

export class ScanOptionsError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: ${value}`);
    this.name = 'ScanOptionsError';
  }
}

/** Optional categories a portal asks consent for, or the built-in ones without a portal. */
function optionalCategories(revision?: Revision): string[] {
  if (!revision) return ['statistics', 'preferences', 'marketing'];
  const ids: string[] = [];
  for (const d of revision.content.declarations) {
    if (declarationNeedsConsent(d) && !ids.includes(d.category)) ids.push(d.category);
  }
  return ids;
}

/**
 * Scans a site: discovers its pages, plays each scenario in a fresh browser profile, turns
 * what was recorded into classified observations, and checks them. Never throws for a page or
 * a scenario that fails: those go to the coverage statement. Pure of any storage, so a job
 * runner can call it as is.
 */
export async function runScan(
  options: ScanOptions,
  progress: (p: ScanProgress) => void = () => {},
): Promise<ScanOutput> {
  const startedAt = new Date();
  let start: URL;
  try {
    start = new URL(options.url);
    if (!/^https?:$/.test(start.protocol)) throw new Error('protocol');
  } catch {
    throw new ScanOptionsError('url', options.url);
  }
  const pagesLimit = options.pages ?? 20;
  const depth = options.depth ?? 2;
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const pageTimeoutMs = options.pageTimeoutMs ?? 30_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 15 * 60_000;
  const deadline = startedAt.getTime() + totalTimeoutMs;
  const words = options.scenarios ?? DEFAULT_SCENARIOS;
  const { specs, unknown } = scenarioSpecs(words, optionalCategories(options.revision));
  if (unknown.length > 0) throw new ScanOptionsError('scenarios', unknown.join(','));
  if (!Number.isInteger(pagesLimit) || pagesLimit < 1)
    throw new ScanOptionsError('pages', String(pagesLimit));
  if (!Number.isInteger(depth) || depth < 0) throw new ScanOptionsError('depth', String(depth));

  const guard = options.browser?.networkGuard;
  if (guard && !(await guard.allows(start.href))) throw new ScanOptionsError('url', options.url);
  const targetHost = start.hostname;
  const others =
    typeof options.otherBanners === 'function'
      ? options.otherBanners
      : options.otherBanners === false
        ? undefined
        : autoconsentFinder();
  let pagesDone = 0;
  let scenariosDone = 0;
  let findingsSoFar = 0;
  progress({
    phase: 'discover',
    pagesDone: 0,
    pagesTotal: 0,
    scenariosDone: 0,
    scenariosTotal: specs.length,
    findings: 0,
  });
  const discovery = await discoverPages({
    startUrl: start.href,
    maxPages: pagesLimit,
    maxDepth: depth,
    pageTimeoutMs,
    deadline,
    ...(guard ? { fetch: guardedFetch(guard) } : {}),
  });
  const pageUrls = discovery.pages.map((p) => p.url);
  const visitsPerScenario = (s: ScenarioSpec) =>
    Math.max(pageUrls.length, 2) + (s.kind === 'withdraw' ? 2 : 0);
  const pagesTotal = specs.reduce((n, s) => n + visitsPerScenario(s), 0);
  const report = (scenario?: string) =>
    progress({
      phase: 'scan',
      pagesDone,
      pagesTotal,
      ...(scenario ? { scenario } : {}),
      scenariosDone,
      scenariosTotal: specs.length,
      findings: findingsSoFar,
    });

  const played: PlayedScenario[] = new Array(specs.length);
  const converted: (Scenario | undefined)[] = new Array(specs.length);
  const artifacts = new Map<string, Uint8Array>();
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const index = next++;
      const spec = specs[index]!;
      report(spec.id);
      const result = await runScenario({
        spec,
        pages: pageUrls,
        targetHost,
        browser: options.browser ?? {},
        pageTimeoutMs,
        settleMs: options.settleMs ?? 1500,
        ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
        deadline,
        ...(others ? { otherDrivers: others } : {}),
        onPage: () => {
          pagesDone += 1;
          report(spec.id);
        },
      });
      played[index] = result;
      converted[index] = toScenario(result, targetHost, options, artifacts);
      scenariosDone += 1;
      findingsSoFar = findIssues(
        issuesInput(converted.filter(Boolean) as Scenario[], played.filter(Boolean), options),
      ).length;
      report(spec.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));

  const scenarios = converted as Scenario[];
  const findings: Finding[] = findIssues(issuesInput(scenarios, played, options));
  const finishedAt = new Date();
  const result: ScanResult = {
    format: SCAN_FORMAT,
    scanner: { version: SCANNER_VERSION, browser: 'chromium' },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    target: { url: start.href, site: siteOf(targetHost) },
    portal: options.revision
      ? {
          id: options.revision.portalId,
          revision: options.revision.number,
          hash: options.revision.hash,
        }
      : null,
    cookieDatabase: options.cookieDatabase
      ? {
          name: options.cookieDatabase.name,
          version: options.cookieDatabase.version,
          entries: options.cookieDatabase.entries,
        }
      : null,
    options: {
      pages: pagesLimit,
      depth,
      concurrency,
      pageTimeoutMs,
      totalTimeoutMs,
      scenarios: specs.map((s) => s.id),
    },
    pages: discovery.pages.map((p) => ({ ...p })),
    scenarios,
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      notices: findings.filter((f) => f.severity === 'notice').length,
      cookies: new Set(scenarios.flatMap((s) => s.cookies.map((c) => `${c.name}@${c.domain}`)))
        .size,
      storage: new Set(
        scenarios.flatMap((s) => s.storage.map((k) => `${k.kind}:${k.origin}:${k.name}`)),
      ).size,
      thirdPartyHosts: new Set(scenarios.flatMap((s) => s.requests.map((r) => r.host))).size,
    },
    coverage: {
      pagesScanned: [
        ...new Set(
          scenarios.flatMap((s) => s.visits.filter((v) => v.status === 'ok').map((v) => v.url)),
        ),
      ],
      pagesFailed: scenarios.flatMap((s) =>
        s.visits
          .filter((v) => v.status === 'failed')
          .map((v) => ({ url: v.url, scenario: s.id, reason: v.error ?? 'failed' })),
      ),
      pagesExcluded: discovery.excluded,
      scenariosNotPlayed: scenarios
        .filter((s) => s.status === 'not-played')
        .map((s) => ({ id: s.id, reason: s.reason ?? 'unknown' })),
      unattributed: scenarios.flatMap((s) => [
        ...s.cookies
          .filter((c) => c.setBy.length === 0)
          .map((c) => ({ scenario: s.id, kind: 'cookie', name: c.name })),
        ...s.storage
          .filter((k) => k.setBy.length === 0)
          .map((k) => ({ scenario: s.id, kind: k.kind, name: k.name })),
      ]),
      checksSkipped: [
        ...(options.revision ? [] : ['declarations']),
        ...(options.cookieDatabase ? [] : ['cookie-database']),
      ],
      truncated: discovery.truncated || finishedAt.getTime() > deadline,
    },
  };
  progress({
    phase: 'done',
    pagesDone,
    pagesTotal,
    scenariosDone,
    scenariosTotal: specs.length,
    findings: findings.length,
  });
  return { result, artifacts };
}

function issuesInput(scenarios: Scenario[], played: PlayedScenario[], options: ScanOptions) {
  const noRefusal = played.find((p) => p?.noRefusal);
  return {
    scenarios,
    ...(noRefusal?.noRefusal
      ? { noRefusal: { ...noRefusal.noRefusal, scenario: noRefusal.spec.id } }
      : {}),
    ...(options.revision ? { portal: options.revision.content } : {}),
  };
}

function toScenario(
  played: PlayedScenario,
  targetHost: string,
  options: ScanOptions,
  artifacts: Map<string, Uint8Array>,
): Scenario {
  const observations = buildObservations(played.recording, targetHost);
  classifyObservations(observations, {
    targetHost,
    ...(options.revision ? { portal: options.revision.content } : {}),
    ...(options.cookieDatabase ? { database: options.cookieDatabase } : {}),
  });
  const slug = played.spec.id.replace(/[^a-z0-9-]/g, '-');
  const screenshots: Scenario['screenshots'] = {};
  if (played.screenshots.firstLayer) {
    screenshots.firstLayer = `screenshots/${slug}-first-layer.jpg`;
    artifacts.set(screenshots.firstLayer, played.screenshots.firstLayer);
  }
  if (played.screenshots.afterChoice) {
    screenshots.afterChoice = `screenshots/${slug}-after-choice.jpg`;
    artifacts.set(screenshots.afterChoice, played.screenshots.afterChoice);
  }
  const log = played.recording.requests.map((r) => ({
    url: r.url,
    type: r.type,
    time: new Date(r.time).toISOString(),
    page: played.recording.visitUrls[r.visit] ?? null,
    initiator: played.recording.initiators.get(r.url) ?? null,
  }));
  artifacts.set(
    `requests/${slug}.json`,
    new TextEncoder().encode(`${JSON.stringify(log, null, 2)}\n`),
  );
  return {
    id: played.spec.id,
    status: played.status,
    ...(played.reason ? { reason: played.reason } : {}),
    consentMechanism: played.mechanism,
    screenshots,
    visits: played.visits.map((v) => ({ ...v })),
    ...observations,
  };
}
