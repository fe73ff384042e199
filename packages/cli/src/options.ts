import { parseArgs } from 'node:util';
import type { Translator } from '@galette/core';
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
    throw new UsageError(
      t('server.cli.badOptions', {
        detail: error instanceof Error ? error.message : String(error),
      }),
    );
  }
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

/** `--db`, else `GALETTE_DB`, else the embedded SQLite file. */
export function databaseUrl(
  parsed: ParsedArgs,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const flag = parsed.values.db;
  return typeof flag === 'string' && flag !== '' ? flag : env.GALETTE_DB || DEFAULT_DB;
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
