import {
  GaletteError,
  LocalizedError,
  ValidationError,
  fileErrorReason,
  formatFieldError,
  translator,
  type Translator,
} from '@galette/core';
import { cliLanguage } from './cli-language.js';
import {
  EXIT_OK,
  EXIT_RUNTIME,
  EXIT_USAGE,
  UsageError,
  type CliIo,
  type Command,
} from './command.js';
import { charterCommand } from './commands/charter.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { auditCommand } from './commands/audit.js';
import { exportConsentsCommand } from './commands/export-consents.js';
import { scanCommand } from './commands/scan.js';
import { scansCommand } from './commands/scans.js';
import { tokensCommand } from './commands/tokens.js';
import { usersCommand } from './commands/users.js';
import { purgeConsentsCommand } from './commands/purge-consents.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { commandHelp } from './options.js';
import { CLI_VERSION } from './version.js';

/** Every verb, in the order `galette --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  charterCommand,
  importCommand,
  exportCommand,
  migrateCommand,
  scanCommand,
  workerCommand,
  scansCommand,
  usersCommand,
  tokensCommand,
  auditCommand,
  exportConsentsCommand,
  purgeConsentsCommand,
];

/** Runs `galette <argv…>` and resolves with the exit status; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = cliLanguage(io.env);
  const t = translator(lang);
  const [verb, ...args] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    (verb === undefined ? io.stderr : io.stdout)(globalHelp(t));
    return verb === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (verb === '--version' || verb === '-v') {
    io.stdout(`${CLI_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === verb);
  if (!command) {
    io.stderr(`${t('server.cli.unknownCommand', { command: verb })}\n\n${globalHelp(t)}`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandHelp(command, t));
    return EXIT_OK;
  }
  try {
    return await command.run({ args, io, t, lang });
  } catch (error) {
    return report(error, command, io, t, lang);
  }
}

/** Usage and input errors exit with 2, anything else with 1; stack traces are not shown. */
function report(error: unknown, command: Command, io: CliIo, t: Translator, lang: string): number {
  if (error instanceof UsageError) {
    io.stderr(`${error.message}\n\n${commandHelp(command, t)}`);
    return EXIT_USAGE;
  }
  if (error instanceof ValidationError) {
    for (const e of error.errors) io.stderr(`${formatFieldError(e, lang)}\n`);
    return EXIT_USAGE;
  }
  const file = fileSystemError(error);
  if (file !== undefined) {
    io.stderr(
      `${t('server.cli.error', { message: t('files.failed', { file: file.path, reason: fileErrorReason(lang, error) }) })}\n`,
    );
    return file.code === 'ENOENT' || file.code === 'EISDIR' || file.code === 'ENOTDIR'
      ? EXIT_USAGE
      : EXIT_RUNTIME;
  }
  const message =
    error instanceof LocalizedError
      ? error.localize(lang)
      : error instanceof Error
        ? error.message
        : String(error);
  io.stderr(`${t('server.cli.error', { message })}\n`);
  if (
    error instanceof GaletteError &&
    (error.code === 'invalid_input' || error.code === 'not_found' || error.code === 'conflict')
  ) {
    return EXIT_USAGE;
  }
  return EXIT_RUNTIME;
}

/** A file the command was given could not be opened (`--out`, an export to check…). */
function fileSystemError(error: unknown): { path: string; code: string } | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof path === 'string'
    ? { code, path }
    : undefined;
}

function globalHelp(t: Translator): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    t('server.cli.usage'),
    '',
    t('server.cli.commandsHeading'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary(t)}`),
    '',
    t('server.cli.helpHint'),
    '',
  ].join('\n');
}
