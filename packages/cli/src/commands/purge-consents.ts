import { NotFoundError } from '@galette/core';
import { EXIT_OK, type Command } from '../command.js';
import { before, consentLogOf } from '../consent-cli.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/** Retention when neither `--older-than` nor `GALETTE_CONSENT_RETENTION` says otherwise. */
export const DEFAULT_CONSENT_RETENTION = 'P5Y';

/**
 * `galette purge-consents [--portal id] [--older-than P5Y] [--dry-run]`: deletes the consent
 * records older than the retention period, oldest first, and leaves a checkpoint so that what
 * remains still verifies. Daily statistics are kept. Meant for a daily timer.
 */
export const purgeConsentsCommand: Command = {
  name: 'purge-consents',
  summary: (t) => t('consent.cli.purge.summary'),
  usage: (t) => t('consent.cli.purge.usage'),
  options: {
    portal: { type: 'string', value: '<id>', describe: (t) => t('consent.cli.option.portal') },
    'older-than': {
      type: 'string',
      value: (t) => t('consent.cli.arg.duration'),
      describe: (t) => t('consent.cli.option.olderThan', { default: DEFAULT_CONSENT_RETENTION }),
    },
    'dry-run': { type: 'boolean', describe: (t) => t('consent.cli.option.dryRun') },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(purgeConsentsCommand, args, t);
    positionals(parsed, [], t);
    const retention =
      (parsed.values['older-than'] as string | undefined) ??
      (io.env.GALETTE_CONSENT_RETENTION || DEFAULT_CONSENT_RETENTION);
    const cutoff = before(new Date(), retention, t);
    const dryRun = parsed.values['dry-run'] === true;
    const only = parsed.values.portal as string | undefined;
    return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const log = consentLogOf(store);
      if (only !== undefined && !(await log.chain(only))) {
        throw new NotFoundError(t('consent.cli.audit.noChain', { portalId: only }));
      }
      const date = cutoff.toISOString();
      for (const portalId of only === undefined ? await log.portals() : [only]) {
        const result = await log.purge(portalId, cutoff, { dryRun });
        const params = { portalId, before: date, seq: result.checkpoint?.seq ?? 0 };
        if (dryRun)
          io.stdout(`${t('consent.cli.purge.dryRun', { ...params, count: result.purged })}\n`);
        else if (result.purged === 0) io.stdout(`${t('consent.cli.purge.nothing', params)}\n`);
        else io.stdout(`${t('consent.cli.purge.done', { ...params, purged: result.purged })}\n`);
      }
      return EXIT_OK;
    });
  },
};
