import { actorOf, type Principal } from '@galette/core';
import type { ScanJob } from '@galette/storage';
import type { AuditLog } from '../accounts/audit-log.js';
import type { RequestMeta } from '../accounts/request-meta.js';

/**
 * `scan.start`: who pointed the server's browser at which address, for which portal, how far.
 */
export function auditScanStart(
  audit: AuditLog,
  principal: Principal,
  job: ScanJob,
  meta: RequestMeta,
): Promise<unknown> {
  const { options } = job;
  return audit.record(
    {
      actor: actorOf(principal),
      portalId: job.portalId,
      action: 'scan.start',
      object: job.id,
      outcome: 'success',
      changes: {
        url: job.url,
        ...(options.pages === undefined ? {} : { pages: options.pages }),
        scenarios: options.scenarios ?? 'all',
      },
    },
    meta,
  );
}

/** `scan.schedule`: a portal's scans every `everyDays` days from `url`, or none (`null`). */
export function auditScanSchedule(
  audit: AuditLog,
  principal: Principal,
  portalId: string,
  schedule: { readonly url: string; readonly everyDays: number } | null,
  meta: RequestMeta,
): Promise<unknown> {
  return audit.record(
    {
      actor: actorOf(principal),
      portalId,
      action: 'scan.schedule',
      object: portalId,
      outcome: 'success',
      changes: schedule
        ? { url: schedule.url, everyDays: schedule.everyDays }
        : { everyDays: null },
    },
    meta,
  );
}
