import type { Translator } from '@galette/core';

/** Exit statuses of `galette`. */
export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;
/** `galette scan` found at least one error finding (so a CI job can gate on it). */
export const EXIT_FINDINGS = 3;

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard error is a terminal: progress may redraw one line. */
  readonly isTTY?: boolean;
  /** Resolves with the signal's name when the process is asked to stop (SIGTERM, SIGINT). */
  readonly untilStopped: () => Promise<string>;
  /** All of standard input as text (`--password-stdin`); absent where there is none. */
  readonly readStdin?: () => Promise<string>;
}

/** What a command's `run` receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly t: Translator;
  readonly lang: string;
  /** Arguments after the verb. */
  readonly args: readonly string[];
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** May be given several times (`--portal a --portal b`): its value is then an array. */
  readonly multiple?: boolean;
  /** Placeholder shown in help, e.g. `<url>`; a function for one that is a word to translate. */
  readonly value?: string | ((t: Translator) => string);
  /** Help line of this option. */
  readonly describe: (t: Translator) => string;
}

export interface Command {
  readonly name: string;
  readonly summary: (t: Translator) => string;
  readonly usage: (t: Translator) => string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Resolves with the exit status. */
  run(context: CommandContext): Promise<number>;
}

/** Bad command line: reported on stderr with the command's usage, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
