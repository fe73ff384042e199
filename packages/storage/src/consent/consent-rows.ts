import {
  canonicalJson,
  type ConsentAction,
  type ConsentChoices,
  type ConsentRecord,
  type ConsentSource,
} from '@galette/core';
import type { Selectable } from 'kysely';
import type { ConsentRecordsTable } from './consent-tables.js';

export function rowFromRecord(record: ConsentRecord): ConsentRecordsTable {
  return {
    portal_id: record.portalId,
    seq: record.seq,
    event_id: record.eventId,
    consent_id: record.consentId,
    revision: record.revision,
    choices: canonicalJson(record.choices),
    action: record.action,
    source: record.source,
    lang: record.lang,
    recorded_at: record.recordedAt,
    expires_at: record.expiresAt,
    client_pseudonym: record.clientPseudonym ?? null,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

/**
 * Reads a row back as it is, without validating it: an audit must see exactly what the database
 * holds. Choices that no longer parse become a value no real record has (category ids never
 * start with `#`), so the record fails its hash instead of crashing the audit.
 */
export function recordFromRow(row: Selectable<ConsentRecordsTable>): ConsentRecord {
  return {
    portalId: row.portal_id,
    seq: position(row.seq),
    eventId: row.event_id,
    consentId: row.consent_id,
    revision: row.revision,
    choices: parseChoices(row.choices),
    action: row.action as ConsentAction,
    source: row.source as ConsentSource,
    lang: row.lang,
    recordedAt: row.recorded_at,
    expiresAt: row.expires_at,
    ...(row.client_pseudonym === null ? {} : { clientPseudonym: row.client_pseudonym }),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A position edited into something that is not one fails the hash check too. */
function position(value: unknown): number {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : -1;
}

function parseChoices(text: string): ConsentChoices {
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as ConsentChoices;
    }
  } catch {
    // fall through: reported by the hash check
  }
  return { '#unreadable': false };
}
