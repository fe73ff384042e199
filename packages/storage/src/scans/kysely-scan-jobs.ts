import { createHash } from 'node:crypto';
import { timeOrderedId } from './time-ordered-id.js';
import type { Selectable } from 'kysely';
import type { DatabaseHandle } from '../database.js';
import { pruneScanEvidence } from './prune-scan-evidence.js';
import { storageFailure } from '../storage-failure.js';
import type {
  ClaimOptions,
  PruneEvidenceOptions,
  PrunedEvidence,
  ScanArtifact,
  ScanArtifactInfo,
  NewScanJob,
  ScanJob,
  ScanJobProgress,
  ScanJobs,
  ScanJobStatus,
  ScanJobSummary,
  ScanSchedule,
} from './scan-jobs.js';
import type { ScanJobsTable } from './scan-tables.js';

const DEFAULT_STALE_MS = 2 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const DAY_MS = 86_400_000;

/** Every column but the report, which only `result()` reads. */
const JOB_COLUMNS = [
  'id',
  'portal_id',
  'url',
  'options',
  'status',
  'trigger',
  'requested_by',
  'created_at',
  'started_at',
  'finished_at',
  'worker',
  'heartbeat_at',
  'attempts',
  'progress',
  'summary',
  'error',
  'evidence_pruned_at',
  'evidence_kept',
] as const;

type JobRow = Omit<Selectable<ScanJobsTable>, 'result'>;

function jobFromRow(row: JobRow): ScanJob {
  return {
    id: row.id,
    portalId: row.portal_id,
    url: row.url,
    options: JSON.parse(row.options) as ScanJob['options'],
    status: row.status as ScanJobStatus,
    trigger: row.trigger,
    ...(row.requested_by !== null ? { requestedBy: row.requested_by } : {}),
    createdAt: row.created_at,
    ...(row.started_at !== null ? { startedAt: row.started_at } : {}),
    ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
    ...(row.worker !== null ? { worker: row.worker } : {}),
    ...(row.heartbeat_at !== null ? { heartbeatAt: row.heartbeat_at } : {}),
    attempts: Number(row.attempts),
    ...(row.progress !== null ? { progress: JSON.parse(row.progress) as ScanJobProgress } : {}),
    ...(row.summary !== null ? { summary: JSON.parse(row.summary) as ScanJobSummary } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.evidence_pruned_at !== null
      ? { evidencePruned: { at: row.evidence_pruned_at, keep: Number(row.evidence_kept ?? 0) } }
      : {}),
  };
}

/** `ScanJobs` on the store's database (SQLite or PostgreSQL). */
export class KyselyScanJobs implements ScanJobs {
  readonly #database: DatabaseHandle;
  readonly #now: () => Date;

  constructor(database: DatabaseHandle, options: { now?: () => Date } = {}) {
    this.#database = database;
    this.#now = options.now ?? (() => new Date());
  }

