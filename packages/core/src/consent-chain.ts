import {
  CONSENT_CHAIN_GENESIS,
  consentChainLink,
  type ChainPoint,
  type ConsentRecord,
  type Sha256Hex,
} from './consent-record.js';
import { sha256Hex as defaultSha256Hex } from './sha256.js';

/**
 * Why a chain does not verify:
 * - `edited`: a record's content or hash was changed after it was written;
 * - `removed`: records are missing (`seq` to `lastSeq`);
 * - `inserted`: a record that was never appended by Galette sits in the chain.
 */
export type ChainBreakReason = 'edited' | 'removed' | 'inserted';

export interface ChainBreak {
  readonly reason: ChainBreakReason;
  /** The edited or inserted record's position, or the first missing position. */
  readonly seq: number;
  /** Last missing position, for `removed`. */
  readonly lastSeq?: number;
  /** The record concerned, when it is still there. */
  readonly eventId?: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  /** Records read. */
  readonly checked: number;
  /** Last point verified: the last good record, or the checkpoint when none was read. */
  readonly verifiedUpTo?: ChainPoint;
  readonly firstBreak?: ChainBreak;
}

export interface VerifyChainOptions {
  /** Last purged record: the chain must continue from it instead of from the genesis value. */
  readonly checkpoint?: ChainPoint;
  /** The chain head as the store recorded it, which reveals removals and additions at the end. */
  readonly head?: ChainPoint;
  readonly sha256Hex?: Sha256Hex;
}

interface Accepted {
  readonly seq: number;
  readonly hash: string;
  /** What this record linked to; the checkpoint's or genesis' is unknown and never matches. */
  readonly prevHash?: string;
  readonly eventId?: string;
}

/**
 * A record whose fate the next record decides: `suspect` does not match its own hash (edited, or
 * forged and slipped in); `fork` shares its position and predecessor with the last record (one
 * of the two is forged, and the genuine one is the one its successor links to).
 */
interface Pending {
  readonly kind: 'suspect' | 'fork';
  readonly record: ConsentRecord;
}

/** How far back an audit looks for records renumbered to hide a removal. */
const MAX_RENUMBERING = 1024;

/**
 * Verifies a portal's chain one record at a time, in `seq` order, so an audit of millions of
 * records runs in constant memory. Every record is bound to its predecessor and to its position,
 * and the store keeps positions unique, so each kind of tampering leaves its own trace; the
 * verifier keeps one record of look-ahead to tell them apart. Anyone able to rewrite every hash
 * after a point and the recorded head can forge a consistent chain: the head printed by an audit
 * is what an operator anchors elsewhere to rule that out.
 */
export class ChainVerifier {
  private readonly head: ChainPoint | undefined;
  private readonly sha256Hex: Sha256Hex;
  private last: Accepted;
  private acceptedAny = false;
  private pending: Pending | undefined;
  private broken: ChainBreak | undefined;
  private checked = 0;
  private readonly checkpoint: ChainPoint | undefined;

  constructor(options: VerifyChainOptions = {}) {
    this.head = options.head;
    this.checkpoint = options.checkpoint;
    this.sha256Hex = options.sha256Hex ?? defaultSha256Hex;
    this.last = options.checkpoint ?? { seq: 0, hash: CONSENT_CHAIN_GENESIS };
  }

  /** Feeds the next record; returns the first break once one is found. */
  push(record: ConsentRecord): ChainBreak | undefined {
    if (this.broken) return this.broken;
    this.checked++;
    if (this.pending) return this.resolve(this.pending, record);
    return this.step(record);
  }

