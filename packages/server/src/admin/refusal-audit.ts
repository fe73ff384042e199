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

/** How long a refusal recorded silences the same one (same client, caller, route). */
export const REFUSAL_WINDOW_MS = 60_000;
/** Distinct refusals remembered at once; past it, new ones go unrecorded until some expire. */
export const MAX_REMEMBERED_REFUSALS = 10_000;

const ANONYMOUS: Actor = { kind: 'anonymous', label: 'anonymous' };

/**
 * Records route-level refusals in the audit log, at most once a minute per client, caller,
 * route and kind: a client repeating a refused request cannot flood the log, yet each kind of
 * attempt leaves a trace. What it remembers is bounded and forgotten after the minute.
 */
export function createRefusalAudit(options: {
  readonly audit: AuditLog;
  /** The client's address (kept in memory for the minute; the log stores its pseudonym). */
  readonly client: (c: Context) => string;
  readonly now?: () => number;
}): RefusalRecorder {
  const now = options.now ?? Date.now;
  const silencedUntil = new Map<string, number>();
  let sweptAt = 0;
  return async (c, refusal) => {
    const t = now();
    if (t - sweptAt >= REFUSAL_WINDOW_MS) {
      sweptAt = t;
      for (const [key, until] of silencedUntil) if (until <= t) silencedUntil.delete(key);
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
    if ((silencedUntil.get(key) ?? 0) > t) return;
    if (silencedUntil.size >= MAX_REMEMBERED_REFUSALS && !silencedUntil.has(key)) return;
    silencedUntil.set(key, t + REFUSAL_WINDOW_MS);
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
