import { REFERENCE_LANGUAGE, isSupportedLanguage } from '@galette/core';

/**
 * The language of the command's messages: `GALETTE_LANG`, then the POSIX locale variables in
 * their order of precedence, then French.
 */
export function cliLanguage(env: Readonly<Record<string, string | undefined>>): string {
  for (const name of ['GALETTE_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (!value) continue;
    const primary = value.split(/[-_.@]/)[0]!.toLowerCase();
    if (isSupportedLanguage(primary)) return primary;
    // A set but unsupported locale (C, POSIX, de_DE) stops the search, as POSIX lookup does.
    if (name !== 'GALETTE_LANG') break;
  }
  return REFERENCE_LANGUAGE;
}