  get #db() {
    return this.#database.db;
  }

  async enqueue(job: NewScanJob): Promise<ScanJob> {
    const row = {
      id: timeOrderedId(this.#now().getTime()),
      portal_id: job.portalId,
      url: job.url,
      options: JSON.stringify(job.options ?? {}),
      status: 'queued',
      trigger: job.trigger,
      requested_by: job.requestedBy ?? null,
      created_at: this.#now().toISOString(),
      started_at: null,
      finished_at: null,
      worker: null,
      heartbeat_at: null,
      attempts: 0,
      progress: null,
      summary: null,
      error: null,
      result: null,
      evidence_pruned_at: null,
      evidence_kept: null,
    };
    await this.#run(() => this.#db.insertInto('scan_jobs').values(row).execute());
    const { result: _result, ...rest } = row;
    void _result;
    return jobFromRow(rest);
  }

  async claimNext(worker: string, options: ClaimOptions = {}): Promise<ScanJob | undefined> {
    const now = this.#now();
    const stale = new Date(now.getTime() - (options.staleAfterMs ?? DEFAULT_STALE_MS));
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    return this.#run(async () => {
      // A job taken too often (its worker keeps dying on it) fails instead of looping.
      await this.#db
        .updateTable('scan_jobs')
        .set({ status: 'failed', finished_at: now.toISOString(), error: 'worker-lost' })
        .where('status', '=', 'running')
        .where('heartbeat_at', '<', stale.toISOString())
        .where('attempts', '>=', maxAttempts)
        .execute();
      let next = this.#db
        .selectFrom('scan_jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('status', '=', 'queued'),
            eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', stale.toISOString())]),
          ]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .limit(1);
      // Several nodes on one PostgreSQL: each skips the rows another is taking.
      if (this.#database.capabilities.forUpdate) next = next.forUpdate().skipLocked();
      const row = await this.#db
        .updateTable('scan_jobs')
        .set((eb) => ({
          status: 'running',
          worker,
          started_at: now.toISOString(),
          heartbeat_at: now.toISOString(),
          attempts: eb('attempts', '+', 1),
          progress: null,
        }))
        .where('id', '=', (eb) => eb.selectFrom(next.as('n')).select('n.id'))
        // Checked again on the row as it is when locked, whatever the subquery saw.
        .where((eb) =>
          eb.or([
            eb('status', '=', 'queued'),
            eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', stale.toISOString())]),
          ]),
        )
        .returning(JOB_COLUMNS)
        .executeTakeFirst();
      return row ? jobFromRow(row) : undefined;
    });
  }

  async heartbeat(id: string, worker: string, progress?: ScanJobProgress): Promise<boolean> {
    const result = await this.#run(() =>
      this.#db
        .updateTable('scan_jobs')
        .set({
          heartbeat_at: this.#now().toISOString(),
          ...(progress ? { progress: JSON.stringify(progress) } : {}),
        })
        .where('id', '=', id)
        .where('worker', '=', worker)
        .where('status', '=', 'running')
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) > 0;
  }

  async finish(
    id: string,
    worker: string,
    outcome:
      | { result: unknown; summary: ScanJobSummary; artifacts?: readonly ScanArtifact[] }
      | { error: string },
  ): Promise<boolean> {
    const done = 'result' in outcome;
    const files = done ? (outcome.artifacts ?? []) : [];
    return this.#run(() =>
      this.#db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('scan_jobs')
          .set({
            status: done ? 'done' : 'failed',
            finished_at: this.#now().toISOString(),
            ...(done
              ? { result: JSON.stringify(outcome.result), summary: JSON.stringify(outcome.summary) }
              : { error: outcome.error.slice(0, 2000) }),
          })
          .where('id', '=', id)
          .where('worker', '=', worker)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        for (const f of files) {
          const bytes = Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
          await trx
            .insertInto('scan_artifacts')
            .values({
              job_id: id,
              path: f.path,
              media_type: f.mediaType,
              sha256: createHash('sha256').update(bytes).digest('hex'),
              size: bytes.byteLength,
              content: bytes.toString('base64'),
            })
            .execute();
        }
        return true;
      }),
    );
  }

  async artifacts(id: string): Promise<ScanArtifactInfo[]> {
    const rows = await this.#run(() =>
      this.#db
        .selectFrom('scan_artifacts')
        .select(['path', 'media_type', 'sha256', 'size'])
        .where('job_id', '=', id)
        .orderBy('path')
        .execute(),
    );
    return rows.map((r) => ({
      path: r.path,
      mediaType: r.media_type,
      sha256: r.sha256,
      size: Number(r.size),
    }));
  }

  async artifact(
    id: string,
    path: string,
  ): Promise<(ScanArtifactInfo & { bytes: Uint8Array }) | undefined> {
    const row = await this.#run(() =>
      this.#db
        .selectFrom('scan_artifacts')
        .selectAll()
        .where('job_id', '=', id)
        .where('path', '=', path)
        .executeTakeFirst(),
    );
    return row
      ? {
          path: row.path,
          mediaType: row.media_type,
          sha256: row.sha256,
          size: Number(row.size),
          bytes: new Uint8Array(Buffer.from(row.content, 'base64')),
        }
      : undefined;
  }

  async latestScheduled(portalIds: readonly string[]): Promise<ScanJob[]> {
    if (portalIds.length === 0) return [];
    const rows = await this.#run(() =>
      this.#db
        .selectFrom('scan_jobs as j')
        .select(JOB_COLUMNS.map((c) => `j.${c}` as const))
        .where('j.portal_id', 'in', [...portalIds])
        .where('j.trigger', '=', 'schedule')
        .where('j.status', '=', 'done')
        .where('j.finished_at', '=', (eb) =>
          eb
            .selectFrom('scan_jobs as k')
            .select((k) => k.fn.max('k.finished_at').as('last'))
            .whereRef('k.portal_id', '=', 'j.portal_id')
            .where('k.trigger', '=', 'schedule')
            .where('k.status', '=', 'done'),
        )
        .orderBy('j.portal_id')
        .orderBy('j.id', 'desc')
        .execute(),
    );
    // Two jobs of a portal finished in the same millisecond: the later-queued one stands.
    const latest = new Map<string, JobRow>();
    for (const row of rows) if (!latest.has(row.portal_id)) latest.set(row.portal_id, row);
    return [...latest.values()].map(jobFromRow);
  }

  async get(id: string): Promise<ScanJob | undefined> {
    const row = await this.#run(() =>
      this.#db.selectFrom('scan_jobs').select(JOB_COLUMNS).where('id', '=', id).executeTakeFirst(),
    );
    return row ? jobFromRow(row) : undefined;
  }

  async result(id: string): Promise<unknown> {
    const row = await this.#run(() =>
      this.#db.selectFrom('scan_jobs').select('result').where('id', '=', id).executeTakeFirst(),
    );
    return row?.result ? (JSON.parse(row.result) as unknown) : undefined;
  }

  async list(portalId: string, limit = 50): Promise<ScanJob[]> {
    const rows = await this.#run(() =>
      this.#db
        .selectFrom('scan_jobs')
        .select(JOB_COLUMNS)
        .where('portal_id', '=', portalId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    );
    return rows.map(jobFromRow);
  }

  async latestDone(): Promise<ScanJob[]> {
    const rows = await this.#run(() =>
      this.#db
        .selectFrom('scan_jobs as j')
        .select(JOB_COLUMNS.map((c) => `j.${c}` as const))
        .where('j.status', '=', 'done')
        .where('j.finished_at', '=', (eb) =>
          eb
            .selectFrom('scan_jobs as k')
            .select((k) => k.fn.max('k.finished_at').as('last'))
            .whereRef('k.portal_id', '=', 'j.portal_id')
            .where('k.status', '=', 'done'),
        )
        .orderBy('j.portal_id')
        .execute(),
    );
    return rows.map(jobFromRow);
  }

  async pruneEvidence(options: PruneEvidenceOptions): Promise<PrunedEvidence> {
    const keep = options.keepPerPortal;
    if (!Number.isInteger(keep) || keep < 0) throw new RangeError(`keepPerPortal: ${keep}`);
    return this.#run(() => pruneScanEvidence(this.#db, options, this.#now));
  }

  async getSchedule(portalId: string): Promise<ScanSchedule | undefined> {
    const row = await this.#run(() =>
      this.#db
        .selectFrom('scan_schedules')
        .selectAll()
        .where('portal_id', '=', portalId)
        .executeTakeFirst(),
    );
    return row
      ? {
          portalId: row.portal_id,
          url: row.url,
          everyDays: Number(row.every_days),
          nextRunAt: row.next_run_at,
          ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
        }
      : undefined;
  }

  async setSchedule(
    portalId: string,
    schedule: { url: string; everyDays: number; updatedBy?: string } | null,
  ): Promise<void> {
    await this.#run(async () => {
      if (!schedule) {
        await this.#db.deleteFrom('scan_schedules').where('portal_id', '=', portalId).execute();
        return;
      }
      const row = {
        portal_id: portalId,
        url: schedule.url,
        every_days: schedule.everyDays,
        next_run_at: new Date(this.#now().getTime() + schedule.everyDays * DAY_MS).toISOString(),
        updated_by: schedule.updatedBy ?? null,
      };
      await this.#db
        .insertInto('scan_schedules')
        .values(row)
        .onConflict((oc) =>
          oc.column('portal_id').doUpdateSet({
            url: row.url,
            every_days: row.every_days,
            next_run_at: row.next_run_at,
            updated_by: row.updated_by,
          }),
        )
        .execute();
    });
  }

  async enqueueDue(): Promise<ScanJob[]> {
    const now = this.#now();
    const due = await this.#run(() =>
      this.#db
        .selectFrom('scan_schedules')
        .selectAll()
        .where('next_run_at', '<=', now.toISOString())
        .execute(),
    );
    const queued: ScanJob[] = [];
    for (const s of due) {
      // Moving the date on is the claim: of several nodes, the one whose update changed the
      // row queues the job.
      const next = new Date(now.getTime() + Number(s.every_days) * DAY_MS).toISOString();
      const moved = await this.#run(() =>
        this.#db
          .updateTable('scan_schedules')
          .set({ next_run_at: next })
          .where('portal_id', '=', s.portal_id)
          .where('next_run_at', '=', s.next_run_at)
          .executeTakeFirst(),
      );
      if (Number(moved.numUpdatedRows) === 0) continue;
      queued.push(
        await this.enqueue({
          portalId: s.portal_id,
          url: s.url,
          trigger: 'schedule',
          ...(s.updated_by !== null ? { requestedBy: s.updated_by } : {}),
        }),
      );
    }
    return queued;
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storageFailure('scan jobs', error);
    }
  }
}

export function openScanJobs(
  database: DatabaseHandle,
  options?: { now?: () => Date },
): KyselyScanJobs {
  return new KyselyScanJobs(database, options);
}
