import { readFile } from 'node:fs/promises';
import {
  LocalizedError,
  ValidationError,
  fileErrorReason,
  parseJsonText,
  checkCompliance,
  type ComplianceFinding,
  formatFieldError,
  type FieldError,
  parsePortalFile,
  type PortalContent,
  type Translator,
} from '@galette/core';
import { loadCookieDatabase } from '@galette/core/node';
import { EXIT_OK, EXIT_USAGE, type CliIo, type Command } from '../command.js';
import { describeChanges } from '../describe-changes.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/**
 * `galette import <file.json>`: validates the whole file before touching the store, so a bad file
 * changes nothing; then replaces the portal's draft (and publishes it with `--publish`). With
 * `--publish`, an error-level compliance finding (judged with the Open Cookie Database) changes
 * nothing and exits 2, unless `--force`.
 */
export const importCommand: Command = {
  name: 'import',
  summary: (t) => t('server.cli.import.summary'),
  usage: (t) => t('server.cli.import.usage'),
  options: {
    publish: { type: 'boolean', describe: (t) => t('server.cli.option.publish') },
    force: { type: 'boolean', describe: (t) => t('server.cli.option.force') },
    ocd: { type: 'string', value: '<file.csv>', describe: (t) => t('server.cli.option.ocd') },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t, lang }) {
    const parsed = parseCommandArgs(importCommand, args, t);
    const [file] = positionals(parsed, [t('server.cli.arg.file')], t);
    const content = await readPortalFile(file!, io, t, lang);
    if (!content) return EXIT_USAGE;
    const ocd = parsed.values.ocd;
    const cookieDatabase = await loadCookieDatabase({
      path: typeof ocd === 'string' ? ocd : undefined,
      env: io.env,
    });
    const findings = checkCompliance(content, { cookieDatabase });
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (parsed.values.publish && errors > 0 && !parsed.values.force) {
      printFindings(findings, content.id, io, t, lang);
      io.stderr(`${t('server.cli.import.blocked', { count: errors })}\n`);
      return EXIT_USAGE;
    }

    await withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const before = await store.getPortal(content.id);
      const previous = await store.latestRevision(content.id);
      const revision = parsed.values.publish
        ? await store.saveAndPublish(content, { publishedBy: 'galette import' })
        : (await store.savePortal(content), undefined);
      for (const line of describeChanges(before, content, t)) io.stdout(`${line}\n`);
      if (!revision) io.stdout(`${t('server.cli.import.draftOnly')}\n`);
      else if (previous?.hash === revision.hash) {
        io.stdout(
          `${t('server.cli.import.alreadyPublished', { number: revision.number, hash: revision.hash })}\n`,
        );
      } else {
        io.stdout(
          `${t('server.cli.import.published', { number: revision.number, hash: revision.hash })}\n`,
        );
      }
    });
    printFindings(findings, content.id, io, t, lang);
    if (parsed.values.publish && errors > 0) {
      io.stderr(`${t('server.cli.import.forced', { count: errors })}\n`);
    }
    return EXIT_OK;
  },
};

function printFindings(
  findings: readonly ComplianceFinding[],
  portalId: string,
  io: CliIo,
  t: Translator,
  lang: string,
): void {
  for (const finding of findings) {
    const message = (finding.message as Record<string, string>)[lang] ?? finding.message.fr;
    io.stderr(
      `${t('server.cli.import.finding', {
        severity: t(
          finding.severity === 'error'
            ? 'server.cli.severity.error'
            : 'server.cli.severity.warning',
        ),
        path: finding.path || portalId,
        message,
      })}\n`,
    );
  }
}

/** The file's content, or undefined after printing every problem as `path: reason`. */
async function readPortalFile(
  file: string,
  io: CliIo,
  t: Translator,
  lang: string,
): Promise<PortalContent | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(
      `${t('server.cli.import.unreadable', { file, reason: fileErrorReason(lang, error) })}\n`,
    );
    return undefined;
  }
  const report = (errors: readonly FieldError[]) => {
    io.stderr(`${t('server.cli.import.invalid', { file, count: errors.length })}\n`);
    for (const e of errors) io.stderr(`${formatFieldError(e, lang)}\n`);
    return undefined;
  };
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof LocalizedError)) throw error;
    return report([{ path: '', message: error.localize(lang) }]);
  }
  try {
    return parsePortalFile(json);
  } catch (error) {
    if (error instanceof ValidationError) return report(error.errors);
    throw error;
  }
}
