/*
 * Scan tables, merged into `Database`: scan jobs (a queue that survives restarts, one worker
 * per job) and per-portal schedules. Portable like the others: timestamps are ISO 8601 text,
 * JSON is text.
 */

export interface ScanJobsTable {
  id: string;
  portal_id: string;
  url: string;
  /** JSON of `ScanJobOptions`. */
  options: string;
  /** `queued`, `running`, `done` or `failed`. */
  status: string;
  /** `console`, `schedule`, `cli`… */
  trigger: string;
  requested_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The worker holding the job while it runs, and when it last said it was alive. */
  worker: string | null;
  heartbeat_at: string | null;
  attempts: number;
  /** JSON of `ScanJobProgress`. */
  progress: string | null;
  /** JSON of `ScanJobSummary`, once done. */
  summary: string | null;
  error: string | null;
  /** The `galette.scan/1` report, once done. */
  result: string | null;
  /** When the retention rule deleted its heavy files, and how many newer scans kept theirs. */
  evidence_pruned_at: string | null;
  evidence_kept: number | null;
}

export interface ScanSchedulesTable {
  portal_id: string;
  url: string;
  every_days: number;
  next_run_at: string;
  updated_by: string | null;
}

/** A finished scan's files (reports, screenshots, manifest), by path as the report names them. */
export interface ScanArtifactsTable {
  job_id: string;
  path: string;
  media_type: string;
  /** Hex SHA-256 of the bytes, as the evidence manifest lists it. */
  sha256: string;
  size: number;
  /** The bytes, base64. */
  content: string;
}

export interface ScanTables {
  scan_jobs: ScanJobsTable;
  scan_schedules: ScanSchedulesTable;
  scan_artifacts: ScanArtifactsTable;
}
