import { canonicalJson } from './canonical-json.js';
import type { ConsentAction, ConsentChoices, ConsentSource } from './consent.js';
import type { ConsentRecord } from './consent-record.js';
import { ValidationError, type FieldErrorParams } from './errors.js';
import { fieldError, type FieldErrorCode } from './field-error.js';

export const CONSENT_EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ConsentExportFormat = (typeof CONSENT_EXPORT_FORMATS)[number];

/**
 * Columns of the CSV export: every hashed field, then the record's position and both hashes, so
 * the file alone is enough to recompute the chain (`galette audit verify --file`).
 */
export const CSV_COLUMNS = [
  'portal_id',
  'seq',
  'event_id',
  'consent_id',
  'revision',
  'action',
  'source',
  'lang',
  'recorded_at',
  'expires_at',
  'choices',
  'client_pseudonym',
  'prev_hash',
  'hash',
] as const;

export const CSV_HEADER = CSV_COLUMNS.join(',');

/** One record as one line, without the line break. */
export function formatConsentRecord(record: ConsentRecord, format: ConsentExportFormat): string {
  if (format === 'jsonl') return JSON.stringify(record);
  return [
    record.portalId,
    String(record.seq),
    record.eventId,
    record.consentId,
    record.revision,
    record.action,
    record.source,
    record.lang,
    record.recordedAt,
    record.expiresAt,
    canonicalJson(record.choices),
    record.clientPseudonym ?? '',
    record.prevHash,
    record.hash,
  ]
    .map(csvField)
    .join(',');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Reads back one line of an export (the CSV header excluded). `line` numbers the error. The
 * record is taken as written: verifying it is the chain's business.
 */
export function parseConsentRecordLine(
  text: string,
  format: ConsentExportFormat,
  line: number,
): ConsentRecord {
  const fail = (code: FieldErrorCode, params?: FieldErrorParams) =>
    new ValidationError([fieldError(`line ${line}`, code, params)], 'invalid export');
  if (format === 'jsonl') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw fail('not_json');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw fail('not_a_record');
    }
    return value as ConsentRecord;
  }
  const fields = splitCsvLine(text);
  if (fields === undefined || fields.length !== CSV_COLUMNS.length) {
    throw fail('wrong_field_count', { columns: CSV_COLUMNS.length });
  }
  const at = (column: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(column)]!;
  let choices: ConsentChoices;
  try {
    choices = JSON.parse(at('choices')) as ConsentChoices;
  } catch {
    throw fail('choices_not_json');
  }
  const pseudonym = at('client_pseudonym');
  return {
    portalId: at('portal_id'),
    seq: Number(at('seq')),
    eventId: at('event_id'),
    consentId: at('consent_id'),
    revision: at('revision'),
    choices,
    action: at('action') as ConsentAction,
    source: at('source') as ConsentSource,
    lang: at('lang'),
    recordedAt: at('recorded_at'),
    expiresAt: at('expires_at'),
    ...(pseudonym === '' ? {} : { clientPseudonym: pseudonym }),
    prevHash: at('prev_hash'),
    hash: at('hash'),
  };
}

/** Fields of one CSV line (RFC 4180 quoting; records never span lines), or undefined. */
function splitCsvLine(text: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) return undefined;
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = text.indexOf(',', i);
      fields.push(text.slice(i, comma < 0 ? text.length : comma));
      i = comma < 0 ? text.length : comma;
    }
    if (i >= text.length) return fields;
    if (text[i] !== ',') return undefined;
    i++;
  }
}
