import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  ChainVerifier,
  NotFoundError,
  ValidationError,
  fieldError,
  type ChainVerification,
  type Translator,
} from '@galette/core';
import { nodeSha256Hex } from '@galette/storage';
import { EXIT_OK, EXIT_RUNTIME, UsageError, type CliIo, type Command } from '../command.js';
import { onlyOptions } from '../accounts-cli.js';
import { exportAuditLog } from '../audit-log-export.js';
import { consentLogOf } from '../consent-cli.js';
import { CSV_HEADER, parseConsentRecordLine } from '@galette/core';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/**
 * `galette audit log [--portal id] [--from] [--to] [--format csv|jsonl]` exports the back
 * office's audit log (see `audit-log-export.ts`).
 *
 * `galette audit verify [--portal id]`: recomputes every portal's chain of consent records from
 * its checkpoint to its head and names the first record edited, removed or inserted; exits 1
 * when a chain is broken. `--file` verifies an `export-consents` file instead of the database.
 */
export const auditCommand: Command = {
  name: 'audit',
  summary: (t) => t('consent.cli.audit.summary'),
  usage: (t) => t('consent.cli.audit.usage'),
  options: {
    portal: { type: 'string', value: '<id>', describe: (t) => t('consent.cli.option.portal') },
    file: { type: 'string', value: '<export>', describe: (t) => t('consent.cli.option.file') },
    from: { type: 'string', value: '<date>', describe: (t) => t('consent.cli.option.from') },
    to: { type: 'string', value: '<date>', describe: (t) => t('consent.cli.option.to') },
    format: {
      type: 'string',
      value: '<csv|jsonl>',
      describe: (t) => t('consent.cli.option.exportFormat'),
    },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(auditCommand, args, t);
    const [action] = positionals(parsed, [t('server.cli.arg.auditAction')], t);
    if (action === 'log') return exportAuditLog(parsed, io, t);
    if (action !== 'verify')
      throw new UsageError(t('consent.cli.audit.badAction', { action: action! }));
    onlyOptions(parsed, ['portal', 'file', 'db', 'help'], 'audit verify', t);
    const file = parsed.values.file as string | undefined;
    if (file !== undefined) return verifyFile(file, io, t);
    const only = parsed.values.portal as string | undefined;
    return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const log = consentLogOf(store);
      if (only !== undefined && !(await log.chain(only))) {
        throw new NotFoundError(t('consent.cli.audit.noChain', { portalId: only }));
      }
      const portals = only === undefined ? await log.portals() : [only];
      let broken = 0;
      for (const portalId of portals) {
        const result = await log.verify(portalId);
        if (!result.ok) broken++;
        io.stdout(`${describe(portalId, result, t)}\n`);
      }
      io.stdout(`${t('consent.cli.audit.summaryLine', { portals: portals.length, broken })}\n`);
      return broken > 0 ? EXIT_RUNTIME : EXIT_OK;
    });
  },
};

function describe(portalId: string, result: ChainVerification, t: Translator): string {
  const problem = result.firstBreak;
  if (problem) {
    return t(`consent.cli.audit.${problem.reason}`, {
      portalId,
      seq: problem.seq,
      lastSeq: problem.lastSeq ?? problem.seq,
      eventId: problem.eventId ?? '?',
    });
  }
  const head = result.verifiedUpTo;
  if (result.checked === 0)
    return t('consent.cli.audit.okEmpty', { portalId, seq: head?.seq ?? 0 });
  return t('consent.cli.audit.ok', {
    portalId,
    checked: result.checked,
    seq: head?.seq ?? 0,
    hash: head?.hash ?? '',
  });
}

/**
 * An export is checked on its own: it continues from the link its first record carries, and
 * every record after must follow. Read line by line, so any size fits in constant memory.
 */
async function verifyFile(file: string, io: CliIo, t: Translator): Promise<number> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let verifier: ChainVerifier | undefined;
  let portalId = '';
  let format: 'jsonl' | 'csv' | undefined;
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line === '') continue;
    if (format === undefined) {
      format = line === CSV_HEADER ? 'csv' : 'jsonl';
      if (format === 'csv') continue;
    }
    const record = parseConsentRecordLine(line, format, number);
    if (verifier === undefined) {
      portalId = record.portalId;
      verifier = new ChainVerifier({
        checkpoint: { seq: record.seq - 1, hash: record.prevHash },
        sha256Hex: nodeSha256Hex,
      });
    } else if (record.portalId !== portalId) {
      throw new ValidationError(
        [
          fieldError(`line ${number}`, 'other_portal', {
            portal: record.portalId,
            expected: portalId,
          }),
        ],
        'invalid export',
      );
    }
    if (verifier.push(record)) break;
  }
  if (verifier === undefined) {
    throw new ValidationError([{ path: file, message: t('consent.cli.audit.emptyFile') }]);
  }
  const result = verifier.finish();
  io.stdout(`${describe(portalId, result, t)}\n`);
  return result.ok ? EXIT_OK : EXIT_RUNTIME;
}
