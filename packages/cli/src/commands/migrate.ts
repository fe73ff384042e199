import { openStore } from '@galette/storage';
import { EXIT_OK, EXIT_RUNTIME, type Command } from '../command.js';
import { migrationFailure } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/** `galette migrate`: applies pending schema migrations and reports each step. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: (t) => t('server.cli.migrate.summary'),
  usage: (t) => t('server.cli.migrate.usage'),
  options: { db: DB_OPTION, help: HELP_OPTION },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(migrateCommand, args, t);
    positionals(parsed, [], t);
    const url = databaseUrl(parsed, io.env, t);
    const store = await openStore(url);
    try {
      const result = await store.migrate();
      for (const migration of result.alreadyApplied) {
        io.stdout(`${t('server.cli.migrate.alreadyApplied', { migration })}\n`);
      }
      for (const migration of result.applied) {
        io.stdout(`${t('server.cli.migrate.applied', { migration })}\n`);
      }
      if (result.error) {
        const line = result.error.unavailable
          ? migrationFailure(url, result.error, t)
          : t('server.cli.migrate.failed', {
              migration: result.error.migration,
              message: result.error.message,
            });
        io.stderr(`${line}\n`);
        return EXIT_RUNTIME;
      }
      io.stdout(
        `${t('server.cli.migrate.done', {
          store: store.kind,
          applied: result.applied.length,
          already: result.alreadyApplied.length,
        })}\n`,
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
