import type { Translator } from '@galette/core';
import { EXIT_USAGE, type Command } from '../command.js';
import { CLI_VERSION } from '../version.js';

/** A verb of the documented command line that this version does not implement yet. */
function notYet(name: string, summary: (t: Translator) => string): Command {
  const command: Command = {
    name,
    summary,
    usage: () => `galette ${name}`,
    options: {},
    run({ io, t }) {
      io.stderr(`${t('server.cli.notAvailable', { command: name, version: CLI_VERSION })}\n`);
      return Promise.resolve(EXIT_USAGE);
    },
  };
  return command;
}

export const scanCommand = notYet('scan', (t) => t('server.cli.scan.summary'));
