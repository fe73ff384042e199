import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import {
  CONSENT_CHAIN_GENESIS,
  consentChainLink,
  consentRecordCanonicalContent,
  linkConsentRecord,
  type ConsentRecordContent,
} from './consent-record.js';
import { sha256Hex } from './sha256.js';

const content: ConsentRecordContent = {
  portalId: 'opendata.paris.fr',
  seq: 1,
  eventId: 'evt_0123456789abcdef',
  consentId: 'c_0123456789abcdefghijkl',
  revision: `sha256:${'a'.repeat(64)}`,
  choices: { statistics: true, necessary: true },
  action: 'custom',
  source: 'banner',
  lang: 'fr',
  recordedAt: '2026-01-31T10:00:00.000Z',
  expiresAt: '2026-07-31T10:00:00.000Z',
};

describe('consentRecordCanonicalContent', () => {
  it('keeps the bytes, hence the hashes, of every record already chained', () => {
    expect(consentRecordCanonicalContent(content)).toBe(
      '{"action":"custom","choices":{"necessary":true,"statistics":true},' +
        '"consentId":"c_0123456789abcdefghijkl","eventId":"evt_0123456789abcdef",' +
        '"expiresAt":"2026-07-31T10:00:00.000Z","lang":"fr","portalId":"opendata.paris.fr",' +
        `"recordedAt":"2026-01-31T10:00:00.000Z","revision":"sha256:${'a'.repeat(64)}",` +
        '"seq":1,"source":"banner","v":1}',
    );
    expect(consentChainLink(CONSENT_CHAIN_GENESIS, content)).toBe(
      'sha256:6218193bd0c62597b8b3908d198883377046ac1b197ac52da1c2d888a568b8ca',
    );
  });
  it('is the canonical JSON of the content members, whatever they hold', () => {
    // Audits hash records read back from the database as they are, odd values included.
    const odd = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null));
    fc.assert(
      fc.property(
        fc.record({
          portalId: fc.string(),
          seq: fc.oneof(fc.integer(), fc.constant(-1)),
          eventId: fc.string(),
          consentId: odd,
          revision: fc.string(),
          choices: fc.dictionary(fc.string(), fc.boolean()),
          action: odd,
          source: fc.string(),
          lang: fc.string({ unit: 'binary' }),
          recordedAt: fc.string(),
          expiresAt: fc.string(),
          clientPseudonym: fc.option(fc.string(), { nil: undefined }),
        }),
        (record) => {
          const { clientPseudonym, ...rest } = record;
          expect(consentRecordCanonicalContent(record as unknown as ConsentRecordContent)).toBe(
            canonicalJson({ v: 1, ...rest, clientPseudonym }),
          );
        },
      ),
    );
  });
  it('is stable whatever the key order and ignores properties that are not content', () => {
    const shuffled = { ...content, choices: { necessary: true, statistics: true }, id: 42 };
    expect(consentRecordCanonicalContent(shuffled)).toBe(consentRecordCanonicalContent(content));
  });
  it('covers every field, the pseudonym included', () => {
    const base = consentRecordCanonicalContent(content);
    expect(consentRecordCanonicalContent({ ...content, seq: 2 })).not.toBe(base);
    expect(consentRecordCanonicalContent({ ...content, lang: 'en' })).not.toBe(base);
    expect(consentRecordCanonicalContent({ ...content, clientPseudonym: 'p1' })).not.toBe(base);
  });
});

describe('linkConsentRecord', () => {
  it('binds the content to the previous hash', () => {
    const first = linkConsentRecord(content, CONSENT_CHAIN_GENESIS);
    const second = linkConsentRecord({ ...content, seq: 2 }, first.hash);
    expect(first.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.prevHash).toBe(first.hash);
    expect(consentChainLink(`sha256:${'1'.repeat(64)}`, content)).not.toBe(first.hash);
  });
  it('gives the same link with node:crypto as with the portable implementation', () => {
    const nodeSha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(consentChainLink(CONSENT_CHAIN_GENESIS, content, nodeSha)).toBe(
      consentChainLink(CONSENT_CHAIN_GENESIS, content, sha256Hex),
    );
  });
});
