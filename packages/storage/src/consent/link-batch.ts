import {
  consentChainLink,
  type ChainPoint,
  type ConsentRecord,
  type Sha256Hex,
} from '@galette/core';
import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What every dialect's batch append needs besides the items. */
export interface AppendBatchContext {
  /** `SELECT … FOR UPDATE` is available; without it the transaction holds the write lock. */
  readonly forUpdate: boolean;
  readonly now: Date;
  readonly consentLifetimeMonths: number;
  readonly sha256Hex: Sha256Hex;
  /**
   * Refuse items of portals the store does not know (a portal deleted while its consent was on
   * its way). Archived portals are always refused. Off for logs used without portals (tests of
   * the log itself).
   */
  readonly refuseUnknownPortals?: boolean;
}

/** Whether a portal's items must be refused, from its row (undefined: no such portal). */
export function portalRefused(
  row: { readonly archived_at: string | null } | undefined,
  context: Pick<AppendBatchContext, 'refuseUnknownPortals'>,
): boolean {
  return row === undefined ? context.refuseUnknownPortals === true : row.archived_at !== null;
}

/**
 * What a batch append puts at the positions of items whose portal is archived or no longer
 * exists (checked under the portal's lock, so a consent validated just before the portal was
 * archived or deleted is not stored). `append` turns it into a `gone` error. A plain object, so
 * it crosses the SQLite append thread's message channel as it is.
 */
export const PORTAL_GONE = { refused: 'portal_gone' } as const;

export function isPortalGone(result: unknown): boolean {
  return (result as { refused?: unknown } | null)?.refused === PORTAL_GONE.refused;
}

/** Marks a portal's items of the batch as refused (see `PORTAL_GONE`). */
export function refuseItems(results: ConsentAppendResult[], indexes: readonly number[]): void {
  for (const i of indexes) results[i] = PORTAL_GONE as unknown as ConsentAppendResult;
}

/** What identifies an event: a retried beacon repeats both ids. */
export const eventKey = (e: { consentId: string; eventId: string }) =>
  `${e.consentId}\n${e.eventId}`;

/** Positions of a batch's items per portal, portals in id order (the order locks are taken in). */
export function itemsByPortal(items: readonly ConsentAppend[]): [string, number[]][] {
  const byPortal = new Map<string, number[]>();
  items.forEach((item, i) => {
    const list = byPortal.get(item.portalId);
    if (list) list.push(i);
    else byPortal.set(item.portalId, [i]);
  });
  return [...byPortal].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Links one portal's items after its head, in batch order. An event already recorded (in `known`,
 * or earlier in this batch) answers with its original record; `known` learns the fresh ones.
 * Fills `results` at the items' positions and returns the records to insert and the new head.
 */
export function linkPortalBatch(
  portalId: string,
  indexes: readonly number[],
  items: readonly ConsentAppend[],
  head: ChainPoint,
  known: Map<string, ConsentRecord>,
  results: ConsentAppendResult[],
  times: { readonly recordedAt: string; readonly expiresAt: string; readonly sha256Hex: Sha256Hex },
): { fresh: ConsentRecord[]; head: ChainPoint } {
  let seq = head.seq;
  let prevHash = head.hash;
  const fresh: ConsentRecord[] = [];
  for (const i of indexes) {
    const { submission, clientPseudonym } = items[i]!;
    const key = eventKey(submission);
    const original = known.get(key);
    if (original) {
      results[i] = { record: original, duplicate: true };
      continue;
    }
    seq++;
    // Built once and sealed in place: every consent goes through here, and copying the content
    // into a second object (as `linkConsentRecord` does) costs as much as hashing it.
    const record: Mutable<ConsentRecord> = {
      portalId,
      seq,
      eventId: submission.eventId,
      consentId: submission.consentId,
      revision: submission.revision,
      choices: submission.choices,
      action: submission.action,
      source: submission.source,
      lang: submission.lang,
      recordedAt: times.recordedAt,
      expiresAt: times.expiresAt,
      prevHash,
      hash: '',
    };
    if (clientPseudonym !== undefined) record.clientPseudonym = clientPseudonym;
    record.hash = consentChainLink(prevHash, record, times.sha256Hex);
    prevHash = record.hash;
    known.set(key, record);
    fresh.push(record);
    results[i] = { record, duplicate: false };
  }
  return { fresh, head: { seq, hash: prevHash } };
}

/** Calendar months later, clamped to the month's last day (31 August + 6 months = 28 February). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** The batch's record time and expiry, shared by all its records. */
export function batchTimes(context: AppendBatchContext) {
  return {
    recordedAt: context.now.toISOString(),
    expiresAt: addMonths(context.now, context.consentLifetimeMonths).toISOString(),
    sha256Hex: context.sha256Hex,
  };
}
