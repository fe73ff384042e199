import { parseArgs } from 'node:util';
import type { Translator } from '@galette/core';
import { isDatabaseUrl, redactPassword } from '@galette/storage';
import { UsageError, type Command, type OptionSpec } from './command.js';

export const DEFAULT_DB = 'sqlite:./data/galette.db';
export const DEFAULT_PORT = 8080;

/** Shared `--db` option. */
export const DB_OPTION = {
  type: 'string',
  value: '<url>',
  describe: (t: Translator) => t('server.cli.option.db', { default: DEFAULT_DB }),
} as const;

export const HELP_OPTION = {
  type: 'boolean',
  short: 'h',
  describe: (t: Translator) => t('server.cli.option.help'),
} as const;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses a command's arguments strictly; unknown options and missing values are usage errors. */
export function parseCommandArgs(
  command: Command,
  args: readonly string[],
  t: Translator,
): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw new UsageError(optionError(error, t));
  }
}

/**
 * parseArgs' error in the catalog's words: its codes are stable, its texts English only. The
 * option is the one it quotes first (`'--bogus'`, `'-p, --port <value>'` → `--port`).
 */
function optionError(error: unknown, t: Translator): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const quoted = typeof message === 'string' ? /'([^']*)'/.exec(message)?.[1] : undefined;
  const option = quoted === undefined ? '?' : (/--[^\s,<]+/.exec(quoted)?.[0] ?? quoted);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return t('operations.cli.unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return typeof message === 'string' && message.includes('argument missing')
      ? t('operations.cli.missingValue', { option })
      : t('operations.cli.unexpectedValue', { option });
  }
  return t('operations.cli.badOption', { option });
}

/** Exactly `names.length` positionals, else a usage error naming what is missing or extra. */
export function positionals(parsed: ParsedArgs, names: readonly string[], t: Translator): string[] {
  const given = parsed.positionals;
  if (given.length < names.length) {
    throw new UsageError(t('server.cli.missingArgument', { name: names[given.length]! }));
  }
  if (given.length > names.length) {
    throw new UsageError(t('server.cli.extraArgument', { value: given[names.length]! }));
  }
  return [...given];
}

/**
 * `--db`, else `GALETTE_DB`, else the embedded SQLite file. A URL Galette cannot read is a usage
 * error naming where it came from, the flag or the variable.
 */
export function databaseUrl(
  parsed: ParsedArgs,
  env: Readonly<Record<string, string | undefined>>,
  t: Translator,
): string {
  const flag = parsed.values.db;
  const fromFlag = typeof flag === 'string' && flag !== '';
  const url = fromFlag ? flag : env.GALETTE_DB || DEFAULT_DB;
  if (!isDatabaseUrl(url)) {
    throw new UsageError(
      t('operations.cli.badDatabaseUrl', {
        source: fromFlag ? '--db' : 'GALETTE_DB',
        url: redactPassword(url.trim()),
      }),
    );
  }
  return url;
}

/** A TCP port, 0 meaning any free one. */
export function parsePort(value: string, t: Translator): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(t('server.cli.badPort', { value }));
  return port;
}

function placeholder({ value }: OptionSpec, t: Translator): string {
  if (value === undefined) return '';
  return ` ${typeof value === 'string' ? value : value(t)}`;
}

/** The help of one command. */
export function commandHelp(command: Command, t: Translator): string {
  const lines = [command.usage(t), '', capitalise(command.summary(t)) + '.', ''];
  const entries = Object.entries(command.options);
  if (entries.length > 0) {
    lines.push(t('server.cli.optionsHeading'));
    const labels = entries.map(
      ([name, spec]) =>
        `${spec.short ? `-${spec.short}, ` : '    '}--${name}${placeholder(spec, t)}`,
    );
    const width = Math.max(...labels.map((l) => l.length));
    entries.forEach(([, spec], i) =>
      lines.push(`  ${labels[i]!.padEnd(width)}  ${spec.describe(t)}`),
    );
  }
  return lines.join('\n') + '\n';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
