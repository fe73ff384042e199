import { UnavailableError, type Translator } from '@galette/core';

export interface ServerErrorLogOptions {
  readonly t: Translator;
  /** Where lines go; `console.error` by default. */
  readonly write?: (entry: unknown) => void;
  /** How long the answers of one database outage share one line; 10 s by default. */
  readonly windowMs?: number;
  readonly now?: () => number;
}

/**
 * The server's error log (`createApp({ log })`). Errors keep their stack, but while the database
 * does not answer every request fails the same way: those are logged one line per window, with the
 * count of the ones left out since the last line, instead of thousands of stacks a second.
 */
export function serverErrorLog(options: ServerErrorLogOptions): (error: unknown) => void {
  const { t, write = (entry) => console.error(entry), windowMs = 10_000, now = Date.now } = options;
  let last = Number.NEGATIVE_INFINITY;
  let leftOut = 0;
  return (error) => {
    if (!(error instanceof UnavailableError)) {
      write(error);
      return;
    }
    const at = now();
    if (at - last < windowMs) {
      leftOut++;
      return;
    }
    last = at;
    write(
      leftOut === 0
        ? t('server.log.unavailable', { message: error.message })
        : t('server.log.unavailableAgain', { message: error.message, count: leftOut }),
    );
    leftOut = 0;
  };
}