  /** Ends the walk; compares the end of the chain with the recorded head. */
  finish(): ChainVerification {
    const head = this.head;
    if (!this.broken && this.pending) {
      const { kind, record } = this.pending;
      this.pending = undefined;
      if (kind === 'suspect') {
        const headIsLast = head && head.seq === this.last.seq && head.hash === this.last.hash;
        this.fail(headIsLast ? 'inserted' : 'edited', record);
      } else {
        this.fail('inserted', head?.hash === record.hash ? this.last : record);
      }
    }
    if (!this.broken && head) {
      if (head.seq > this.last.seq) this.failRemoved(this.last.seq + 1, head.seq);
      else if (head.seq === this.last.seq && head.hash !== this.last.hash) {
        this.fail('edited', this.last);
      }
    }
    const verifiedUpTo: ChainPoint | undefined =
      this.acceptedAny || this.checkpoint
        ? { seq: this.last.seq, hash: this.last.hash }
        : undefined;
    return {
      ok: this.broken === undefined,
      checked: this.checked,
      ...(verifiedUpTo ? { verifiedUpTo } : {}),
      ...(this.broken ? { firstBreak: this.broken } : {}),
    };
  }

  private step(record: ConsentRecord): ChainBreak | undefined {
    const last = this.last;
    const selfConsistent = this.linkAt(record, record.seq) === record.hash;
    if (this.acceptedAny && record.prevHash === last.prevHash && record.prevHash !== last.hash) {
      if (selfConsistent && record.seq === last.seq) {
        this.pending = { kind: 'fork', record };
        return undefined;
      }
      // It links to the record before the last one: the last one was slipped in between.
      return this.fail('inserted', last);
    }
    if (!selfConsistent) {
      const shift = record.prevHash === last.hash ? 0 : this.renumberedBy(record);
      if (shift > 0) return this.failRemoved(last.seq + 1, last.seq + shift);
      this.pending = { kind: 'suspect', record };
      return undefined;
    }
    if (this.head && record.seq > this.head.seq) return this.fail('inserted', record);
    const expectedSeq = last.seq + 1;
    if (record.seq > expectedSeq) return this.failRemoved(expectedSeq, record.seq - 1);
    if (record.seq < expectedSeq) return this.fail('inserted', record);
    if (record.prevHash === last.hash) {
      this.last = record;
      this.acceptedAny = true;
      return undefined;
    }
    // Right position, unknown predecessor: the last record was rewritten with a fresh hash (or,
    // with nothing before it, this one no longer continues the checkpoint).
    return this.fail('edited', this.acceptedAny ? last : record);
  }

  private resolve(pending: Pending, next: ConsentRecord): ChainBreak {
    this.pending = undefined;
    if (pending.kind === 'suspect') {
      // Its successor links past it to the last good record: it was never part of the chain.
      return this.fail(next.prevHash === this.last.hash ? 'inserted' : 'edited', pending.record);
    }
    return this.fail(
      'inserted',
      next.prevHash === pending.record.hash ? this.last : pending.record,
    );
  }

  /** By how much a record was renumbered down after records before it were removed, or 0. */
  private renumberedBy(record: ConsentRecord): number {
    for (let shift = 1; shift <= MAX_RENUMBERING; shift++) {
      if (this.linkAt(record, record.seq + shift) === record.hash) return shift;
    }
    return 0;
  }

  private linkAt(record: ConsentRecord, seq: number): string {
    return consentChainLink(record.prevHash, { ...record, seq }, this.sha256Hex);
  }

  private fail(reason: ChainBreakReason, at: Accepted): ChainBreak {
    this.broken = { reason, seq: at.seq, ...(at.eventId ? { eventId: at.eventId } : {}) };
    return this.broken;
  }

  private failRemoved(seq: number, lastSeq: number): ChainBreak {
    this.broken = { reason: 'removed', seq, lastSeq };
    return this.broken;
  }
}

/** Verifies a whole chain given in `seq` order; see `ChainVerifier`. */
export function verifyChain(
  records: Iterable<ConsentRecord>,
  options: VerifyChainOptions = {},
): ChainVerification {
  const verifier = new ChainVerifier(options);
  for (const record of records) {
    if (verifier.push(record)) break;
  }
  return verifier.finish();
}
