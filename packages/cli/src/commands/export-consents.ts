import { NotFoundError } from '@galette/core';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { consentLogOf, parseInstant } from '../consent-cli.js';
import {
  CONSENT_EXPORT_FORMATS,
  CSV_HEADER,
  formatConsentRecord,
  type ConsentExportFormat,
} from '@galette/core';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/** Lines gathered per write: few system calls, bounded memory. */
const LINES_PER_WRITE = 500;

/**
 * `galette export-consents <portal> [--from] [--to] [--format csv|jsonl]`: the portal's consent
 * records in chain order on stdout, each with its position and hashes, so the file can be
 * verified on its own. Records are read page by page from one snapshot; on Linux, writes to a
 * pipe or a file block until taken, so memory stays constant whatever the volume.
 */
export const exportConsentsCommand: Command = {
  name: 'export-consents',
  summary: (t) => t('consent.cli.export.summary'),
  usage: (t) => t('consent.cli.export.usage'),
  options: {
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
    const parsed = parseCommandArgs(exportConsentsCommand, args, t);
    const [portalId] = positionals(parsed, [t('server.cli.arg.portal')], t);
    const format = ((parsed.values.format as string | undefined) ?? 'jsonl') as ConsentExportFormat;
    if (!CONSENT_EXPORT_FORMATS.includes(format)) {
      throw new UsageError(
        t('server.cli.badFormat', { value: format, formats: CONSENT_EXPORT_FORMATS.join(', ') }),
      );
    }
    const from = parsed.values.from as string | undefined;
    const to = parsed.values.to as string | undefined;
    const range = {
      ...(from === undefined ? {} : { from: parseInstant('--from', from, 'start', t) }),
      ...(to === undefined ? {} : { to: parseInstant('--to', to, 'end', t) }),
    };
    return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const log = consentLogOf(store);
      let batch: string[] = format === 'csv' ? [CSV_HEADER] : [];
      if (!(await log.chain(portalId!))) {
        // A portal nobody has answered yet exports nothing, successfully; an id that names no
        // portal is a mistake the operator must see (a typo would otherwise look like "no proofs").
        if ((await store.getPortal(portalId!)) === undefined) {
          throw new NotFoundError(t('server.cli.unknownPortal', { portalId: portalId! }));
        }
        io.stderr(`${t('operations.cli.exportEmpty', { portalId: portalId! })}\n`);
        if (batch.length > 0) io.stdout(`${batch.join('\n')}\n`);
        return EXIT_OK;
      }
      for await (const record of log.records(portalId!, range)) {
        batch.push(formatConsentRecord(record, format));
        if (batch.length >= LINES_PER_WRITE) {
          io.stdout(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) io.stdout(`${batch.join('\n')}\n`);
      return EXIT_OK;
    });
  },
};
