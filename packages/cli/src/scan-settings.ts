import type { Translator } from '@galette/core';
import { UsageError } from './command.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Finished scans of each portal that keep their screenshots and reports, unless told. */
export const DEFAULT_SCAN_KEEP_EVIDENCE = 30;
/** Far above any schedule's year of scans; a bound so a typo does not read as « keep all ». */
export const MAX_SCAN_KEEP_EVIDENCE = 100_000;

/**
 * `GALETTE_SCAN_KEEP_EVIDENCE`: how many of each portal's newest finished scans keep their
 * screenshots and HTML and Markdown reports (default 30; older ones keep their findings, JSON
 * report and manifest), or `all` to delete none. Read when `serve` and `worker` start, so a bad
 * value stops them there rather than after the first scan.
 */
export function scanKeepEvidence(env: Env, t: Translator): number | 'all' {
  const value = env.GALETTE_SCAN_KEEP_EVIDENCE?.trim();
  if (!value) return DEFAULT_SCAN_KEEP_EVIDENCE;
  if (value.toLowerCase() === 'all') return 'all';
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_SCAN_KEEP_EVIDENCE)) {
    throw new UsageError(
      t('consent.cli.badSetting', {
        name: 'GALETTE_SCAN_KEEP_EVIDENCE',
        value: env.GALETTE_SCAN_KEEP_EVIDENCE!,
        expected: `1–${MAX_SCAN_KEEP_EVIDENCE} | all`,
      }),
    );
  }
  return n;
}
