import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from './account-tables.js';
import type { AuditActorKind, AuditEntry, AuditOutcome, NewAuditEntry } from './account-store.js';

let lastMs = -1;
let counter = 0;

/**
 * An id that sorts in time order: the instant in milliseconds (12 hex digits), a counter of
 * entries within that millisecond on this process (6), then randomness (8) so that two nodes
 * never collide. Pages of the log are read in id order, which stays stable while entries arrive.
 */
export function auditEntryId(at: Date): string {
  const ms = at.getTime();
  if (ms === lastMs) counter += 1;
  else {
    lastMs = ms;
    counter = 0;
  }
  return (
    ms.toString(16).padStart(12, '0') +
    counter.toString(16).padStart(6, '0') +
    randomBytes(4).toString('hex')
  );
}

export function auditToRow(id: string, entry: NewAuditEntry, at: Date): AuditLogTable {
  return {
    id,
    at: at.toISOString(),
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id ?? null,
    actor_label: entry.actor.label,
    client_pseudonym: entry.clientPseudonym ?? null,
    portal_id: entry.portalId ?? null,
    action: entry.action,
    object: entry.object ?? null,
    outcome: entry.outcome,
    changes: entry.changes === undefined ? null : JSON.stringify(entry.changes),
  };
}

export function auditFromRow(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: {
      kind: row.actor_kind as AuditActorKind,
      ...(row.actor_id === null ? {} : { id: row.actor_id }),
      label: row.actor_label,
    },
    ...(row.client_pseudonym === null ? {} : { clientPseudonym: row.client_pseudonym }),
    ...(row.portal_id === null ? {} : { portalId: row.portal_id }),
    action: row.action,
    ...(row.object === null ? {} : { object: row.object }),
    outcome: row.outcome as AuditOutcome,
    ...(row.changes === null
      ? {}
      : { changes: JSON.parse(row.changes) as Readonly<Record<string, unknown>> }),
  };
}
