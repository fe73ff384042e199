import {
  CSV_HEADER,
  STORED_CONSENT_ID,
  ValidationError,
  fieldError,
  formatConsentRecord,
  type ChainVerification,
  type ConsentExportFormat,
  type ConsentRecord,
  type FieldError,
} from '@galette/core';
import type { ConsentLog, ConsentTimeRange, RevisionSummary, Store } from '@galette/storage';

export interface ProofDeps {
  readonly log: ConsentLog | undefined;
  readonly store: Pick<Store, 'listRevisions'>;
}

/** One record of a visitor's history, with the number of the revision it referred to. */
export interface ProofRecord extends ConsentRecord {
  readonly revisionNumber?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A consent id as typed into the look-up form: trimmed, checked; bad input names the field. */
export function parseConsentId(value: string | undefined): string {
  const id = (value ?? '').trim();
  if (!STORED_CONSENT_ID.test(id)) {
    throw new ValidationError([fieldError('consentId', 'not_a_consent_id')], 'invalid consent id');
  }
  return id;
}

/**
 * Every choice recorded under a consent id, oldest first, each with its revision's number (the
 * look-up a receipt's reader asks for). Empty when nothing is recorded under it.
 */
export async function consentHistory(
  deps: ProofDeps,
  portalId: string,
  consentId: string,
): Promise<{ records: ProofRecord[]; revisions: RevisionSummary[] }> {
  if (!deps.log) return { records: [], revisions: [] };
  const [records, revisions] = await Promise.all([
    deps.log.history(portalId, consentId),
    deps.store.listRevisions(portalId),
  ]);
  const numbers = new Map(revisions.map((r) => [r.hash, r.number]));
  return {
    records: records.map((r) => {
      const number = numbers.get(r.revision);
      return number === undefined ? r : { ...r, revisionNumber: number };
    }),
    revisions,
  };
}

/** An export's days (UTC, inclusive; both optional: the whole chain by default). */
export function parseExportRange(
  from: string | undefined,
  to: string | undefined,
): ConsentTimeRange & { readonly days: { from?: string; to?: string } } {
  const errors: FieldError[] = [];
  const check = (name: 'from' | 'to', value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    const ms = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
      errors.push(fieldError(name, 'not_a_day'));
      return undefined;
    }
    return value;
  };
  const f = check('from', from);
  const t = check('to', to);
  if (errors.length === 0 && f !== undefined && t !== undefined && f > t) {
    errors.push(fieldError('to', 'period_reversed', { from: f, to: t }));
  }
  if (errors.length > 0) throw new ValidationError(errors, 'invalid period');
  return {
    ...(f === undefined ? {} : { from: `${f}T00:00:00.000Z` }),
    ...(t === undefined ? {} : { to: `${t}T23:59:59.999Z` }),
    days: { ...(f === undefined ? {} : { from: f }), ...(t === undefined ? {} : { to: t }) },
  };
}

/** Lines gathered per chunk: few writes, bounded memory. */
const LINES_PER_CHUNK = 500;

/**
 * A portal's records as `galette export-consents` writes them (same header, same lines), as a
 * byte stream read page by page: memory stays constant whatever the volume, and the reads share
 * the server's connection between pages instead of holding a snapshot (see `ConsentReadOptions`).
 */
export function exportStream(
  log: ConsentLog,
  portalId: string,
  range: ConsentTimeRange,
  format: ConsentExportFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<ConsentRecord> | undefined;
  let header = format === 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= log.records(portalId, range, { shareConnection: true })[Symbol.asyncIterator]();
      const lines: string[] = header ? [CSV_HEADER] : [];
      header = false;
      while (lines.length < LINES_PER_CHUNK) {
        const next = await iterator.next();
        if (next.done) {
          if (lines.length > 0) controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
          controller.close();
          return;
        }
        lines.push(formatConsentRecord(next.value, format));
      }
      controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

export interface ProofVerification extends ChainVerification {
  readonly portalId: string;
  /** The first record the verification refused, when it is still there. */
  readonly firstBrokenRecord?: ConsentRecord;
  /** Whether the portal has any chain at all. */
  readonly hasChain: boolean;
}

/** `galette audit verify` for one portal, with the first broken record when there is one. */
export async function verifyProofs(log: ConsentLog, portalId: string): Promise<ProofVerification> {
  const chain = await log.chain(portalId);
  if (!chain) return { portalId, ok: true, checked: 0, hasChain: false };
  const verification = await log.verify(portalId, { shareConnection: true });
  const seq = verification.firstBreak?.seq;
  const record =
    seq !== undefined && verification.firstBreak?.reason !== 'removed'
      ? await log.recordAt(portalId, seq)
      : undefined;
  return {
    portalId,
    hasChain: true,
    ...verification,
    ...(record ? { firstBrokenRecord: record } : {}),
  };
}
