import { portalsWhere, type Principal } from '@galette/core';
import { KyselyStore, openScanJobs, type Store } from '@galette/storage';

/** A portal's latest scheduled scan, when it found error findings its previous scan had not. */
export interface ScanAlert {
  readonly scanId: string;
  readonly newErrors: number;
  readonly finishedAt: string;
}

/**
 * For the portal list: of `portalIds`, those whose latest finished scheduled scan brought new
 * error findings, for a reader who may read their scans. One query for the whole page.
 */
export async function scanAlerts(
  store: Store,
  principal: Principal,
  portalIds: readonly string[],
): Promise<Map<string, ScanAlert>> {
  const alerts = new Map<string, ScanAlert>();
  if (!(store instanceof KyselyStore)) return alerts;
  const readable = portalsWhere(principal, 'scans.read');
  const ids = portalIds.filter((id) => readable === 'all' || readable.includes(id));
  if (ids.length === 0) return alerts;
  for (const job of await openScanJobs(store.database).latestScheduled(ids)) {
    const newErrors = job.summary?.newErrors ?? 0;
    if (newErrors > 0 && job.finishedAt) {
      alerts.set(job.portalId, { scanId: job.id, newErrors, finishedAt: job.finishedAt });
    }
  }
  return alerts;
}
