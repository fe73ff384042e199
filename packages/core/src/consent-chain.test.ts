import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyChain, type ChainBreak } from './consent-chain.js';
import {
  CONSENT_CHAIN_GENESIS,
  linkConsentRecord,
  type ConsentRecord,
  type ConsentRecordContent,
} from './consent-record.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function content(seq: number, tag = 'x'): ConsentRecordContent {
  return {
    portalId: 'data.example.org',
    seq,
    eventId: `evt_${tag}_${String(seq).padStart(12, '0')}`,
    consentId: `consent_${tag}_${String(seq).padStart(14, '0')}`,
    revision: `sha256:${'b'.repeat(64)}`,
    choices: { necessary: true, statistics: seq % 2 === 0 },
    action: 'custom',
    source: 'preferences',
    lang: 'fr',
    recordedAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
    expiresAt: new Date(Date.UTC(2026, 6, 1) + seq * 1000).toISOString(),
  };
}

function chain(n: number, from = 0, prev = CONSENT_CHAIN_GENESIS): ConsentRecord[] {
  const out: ConsentRecord[] = [];
  for (let seq = from + 1; seq <= from + n; seq++) {
    const r = linkConsentRecord(content(seq), out.at(-1)?.hash ?? prev, sha);
    out.push(r);
  }
  return out;
}

const headOf = (records: readonly ConsentRecord[]) => {
  const last = records.at(-1)!;
  return { seq: last.seq, hash: last.hash };
};
const rehash = (r: ConsentRecord) => linkConsentRecord(r, r.prevHash, sha);
const verify = (records: ConsentRecord[], head = true, original = records) =>
  verifyChain(records, { sha256Hex: sha, ...(head ? { head: headOf(original) } : {}) });

describe('verifyChain', () => {
  it('accepts an intact chain, and an empty one', () => {
    const records = chain(5);
    expect(verify(records)).toEqual({ ok: true, checked: 5, verifiedUpTo: headOf(records) });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it('continues from a checkpoint after a purge', () => {
    const records = chain(6);
    const kept = records.slice(3);
    const checkpoint = { seq: 3, hash: records[2]!.hash };
    expect(verifyChain(kept, { checkpoint, head: headOf(records), sha256Hex: sha }).ok).toBe(true);
    expect(verifyChain(kept, { head: headOf(records), sha256Hex: sha }).firstBreak).toEqual({
      reason: 'removed',
      seq: 1,
      lastSeq: 3,
    });
  });

  it('reports an edited record, rehashed or not', () => {
    const records = chain(4);
    const edited = { ...records[1]!, choices: { necessary: true, statistics: false } };
    expect(verify([records[0]!, edited, ...records.slice(2)]).firstBreak).toMatchObject({
      reason: 'edited',
      seq: 2,
    });
    const sealed = rehash(edited);
    expect(verify([records[0]!, sealed, ...records.slice(2)]).firstBreak).toMatchObject({
      reason: 'edited',
      seq: 2,
    });
  });

  it('needs the recorded head to see the last records removed', () => {
    const records = chain(4);
    expect(verify(records.slice(0, 2), false).ok).toBe(true);
    expect(verify(records.slice(0, 2), true, records).firstBreak).toEqual({
      reason: 'removed',
      seq: 3,
      lastSeq: 4,
    });
  });
});

type Tampering =
  | { kind: 'edit'; at: number; rehash: boolean }
  | { kind: 'remove'; at: number; count: number; renumber: boolean }
  | { kind: 'insert'; at: number; forged: 'sealed' | 'garbage' }
  | { kind: 'fork'; at: number; before: boolean };

/** Applies one tampering and says what an audit must report. */
function tamper(records: ConsentRecord[], t: Tampering): [ConsentRecord[], ChainBreak] {
  const n = records.length;
  const out = records.slice();
  const seqAt = (i: number) => records[0]!.seq + i;
  const prevAt = (i: number) => (i === 0 ? records[0]!.prevHash : out[i - 1]!.hash);
  switch (t.kind) {
    case 'edit': {
      const i = t.at % n;
      const edited = { ...out[i]!, lang: out[i]!.lang === 'fr' ? 'en' : 'fr' };
      out[i] = t.rehash ? rehash(edited) : edited;
      return [out, { reason: 'edited', seq: seqAt(i), eventId: edited.eventId }];
    }
    case 'remove': {
      const i = t.at % n;
      const count = Math.min(t.count, n - i);
      out.splice(i, count);
      if (t.renumber) {
        for (let j = i; j < out.length; j++) out[j] = { ...out[j]!, seq: out[j]!.seq - count };
      }
      return [out, { reason: 'removed', seq: seqAt(i), lastSeq: seqAt(i + count - 1) }];
    }
    case 'insert': {
      const i = t.at % (n + 1);
      const sealed = linkConsentRecord(content(seqAt(i), 'forged'), prevAt(i), sha);
      const forged =
        t.forged === 'sealed' ? sealed : { ...sealed, hash: `sha256:${'f'.repeat(64)}` };
      // Positions are unique in the store, so everything after moves up by one.
      for (let j = i; j < n; j++) out[j] = { ...out[j]!, seq: out[j]!.seq + 1 };
      out.splice(i, 0, forged);
      return [out, { reason: 'inserted', seq: seqAt(i), eventId: forged.eventId }];
    }
    case 'fork': {
      const i = t.at % n;
      const forged = linkConsentRecord(content(seqAt(i), 'forged'), prevAt(i), sha);
      out.splice(t.before ? i : i + 1, 0, forged);
      return [out, { reason: 'inserted', seq: seqAt(i), eventId: forged.eventId }];
    }
  }
}

const tampering: fc.Arbitrary<Tampering> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), rehash: fc.boolean() }),
  fc.record({
    kind: fc.constant('remove' as const),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 4 }),
    renumber: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    forged: fc.constantFrom('sealed' as const, 'garbage' as const),
  }),
  fc.record({ kind: fc.constant('fork' as const), at: fc.nat(), before: fc.boolean() }),
);

describe('verifyChain, property-based', () => {
  it('reports the first tampered record and how it was tampered with', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(3), tampering, (n, purged, t) => {
        // The first `purged` records are gone after a purge; the audit starts at the checkpoint.
        const full = chain(purged + n);
        const records = full.slice(purged);
        const [tampered, expected] = tamper(records, t);
        const checkpoint = purged ? { seq: purged, hash: full[purged - 1]!.hash } : undefined;
        const result = verifyChain(tampered, {
          sha256Hex: sha,
          head: headOf(records),
          ...(checkpoint ? { checkpoint } : {}),
        });
        expect(result.ok).toBe(false);
        expect(result.firstBreak).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('accepts every untampered chain, whole or from any checkpoint', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat(), (n, cut) => {
        const records = chain(n);
        const k = cut % n;
        const checkpoint = k === 0 ? undefined : { seq: k, hash: records[k - 1]!.hash };
        const result = verifyChain(records.slice(k), {
          sha256Hex: sha,
          head: headOf(records),
          ...(checkpoint ? { checkpoint } : {}),
        });
        expect(result.ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
