import type { Translator } from '@galette/core';
import type { ApiTokenRecord } from '@galette/storage';
import { CLI, accountServices, many, onlyOptions, table } from '../accounts-cli.js';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs } from '../options.js';

const ACTIONS = ['create', 'list', 'revoke'] as const;
type Action = (typeof ACTIONS)[number];

const ACTION_OPTIONS: Readonly<Record<Action, readonly string[]>> = {
  create: ['name', 'role', 'portal', 'expires'],
  list: [],
  revoke: [],
};

/**
 * `galette tokens create|list|revoke`: API tokens for the admin API. `create` prints the token
 * once on stdout (the only line there, so it pipes into a secret store); the rest goes to stderr.
 */
export const tokensCommand: Command = {
  name: 'tokens',
  summary: (t) => t('accounts.cli.tokens.summary'),
  usage: (t) => t('accounts.cli.tokens.usage'),
  options: {
    name: {
      type: 'string',
      value: (t) => t('accounts.cli.arg.name'),
      describe: (t) => t('accounts.cli.option.tokenName'),
    },
    role: {
      type: 'string',
      value: '<admin|editor|viewer>',
      describe: (t) => t('accounts.cli.option.role'),
    },
    portal: {
      type: 'string',
      multiple: true,
      value: '<id>',
      describe: (t) => t('accounts.cli.option.portal'),
    },
    expires: { type: 'string', value: '<P90D>', describe: (t) => t('accounts.cli.option.expires') },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(tokensCommand, args, t);
    const [action, name, extra] = parsed.positionals;
    if (action === undefined) {
      throw new UsageError(t('server.cli.missingArgument', { name: t('accounts.cli.arg.action') }));
    }
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(t('accounts.cli.badAction', { action, actions: ACTIONS.join(', ') }));
    }
    const verb = action as Action;
    onlyOptions(parsed, [...ACTION_OPTIONS[verb], 'db', 'help'], `tokens ${verb}`, t);
    if (verb === 'revoke' && name === undefined) {
      throw new UsageError(t('server.cli.missingArgument', { name: t('accounts.cli.arg.name') }));
    }
    const surplus = verb === 'revoke' ? extra : name;
    if (surplus !== undefined)
      throw new UsageError(t('server.cli.extraArgument', { value: surplus }));
    if (verb === 'create') {
      for (const required of ['name', 'role']) {
        if (parsed.values[required] === undefined) {
          throw new UsageError(t('server.cli.missingArgument', { name: `--${required}` }));
        }
      }
    }

    return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const tokens = accountServices(store, io).tokens;
      switch (verb) {
        case 'create': {
          const expires = parsed.values.expires as string | undefined;
          const { token, record } = await tokens.create(CLI, {
            name: parsed.values.name as string,
            role: parsed.values.role as string,
            portals: many(parsed, 'portal'),
            ...(expires === undefined ? {} : { expires }),
          });
          io.stderr(
            `${t('accounts.cli.tokenCreated', {
              name: record.name,
              grants: scope(record, t),
              expiry:
                record.expiresAt === undefined
                  ? t('accounts.cli.noExpiry')
                  : t('accounts.cli.expiresOn', { date: record.expiresAt }),
            })}\n`,
          );
          io.stdout(`${token}\n`);
          break;
        }
        case 'list':
          io.stdout(listTokens(await tokens.list(CLI), t));
          break;
        case 'revoke':
          await tokens.revoke(CLI, name!);
          io.stdout(`${t('accounts.cli.tokenRevoked', { name: name! })}\n`);
          break;
      }
      return EXIT_OK;
    });
  },
};

function scope(record: ApiTokenRecord, t: Translator): string {
  return record.role === 'admin'
    ? `admin, ${t('accounts.cli.allPortals')}`
    : `${record.role}@${record.portals.join(', ')}`;
}

function listTokens(list: readonly ApiTokenRecord[], t: Translator): string {
  if (list.length === 0) return `${t('accounts.cli.noTokens')}\n`;
  const rows = list.map((token) => [
    token.name,
    token.role,
    token.role === 'admin' ? t('accounts.cli.allPortals') : token.portals.join(','),
    token.createdAt,
    token.createdBy,
    token.expiresAt ?? t('accounts.cli.noExpiry'),
    token.lastUsedAt ?? t('accounts.cli.never'),
  ]);
  return `${table([t('accounts.cli.tokensHeader').split('\t'), ...rows])}\n`;
}
