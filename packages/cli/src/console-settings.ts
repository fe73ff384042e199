import type { Translator } from '@galette/core';
import { UsageError } from './command.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ConsoleSettings {
  readonly consoleTheme?: 'dsfr' | 'neutral';
  readonly requireSecondFactor?: 'admins' | 'all';
}

/**
 * The back office's settings, from the environment:
 * - `GALETTE_CONSOLE_THEME`: `dsfr` (the French state's design system, default) or `neutral`,
 *   for operators that are not state bodies (the DSFR's marks are reserved to them);
 * - `GALETTE_REQUIRE_SECOND_FACTOR`: `none` (default), `admins` or `all`: who must set up a
 *   second factor (TOTP) before using the console.
 */
export function consoleSettings(env: Env, t: Translator): ConsoleSettings {
  const theme = choice(env, 'GALETTE_CONSOLE_THEME', ['dsfr', 'neutral'] as const, t);
  const second = choice(
    env,
    'GALETTE_REQUIRE_SECOND_FACTOR',
    ['none', 'admins', 'all'] as const,
    t,
  );
  return {
    ...(theme === undefined ? {} : { consoleTheme: theme }),
    ...(second === undefined || second === 'none' ? {} : { requireSecondFactor: second }),
  };
}

function choice<V extends string>(
  env: Env,
  name: string,
  values: readonly V[],
  t: Translator,
): V | undefined {
  const value = env[name]?.trim().toLowerCase();
  if (!value) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw new UsageError(
      t('consent.cli.badSetting', { name, value: env[name]!, expected: values.join(' | ') }),
    );
  }
  return value as V;
}
