import { NotFoundError, type Translator } from '@galette/core';
import type { AuditEntry } from '@galette/storage';
import { CLI, accountServices, onlyOptions } from './accounts-cli.js';
import { EXIT_OK, UsageError, type CliIo } from './command.js';
import { parseInstant } from './consent-cli.js';
import { withStore } from './open-cli-store.js';
import { databaseUrl, type ParsedArgs } from './options.js';

export const AUDIT_LOG_FORMATS = ['jsonl', 'csv'] as const;
type AuditLogFormat = (typeof AUDIT_LOG_FORMATS)[number];

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor_kind',
  'actor_id',
  'actor_label',
  'client_pseudonym',
  'portal',
  'action',
  'object',
  'outcome',
  'changes',
] as const;

const PAGE = 1000;

/**
 * `galette audit log`: the audit log, oldest first, read page by page after the last id seen
 * (stable while entries arrive), as JSON lines or CSV.
 */
export async function exportAuditLog(
  parsed: ParsedArgs,
  io: CliIo,
  t: Translator,
): Promise<number> {
  onlyOptions(parsed, ['portal', 'from', 'to', 'format', 'db', 'help'], 'audit log', t);
  const format = ((parsed.values.format as string | undefined) ?? 'jsonl') as AuditLogFormat;
  if (!AUDIT_LOG_FORMATS.includes(format)) {
    throw new UsageError(
      t('server.cli.badFormat', { value: format, formats: AUDIT_LOG_FORMATS.join(', ') }),
    );
  }
  const portalId = parsed.values.portal as string | undefined;
  const from = parsed.values.from as string | undefined;
  const to = parsed.values.to as string | undefined;
  const filters = {
    ...(portalId === undefined ? {} : { portalId }),
    ...(from === undefined ? {} : { from: parseInstant('--from', from, 'start', t) }),
    ...(to === undefined ? {} : { to: parseInstant('--to', to, 'end', t) }),
  };
  return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
    const audit = accountServices(store, io).audit;
    if (format === 'csv') io.stdout(`${AUDIT_CSV_COLUMNS.join(',')}\n`);
    let after: string | undefined;
    let written = 0;
    for (;;) {
      const page = await audit.query(CLI, {
        ...filters,
        order: 'oldest-first',
        limit: PAGE,
        ...(after === undefined ? {} : { after }),
      });
      if (page.entries.length === 0) break;
      io.stdout(`${page.entries.map((e) => formatAuditEntry(e, format)).join('\n')}\n`);
      after = page.entries.at(-1)!.id;
      written += page.entries.length;
    }
    // A deleted portal's entries stay exportable by its id; an id with no entry and no portal is
    // a typo the operator must see, not an empty log.
    if (
      written === 0 &&
      portalId !== undefined &&
      (await store.getPortal(portalId)) === undefined
    ) {
      throw new NotFoundError(t('server.cli.unknownPortal', { portalId }));
    }
    return EXIT_OK;
  });
}

export function formatAuditEntry(entry: AuditEntry, format: AuditLogFormat): string {
  if (format === 'jsonl') return JSON.stringify(entry);
  return [
    entry.id,
    entry.at,
    entry.actor.kind,
    entry.actor.id ?? '',
    entry.actor.label,
    entry.clientPseudonym ?? '',
    entry.portalId ?? '',
    entry.action,
    entry.object ?? '',
    entry.outcome,
    entry.changes === undefined ? '' : JSON.stringify(entry.changes),
  ]
    .map(csvField)
    .join(',');
}

/**
 * Quoted when needed; a cell that a spreadsheet would run as a formula (an operator-typed name
 * starting with =, +, -, @) is prefixed with an apostrophe.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
