import { readFile } from 'node:fs/promises';
import {
  ValidationError,
  checkCompliance,
  formatFieldError,
  type FieldError,
  parsePortalFile,
  type PortalContent,
  type Translator,
} from '@galette/core';
import { EXIT_OK, EXIT_USAGE, type CliIo, type Command } from '../command.js';
import { describeChanges } from '../describe-changes.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/**
 * `galette import <file.json>`: validates the whole file before touching the store, so a bad file
 * changes nothing; then replaces the portal's draft (and publishes it with `--publish`).
 */
export const importCommand: Command = {
  name: 'import',
  summary: (t) => t('server.cli.import.summary'),
  usage: (t) => t('server.cli.import.usage'),
  options: {
    publish: { type: 'boolean', describe: (t) => t('server.cli.option.publish') },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t, lang }) {
    const parsed = parseCommandArgs(importCommand, args, t);
    const [file] = positionals(parsed, [t('server.cli.arg.file')], t);
    const content = await readPortalFile(file!, io, t, lang);
    if (!content) return EXIT_USAGE;

    await withStore(databaseUrl(parsed, io.env), t, async (store) => {
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
    for (const finding of checkCompliance(content)) {
      const message = (finding.message as Record<string, string>)[lang] ?? finding.message.fr;
      io.stderr(
        `${t('server.cli.import.finding', {
          severity: t(
            finding.severity === 'error'
              ? 'server.cli.severity.error'
              : 'server.cli.severity.warning',
          ),
          path: finding.path || content.id,
          message,
        })}\n`,
      );
    }
    return EXIT_OK;
  },
};

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
    io.stderr(`${t('server.cli.import.unreadable', { file, reason: reason(error) })}\n`);
    return undefined;
  }
  const report = (errors: readonly FieldError[]) => {
    io.stderr(`${t('server.cli.import.invalid', { file, count: errors.length })}\n`);
    for (const e of errors) io.stderr(`${formatFieldError(e, lang)}\n`);
    return undefined;
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return report([
      { path: '', message: t('server.cli.import.notJson', { reason: reason(error) }) },
    ]);
  }
  try {
    return parsePortalFile(json);
  } catch (error) {
    if (error instanceof ValidationError) return report(error.errors);
    throw error;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
