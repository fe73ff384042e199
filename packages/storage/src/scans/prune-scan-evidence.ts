import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { PruneEvidenceOptions, PrunedCounts, PrunedEvidence } from './scan-jobs.js';

/** Scans whose heavy files go in one transaction: a few megabytes of rows at most. */
const PRUNE_BATCH = 20;

/** The files the retention rule deletes: screenshots, HTML and Markdown reports. */
function heavyFile(eb: ExpressionBuilder<Database, 'scan_artifacts'>) {
  return eb.or([
    eb('scan_artifacts.path', 'like', 'screenshots/%'),
    eb('scan_artifacts.path', 'like', 'report.%.html'),
    eb('scan_artifacts.path', 'like', 'report.%.md'),
  ]);
}

/** `ScanJobs.pruneEvidence`, batch after batch until none is full. */
export async function pruneScanEvidence(
  db: Kysely<Database>,
  options: PruneEvidenceOptions,
  now: () => Date,
): Promise<PrunedEvidence> {
  const keep = options.keepPerPortal;
  const total: Record<keyof PrunedCounts, number> = {
    scans: 0,
    files: 0,
    bytes: 0,
    storedBytes: 0,
  };
  const byPortal = new Map<string, Record<keyof PrunedCounts, number>>();
  for (;;) {
    const batch = await db
      .transaction()
      .execute((trx) => pruneBatch(trx, keep, options.portalId, now().toISOString()));
    for (const scan of batch.scans) {
      const counts = byPortal.get(scan.portalId) ?? {
        scans: 0,
        files: 0,
        bytes: 0,
        storedBytes: 0,
      };
      byPortal.set(scan.portalId, counts);
      for (const target of [total, counts]) {
        target.scans += 1;
        target.files += scan.files;
        target.bytes += scan.bytes;
        target.storedBytes += scan.storedBytes;
      }
    }
    if (batch.candidates < PRUNE_BATCH) break;
  }
  return {
    ...total,
    portals: [...byPortal]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([portalId, counts]) => ({ portalId, ...counts })),
  };
}

/**
 * One transaction: up to `PRUNE_BATCH` finished scans ranked past `keep` in their portal (one
 * window query, the same on SQLite and PostgreSQL) that still have heavy files; marks them
 * pruned (only those no other node marked meanwhile), then deletes their heavy files.
 */
async function pruneBatch(
  trx: Transaction<Database>,
  keep: number,
  portalId: string | undefined,
  at: string,
): Promise<{
  candidates: number;
  scans: { portalId: string; files: number; bytes: number; storedBytes: number }[];
}> {
  let ranked = trx
    .selectFrom('scan_jobs')
    .select((eb) => [
      'id',
      'portal_id',
      'evidence_pruned_at',
      eb.fn
        .agg<number>('row_number')
        .over((ob) =>
          ob.partitionBy('portal_id').orderBy('finished_at', 'desc').orderBy('id', 'desc'),
        )
        .as('rank'),
    ])
    .where('status', '=', 'done');
  if (portalId !== undefined) ranked = ranked.where('portal_id', '=', portalId);
  const candidates = await trx
    .selectFrom(ranked.as('r'))
    .select('r.id')
    .where('r.rank', '>', keep)
    .where('r.evidence_pruned_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('scan_artifacts')
          .select('scan_artifacts.job_id')
          .whereRef('scan_artifacts.job_id', '=', 'r.id')
          .where(heavyFile),
      ),
    )
    .orderBy('r.id')
    .limit(PRUNE_BATCH)
    .execute();
  if (candidates.length === 0) return { candidates: 0, scans: [] };
  const marked = await trx
    .updateTable('scan_jobs')
    .set({ evidence_pruned_at: at, evidence_kept: keep })
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where('status', '=', 'done')
    .where('evidence_pruned_at', 'is', null)
    .returning(['id', 'portal_id'])
    .execute();
  if (marked.length === 0) return { candidates: candidates.length, scans: [] };
  const ids = marked.map((m) => m.id);
  const sizes = await trx
    .selectFrom('scan_artifacts')
    .select((eb) => [
      'scan_artifacts.job_id',
      eb.fn.countAll<number>().as('files'),
      eb.fn.sum<number>('scan_artifacts.size').as('bytes'),
      eb.fn.sum<number>(sql`length(${sql.ref('scan_artifacts.content')})`).as('stored'),
    ])
    .where('scan_artifacts.job_id', 'in', ids)
    .where(heavyFile)
    .groupBy('scan_artifacts.job_id')
    .execute();
  await trx
    .deleteFrom('scan_artifacts')
    .where('scan_artifacts.job_id', 'in', ids)
    .where(heavyFile)
    .execute();
  const sizeOf = new Map(sizes.map((s) => [s.job_id, s]));
  // Another node's batch may have taken some of these files first: only what this one
  // deleted is counted.
  const scans = marked.flatMap((m) => {
    const size = sizeOf.get(m.id);
    return size && Number(size.files) > 0
      ? [
          {
            portalId: m.portal_id,
            files: Number(size.files),
            bytes: Number(size.bytes),
            storedBytes: Number(size.stored),
          },
        ]
      : [];
  });
  return { candidates: candidates.length, scans };
}
