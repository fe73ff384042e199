import { actorOf, type Actor, type Principal } from '@galette/core';
import type { Context } from 'hono';
import type { AuditLog } from '../accounts/audit-log.js';

/** A request the console router refused before its handler. */
export interface Refusal {
  readonly action: 'access.denied' | 'csrf.refused';
  readonly principal: Principal | undefined;
  readonly method: string;
  /** The route's pattern, e.g. `/admin/portals/:portalId/scans`, not the path asked. */
  readonly route: string;
  /** The `portalId` of the path, when the route has one. */
  readonly portalId: string | undefined;
}

export type RefusalRecorder = (c: Context, refusal: Refusal) => Promise<void>;

/** Distinct (client, caller, route, refusal) kept per minute; past it, refusals go unrecorded. */
export const MAX_REFUSALS_PER_MINUTE = 10_000;

const ANONYMOUS: Actor = { kind: 'anonymous', label: 'anonymous' };

/**
 * Records route-level refusals in the audit log, at most once per client, caller, route and
 * minute: a client repeating a refused request cannot flood the log, yet each kind of attempt
 * leaves a trace. The memory is this minute's keys only.
 */
export function createRefusalAudit(options: {
  readonly audit: AuditLog;
  /** The client's address (kept in memory for the minute; the log stores its pseudonym). */
  readonly client: (c: Context) => string;
  readonly now?: () => number;
}): RefusalRecorder {
  const now = options.now ?? Date.now;
  let minute = -1;
  const seen = new Set<string>();
  return async (c, refusal) => {
    const current = Math.floor(now() / 60_000);
    if (current !== minute) {
      minute = current;
      seen.clear();
    }
    const actor = refusal.principal ? actorOf(refusal.principal) : ANONYMOUS;
    const clientAddress = options.client(c);
    const key = [
      clientAddress,
      actor.kind,
      actor.id ?? '',
      refusal.action,
      refusal.method,
      refusal.route,
    ].join('\n');
    if (seen.has(key) || seen.size >= MAX_REFUSALS_PER_MINUTE) return;
    seen.add(key);
    try {
      await options.audit.record(
        {
          actor,
          ...(refusal.portalId === undefined ? {} : { portalId: refusal.portalId }),
          action: refusal.action,
          object: `${refusal.method} ${refusal.route}`,
          outcome: 'denied',
        },
        { clientAddress },
      );
    } catch {
      // The refusal stands even when the log cannot be written (its store is down).
    }
  };
}
