import { CLI_PRINCIPAL, formatGrant, type Grant, type Translator } from '@galette/core';
import { createAccountServices, passwordLinkUrl, type AccountServices } from '@galette/server';
import type { Store } from '@galette/storage';
import { UsageError, type CliIo } from './command.js';
import { DEFAULT_PORT, type ParsedArgs } from './options.js';

/** The CLI acts as an administrator; the audit log names it `cli`. */
export const CLI = CLI_PRINCIPAL;

export function accountServices(store: Store, io: CliIo): AccountServices {
  const secret = io.env.GALETTE_SECRET?.trim();
  return createAccountServices(store, secret ? { secret } : {});
}

/** Where the console is reached, for the links printed: `GALETTE_PUBLIC_URL`, else localhost. */
export function consoleBaseUrl(env: CliIo['env']): string {
  const configured = env.GALETTE_PUBLIC_URL?.trim();
  if (configured) return configured;
  return `http://localhost:${env.PORT?.trim() || DEFAULT_PORT}`;
}

/** The two lines that hand over a set-password link. */
export function linkLines(
  io: CliIo,
  t: Translator,
  link: { token: string; expiresAt: Date },
  intro: 'accounts.cli.linkIntro' | 'accounts.serve.firstAdmin' = 'accounts.cli.linkIntro',
): string {
  return `${t(intro, { expires: link.expiresAt.toISOString() })}\n  ${passwordLinkUrl(consoleBaseUrl(io.env), link.token)}\n`;
}

/**
 * The password given on standard input: its first line, so `echo secret |` and a file with a
 * trailing newline both work.
 */
export async function passwordFromStdin(io: CliIo, t: Translator): Promise<string> {
  const text = io.readStdin === undefined ? '' : await io.readStdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password === '') throw new UsageError(t('accounts.cli.noPasswordOnStdin'));
  return password;
}

/** A repeatable option's values. */
export function many(parsed: ParsedArgs, name: string): string[] {
  const value = parsed.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** Refuses options that the chosen action does not take, naming the first. */
export function onlyOptions(
  parsed: ParsedArgs,
  allowed: readonly string[],
  command: string,
  t: Translator,
): void {
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined || allowed.includes(name)) continue;
    throw new UsageError(t('accounts.cli.optionNotHere', { option: name, command }));
  }
}

export function describeGrants(grants: readonly Grant[], t: Translator): string {
  return grants.length === 0 ? t('accounts.cli.noRole') : grants.map(formatGrant).join(', ');
}

/** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
    )
    .join('\n');
}
