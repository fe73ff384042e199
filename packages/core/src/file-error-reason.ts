import { translate } from './i18n/translate.js';

const KNOWN = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR']);

/**
 * Why reading a file failed, in `lang`, from the error's errno code (`ENOENT`…): Node's own
 * message is English only and names the system call, which says nothing to an operator.
 */
export function fileErrorReason(lang: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && KNOWN.has(code)) return translate(lang, `files.reason.${code}`);
  if (typeof code === 'string') return translate(lang, 'files.reason.other', { code });
  return error instanceof Error ? error.message : String(error);
}
