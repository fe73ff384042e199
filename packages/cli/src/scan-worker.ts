import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { loadCookieDatabase, networkGuard } from '@galette/core/node';
import { withoutScreenshots } from '@galette/server';
import {
  KyselyStore,
  openScanJobs,
  type ScanArtifact,
  type ScanJob,
  type ScanJobProgress,
  type ScanJobs,
  type PrunedCounts,
  type Store,
} from '@galette/storage';
import { DEFAULT_SCAN_KEEP_EVIDENCE } from './scan-settings.js';

/** What the worker needs of the scanner; tests give a stand-in that starts no browser. */
export type ScanRunner = (
  job: ScanJob,
  context: {
    store: Store;
    env: Readonly<Record<string, string | undefined>>;
    progress: (p: ScanJobProgress) => void;
  },
) => Promise<{
  result: unknown;
  summary: {
    errors: number;
    warnings: number;
    notices: number;
    cookies: number;
    newErrors?: number;
  };
  /** Reports, screenshots, request logs, the draft portal file and the evidence manifest. */
  artifacts?: ScanArtifact[];
}>;

export interface ScanWorkerOptions {
  readonly store: Store;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Names the worker in the job's row; host and a random suffix by default. */
  readonly id?: string;
  /** Pause between looks at the queue when it is empty; default 5 s. */
  readonly pollMs?: number;
  /** How often a running job says its worker is alive; default 20 s. */
  readonly heartbeatMs?: number;
  readonly run?: ScanRunner;
  /**
   * After each scan it finishes, older scans of the portal than its newest `keepEvidence`
   * lose their screenshots and HTML and Markdown reports (default 30; `all`: none do).
   */
  readonly keepEvidence?: number | 'all';
  /**
   * Told when a job starts, ends or fails, when older scans' files were deleted after it (or
   * could not be), and when the queue cannot be read.
   */
  readonly onEvent?: (event: ScanWorkerEvent) => void;
}

export type ScanWorkerEvent =
  | { readonly kind: 'started'; readonly job: ScanJob }
  | { readonly kind: 'done'; readonly job: ScanJob; readonly errors: number }
  | { readonly kind: 'failed'; readonly job: ScanJob; readonly message: string }
  | {
      readonly kind: 'pruned';
      readonly job: ScanJob;
      readonly keep: number;
      readonly pruned: PrunedCounts;
    }
  | { readonly kind: 'prune-failed'; readonly job: ScanJob; readonly message: string }
  | { readonly kind: 'queue-error'; readonly message: string };

export interface ScanWorker {
  readonly id: string;
  /**
   * Stops taking jobs and waits for the one in progress, `graceMs` at most (default 10 s): a
   * scan left running is taken over by another worker once its heartbeat is stale.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Scan jobs on the store's database, or undefined for a store that keeps none. */
export function scanJobsOf(store: Store): ScanJobs | undefined {
  return store instanceof KyselyStore ? openScanJobs(store.database) : undefined;
}

const MEDIA_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  jpg: 'image/jpeg',
};

