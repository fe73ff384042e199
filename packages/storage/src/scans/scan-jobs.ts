/** What a scan job asks the scanner for; the rest are the scanner's defaults. */
export interface ScanJobOptions {
  readonly pages?: number;
  readonly depth?: number;
  readonly scenarios?: readonly string[];
}

export type ScanJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ScanJobProgress {
  readonly pagesDone: number;
  readonly pagesTotal: number;
  readonly scenario?: string;
  readonly findings: number;
}

export interface ScanJobSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly notices: number;
  readonly cookies: number;
  /** Error findings the portal's previous finished scan did not have (absent for a first scan). */
  readonly newErrors?: number;
}

/** A file of a finished scan, as stored. */
export interface ScanArtifact {
  /** As the report names it: `report.fr.html`, `screenshots/refuse-all-first-layer.jpg`… */
  readonly path: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** A stored file without its bytes. */
export interface ScanArtifactInfo {
  readonly path: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly size: number;
}

export interface ScanJob {
  readonly id: string;
  readonly portalId: string;
  readonly url: string;
  readonly options: ScanJobOptions;
  readonly status: ScanJobStatus;
  readonly trigger: string;
  readonly requestedBy?: string;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly worker?: string;
  readonly heartbeatAt?: string;
  /** Times a worker took it: more than one means a worker stopped while running it. */
  readonly attempts: number;
  readonly progress?: ScanJobProgress;
  readonly summary?: ScanJobSummary;
  readonly error?: string;
  /**
   * Set once the retention rule deleted its screenshots and HTML and Markdown reports: when, and
   * how many newer finished scans of the portal kept theirs then.
   */
  readonly evidencePruned?: { readonly at: string; readonly keep: number };
}

export interface NewScanJob {
  readonly portalId: string;
  readonly url: string;
  readonly options?: ScanJobOptions;
  readonly trigger: string;
  readonly requestedBy?: string;
}

export interface ScanSchedule {
  readonly portalId: string;
  readonly url: string;
  readonly everyDays: number;
  readonly nextRunAt: string;
  readonly updatedBy?: string;
}

/** What `pruneEvidence` removed, in all and for each portal that lost something. */
export interface PrunedEvidence {
  readonly scans: number;
  readonly files: number;
  /** The files' own size. */
  readonly bytes: number;
  /** What they took in the database (base64 text, a third more). */
  readonly storedBytes: number;
  readonly portals: readonly ({ readonly portalId: string } & PrunedCounts)[];
}

export type PrunedCounts = Omit<PrunedEvidence, 'portals'>;

export interface PruneEvidenceOptions {
  /** Finished scans of each portal, newest first, that keep every file. */
  readonly keepPerPortal: number;
  /** Only this portal's scans. */
  readonly portalId?: string;
}

export interface ClaimOptions {
  /** A running job whose worker has not said it is alive for this long is taken over. */
  readonly staleAfterMs?: number;
  /** Taken this many times already: failed instead of taken again. */
  readonly maxAttempts?: number;
}

/**
 * Scan jobs as a queue in the database, so that they survive a restart and, with several
 * nodes on one PostgreSQL, exactly one worker takes each job (`claimNext` locks the row it
 * takes with `FOR UPDATE SKIP LOCKED`; SQLite's single write lock does the same on one node).
 */
export interface ScanJobs {
  enqueue(job: NewScanJob): Promise<ScanJob>;
  /**
   * Takes the oldest queued job (or a running one whose worker went silent) for `worker`, or
   * undefined when there is none.
   */
  claimNext(worker: string, options?: ClaimOptions): Promise<ScanJob | undefined>;
  /** Records progress and that `worker` is alive; false when the job is no longer its own. */
  heartbeat(id: string, worker: string, progress?: ScanJobProgress): Promise<boolean>;
  /** Stores the outcome; false when the job is no longer `worker`'s (another took it over). */
  finish(
    id: string,
    worker: string,
    outcome:
      | { result: unknown; summary: ScanJobSummary; artifacts?: readonly ScanArtifact[] }
      | { error: string },
  ): Promise<boolean>;
  get(id: string): Promise<ScanJob | undefined>;
  /** The stored `galette.scan/1` report of a finished job. */
  result(id: string): Promise<unknown>;
  /** A portal's jobs, newest first. */
  list(portalId: string, limit?: number): Promise<ScanJob[]>;
  /** The latest finished job of each portal that has one. */
  latestDone(): Promise<ScanJob[]>;
  /** Of these portals, the latest finished scheduled job of each that has one: one query. */
  latestScheduled(portalIds: readonly string[]): Promise<ScanJob[]>;
  /** A finished job's files, without their bytes, by path. */
  artifacts(id: string): Promise<ScanArtifactInfo[]>;
  /** One file of a finished job with its bytes, or undefined. */
  artifact(
    id: string,
    path: string,
  ): Promise<(ScanArtifactInfo & { bytes: Uint8Array }) | undefined>;

  /**
   * Deletes the screenshots and the HTML and Markdown reports of each portal's finished scans
   * older than its newest `keepPerPortal`, a few scans per transaction; the job, its result and
   * summary and its other files (manifest, JSON report, request logs, draft portal file) stay,
   * so findings, diffs and the manifest chain still read. A scan is counted once even when
   * several nodes prune at the same time.
   */
  pruneEvidence(options: PruneEvidenceOptions): Promise<PrunedEvidence>;

  getSchedule(portalId: string): Promise<ScanSchedule | undefined>;
  /** Sets (or, with `null`, removes) a portal's schedule; the first run is one period away. */
  setSchedule(
    portalId: string,
    schedule: { url: string; everyDays: number; updatedBy?: string } | null,
  ): Promise<void>;
  /**
   * Queues a job for every schedule that is due and moves it one period on, each schedule once
   * even with several nodes asking at the same time. Returns the queued jobs.
   */
  enqueueDue(): Promise<ScanJob[]>;
}
