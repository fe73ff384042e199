import {
  CLI_PRINCIPAL,
  GaletteError,
  NotFoundError,
  actorOf,
  type Translator,
} from '@galette/core';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';
import { scanJobsOf } from '../scan-worker.js';
import {
  DEFAULT_SCAN_KEEP_EVIDENCE,
  MAX_SCAN_KEEP_EVIDENCE,
  scanKeepEvidence,
} from '../scan-settings.js';
import { kilobytes } from './worker.js';

/** `--keep`: 0 deletes every finished scan's files. */
function keepOption(value: string, t: Translator): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= MAX_SCAN_KEEP_EVIDENCE)) {
    throw new UsageError(t('scanRetention.cli.badKeep', { value, max: MAX_SCAN_KEEP_EVIDENCE }));
  }
  return n;
}

/**
 * `galette scans prune [--keep N] [--portal id]`: what the worker does after each scan, now and
 * for every portal (or one), with the configured count or another. Each portal that lost files
 * gets an audit entry `scan.prune-evidence` by `cli`, with what went.
 */
export const scansCommand: Command = {
  name: 'scans',
  summary: (t) => t('scanRetention.cli.summary'),
  usage: (t) => t('scanRetention.cli.usage'),
  options: {
    keep: {
      type: 'string',
      value: '<n>',
      describe: (t) => t('scanRetention.cli.option.keep', { default: DEFAULT_SCAN_KEEP_EVIDENCE }),
    },
    portal: {
      type: 'string',
      value: '<id>',
      describe: (t) => t('scanRetention.cli.option.portal'),
    },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(scansCommand, args, t);
    const [action] = positionals(parsed, [t('accounts.cli.arg.action')], t);
    if (action !== 'prune') {
      throw new UsageError(t('accounts.cli.badAction', { action: action!, actions: 'prune' }));
    }
    const sent = parsed.values.keep as string | undefined;
    const keep = sent === undefined ? scanKeepEvidence(io.env, t) : keepOption(sent, t);
    if (keep === 'all') {
      io.stdout(`${t('scanRetention.cli.keepAll')}\n`);
      return EXIT_OK;
    }
    const portalId = parsed.values.portal as string | undefined;
    return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const jobs = scanJobsOf(store);
      if (!jobs)
        throw new GaletteError('storage', t('scanner.worker.noQueue', { kind: store.kind }));
      if (portalId !== undefined && !(await store.getPortal(portalId))) {
        throw new NotFoundError(t('server.cli.unknownPortal', { portalId }));
      }
      const pruned = await jobs.pruneEvidence({
        keepPerPortal: keep,
        ...(portalId === undefined ? {} : { portalId }),
      });
      for (const { portalId: portal, ...counts } of pruned.portals) {
        await store.accounts.appendAudit({
          actor: actorOf(CLI_PRINCIPAL),
          portalId: portal,
          action: 'scan.prune-evidence',
          object: portal,
          outcome: 'success',
          changes: { keep, ...counts },
        });
        io.stdout(
          `${t('scanRetention.cli.pruned', {
            portal,
            scans: counts.scans,
            files: counts.files,
            kilobytes: kilobytes(counts.storedBytes),
            keep,
          })}\n`,
        );
      }
      if (pruned.scans === 0) io.stdout(`${t('scanRetention.cli.nothing', { keep })}\n`);
      return EXIT_OK;
    });
  },
};