function mediaTypeOf(path: string): string {
  return MEDIA_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/**
 * The portal's finished scans before this one, newest first: the latest carries the manifest
 * chain; the latest of the same address and options is what « new errors » compare with (a
 * one-page console scan in between must not make a weekly scan's old errors look new).
 */
export async function previousDone(
  jobs: ScanJobs | undefined,
  job: ScanJob,
): Promise<{ latest?: ScanJob; comparable?: ScanJob }> {
  const done = ((await jobs?.list(job.portalId, 20)) ?? []).filter(
    (j) => j.id !== job.id && j.status === 'done' && j.createdAt <= job.createdAt,
  );
  const same = (j: ScanJob) =>
    j.url === job.url && JSON.stringify(j.options) === JSON.stringify(job.options);
  return {
    ...(done[0] ? { latest: done[0] } : {}),
    ...(done.find(same) ? { comparable: done.find(same)! } : {}),
  };
}

/**
 * The scan itself: the portal's latest revision, the shipped cookie database, Chromium. Its
 * evidence is kept with the job as the CLI writes it to disk: the report in JSON, HTML and
 * Markdown (French and English), the screenshots, the request logs, a draft portal file of
 * what was seen (for « add to draft »), and a manifest of their SHA-256 chained to the
 * previous scan's manifest. `newErrors` counts the error findings the previous scan of the same
 * address and options did not have (a finding's id is its rule, scenario and subject).
 */
export const runScanJob: ScanRunner = async (job, { store, env, progress }) => {
  const scanner = await import('@galette/scanner');
  const jobs = scanJobsOf(store);
  const revision = await store.latestRevision(job.portalId);
  const cookieDatabase = scanner.cookieDatabaseKnowledge(await loadCookieDatabase({ env }));
  // Editors and API tokens start these scans, and their reports and screenshots are read in the
  // console: the server's browser must not become a way into its own networks (cloud metadata,
  // databases, intranet pages) unless the operator says its portals live there.
  const guard = /^allow$/i.test(env.GALETTE_SCAN_PRIVATE_NETWORKS ?? '')
    ? undefined
    : networkGuard();
  if (guard && !(await guard.allows(job.url))) {
    throw new Error(
      `${job.url}: a private network address; scans run by the server visit public addresses only (GALETTE_SCAN_PRIVATE_NETWORKS=allow lets them in)`,
    );
  }
  const { result, artifacts } = await scanner.runScan(
    {
      url: job.url,
      ...(revision ? { revision } : {}),
      cookieDatabase,
      ...(guard ? { browser: { networkGuard: guard } } : {}),
      ...(job.options.pages !== undefined ? { pages: job.options.pages } : {}),
      ...(job.options.depth !== undefined ? { depth: job.options.depth } : {}),
      ...(job.options.scenarios ? { scenarios: job.options.scenarios } : {}),
    },
    (p) =>
      progress({
        pagesDone: p.pagesDone,
        pagesTotal: p.pagesTotal,
        ...(p.scenario ? { scenario: p.scenario } : {}),
        findings: p.findings,
      }),
  );
  const text = (s: string) => new TextEncoder().encode(s);
  const files = new Map<string, Uint8Array>(artifacts);
  files.set('report.json', text(`${JSON.stringify(result, null, 2)}\n`));
  for (const lang of ['fr', 'en']) {
    files.set(`report.${lang}.html`, text(scanner.renderScanHtml(result, { lang, artifacts })));
    files.set(`report.${lang}.md`, text(scanner.renderScanMarkdown(result, { lang })));
  }
  const portal = await store.getPortal(job.portalId);
  files.set(
    'draft-portal.json',
    text(
      `${JSON.stringify(scanner.draftPortalFile(result, { id: job.portalId, ...(portal ? { name: portal.name } : {}) }), null, 2)}\n`,
    ),
  );
  const { latest: previous, comparable } = await previousDone(jobs, job);
  const [previousManifest, previousResult] = await Promise.all([
    previous ? jobs!.artifact(previous.id, 'manifest.json') : undefined,
    comparable ? jobs!.result(comparable.id) : undefined,
  ]);
  const manifest = scanner.buildManifest({
    subject: job.portalId,
    target: result.target.url,
    createdAt: result.finishedAt,
    artifacts: files,
    ...(previousManifest
      ? { previous: { bytes: previousManifest.bytes, path: `../${previous!.id}/manifest.json` } }
      : {}),
  });
  files.set('manifest.json', scanner.manifestBytes(manifest));
  // Each HTML report embeds every screenshot: stored once, beside it (the console puts them back).
  const screenshots = new Map([...artifacts].filter(([path]) => path.startsWith('screenshots/')));
  for (const lang of ['fr', 'en']) {
    const path = `report.${lang}.html`;
    files.set(
      path,
      text(withoutScreenshots(new TextDecoder().decode(files.get(path)), screenshots)),
    );
  }
  const before = previousResult as { findings?: { id: string }[] } | undefined;
  const known = new Set((before?.findings ?? []).map((f) => f.id));
  const { errors, warnings, notices, cookies } = result.summary;
  return {
    result,
    summary: {
      errors,
      warnings,
      notices,
      cookies,
      ...(before?.findings
        ? {
            newErrors: result.findings.filter((f) => f.severity === 'error' && !known.has(f.id))
              .length,
          }
        : {}),
    },
    artifacts: [...files].map(([path, bytes]) => ({ path, mediaType: mediaTypeOf(path), bytes })),
  };
};

/**
 * Takes scan jobs from the store one at a time and runs them, queueing scheduled scans when
 * they are due. Jobs live in the database: a worker that stops mid-scan leaves its job to be
 * taken over once its heartbeat is stale, and on PostgreSQL several workers never share one.
 */
export function startScanWorker(options: ScanWorkerOptions): ScanWorker {
  const jobs = scanJobsOf(options.store);
  const id = options.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const run = options.run ?? runScanJob;
  const pollMs = options.pollMs ?? 5000;
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const tell = options.onEvent ?? (() => {});
  const keep = options.keepEvidence ?? DEFAULT_SCAN_KEEP_EVIDENCE;
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const runOne = async (job: ScanJob) => {
    tell({ kind: 'started', job });
    let latest: ScanJobProgress | undefined;
    let lastSent = 0;
    const beat = () => jobs!.heartbeat(job.id, id, latest).catch(() => false);
    const timer = setInterval(() => void beat(), heartbeatMs);
    try {
      const outcome = await run(job, {
        store: options.store,
        env: options.env ?? process.env,
        progress: (p) => {
          latest = p;
          // Progress for the console page, at most every second.
          if (Date.now() - lastSent >= 1000) {
            lastSent = Date.now();
            void beat();
          }
        },
      });
      const stored = await jobs!.finish(job.id, id, outcome);
      tell({ kind: 'done', job, errors: outcome.summary.errors });
      if (stored && keep !== 'all') await prune(job, keep);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await jobs!.finish(job.id, id, { error: message }).catch(() => false);
      tell({ kind: 'failed', job, message });
    } finally {
      clearInterval(timer);
    }
  };

  // The scan just stored may push an older one past the count: its files go now, so a portal
  // never holds more than `keep` scans' worth (plus what another node is finishing).
  const prune = async (job: ScanJob, keep: number) => {
    try {
      const { portals: _portals, ...pruned } = await jobs!.pruneEvidence({
        keepPerPortal: keep,
        portalId: job.portalId,
      });
      void _portals;
      if (pruned.scans > 0) tell({ kind: 'pruned', job, keep, pruned });
    } catch (error) {
      tell({
        kind: 'prune-failed',
        job,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const loop = (async () => {
    if (!jobs) return;
    while (!stopping) {
      try {
        await jobs.enqueueDue();
        const job = await jobs.claimNext(id);
        if (job) {
          await runOne(job);
          continue;
        }
      } catch (error) {
        // The database may be away for a while: the loop tries again after a pause.
        tell({
          kind: 'queue-error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      if (!stopping) await sleep(pollMs);
    }
  })();

  return {
    id,
    async stop(graceMs = 10_000) {
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        loop,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    },
  };
}
