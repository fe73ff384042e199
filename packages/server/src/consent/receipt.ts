import type { ConsentRecord } from '@galette/core';

/** Where the visitor's receipt page lives; the preferences centre links to it. */
export function receiptPagePath(portalId: string, consentId: string): string {
  return `/p/${encodeURIComponent(portalId)}/consents/${encodeURIComponent(consentId)}`;
}

/**
 * A record as the visitor sees it: everything it proves, and everything hashed, so the visitor
 * can recompute its hash and match it against an export.
 */
export function receiptRecord(record: ConsentRecord) {
  return {
    portalId: record.portalId,
    consentId: record.consentId,
    eventId: record.eventId,
    seq: record.seq,
    revision: record.revision,
    choices: record.choices,
    action: record.action,
    source: record.source,
    lang: record.lang,
    recordedAt: record.recordedAt,
    expiresAt: record.expiresAt,
    ...(record.clientPseudonym === undefined ? {} : { clientPseudonym: record.clientPseudonym }),
    prevHash: record.prevHash,
    hash: record.hash,
  };
}
