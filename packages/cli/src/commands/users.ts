import type { Translator } from '@galette/core';
import type { UserRecord } from '@galette/storage';
import {
  CLI,
  accountServices,
  describeGrants,
  linkLines,
  many,
  onlyOptions,
  passwordFromStdin,
  table,
} from '../accounts-cli.js';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs } from '../options.js';

const ACTIONS = [
  'add',
  'list',
  'grant',
  'revoke',
  'disable',
  'enable',
  'reset-password',
  'reset-second-factor',
] as const;
type Action = (typeof ACTIONS)[number];

/** Options each action takes, besides --db and --help. */
const ACTION_OPTIONS: Readonly<Record<Action, readonly string[]>> = {
  add: ['name', 'language', 'role', 'portal', 'password-stdin'],
  list: [],
  grant: ['role', 'portal'],
  revoke: ['role', 'portal'],
  disable: [],
  enable: [],
  'reset-password': ['password-stdin'],
  'reset-second-factor': [],
};

/**
 * `galette users add|list|grant|revoke|disable|enable|reset-password|reset-second-factor`: the
 * console's accounts
 * from the command line, through the same services as the console, audited as `cli`.
 */
export const usersCommand: Command = {
  name: 'users',
  summary: (t) => t('accounts.cli.users.summary'),
  usage: (t) => t('accounts.cli.users.usage'),
  options: {
    name: {
      type: 'string',
      value: (t) => t('accounts.cli.arg.name'),
      describe: (t) => t('accounts.cli.option.name'),
    },
    language: {
      type: 'string',
      value: '<fr|en>',
      describe: (t) => t('accounts.cli.option.language'),
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
    'password-stdin': { type: 'boolean', describe: (t) => t('accounts.cli.option.passwordStdin') },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(usersCommand, args, t);
    const [action, email, extra] = parsed.positionals;
    if (action === undefined) {
      throw new UsageError(t('server.cli.missingArgument', { name: t('accounts.cli.arg.action') }));
    }
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(t('accounts.cli.badAction', { action, actions: ACTIONS.join(', ') }));
    }
    const verb = action as Action;
    onlyOptions(parsed, [...ACTION_OPTIONS[verb], 'db', 'help'], `users ${verb}`, t);
    const wantsEmail = verb !== 'list';
    if (wantsEmail && email === undefined) {
      throw new UsageError(t('server.cli.missingArgument', { name: t('accounts.cli.arg.email') }));
    }
    const surplus = wantsEmail ? extra : email;
    if (surplus !== undefined)
      throw new UsageError(t('server.cli.extraArgument', { value: surplus }));
    const password =
      parsed.values['password-stdin'] === true ? await passwordFromStdin(io, t) : undefined;
    const role = parsed.values.role as string | undefined;
    const portals = many(parsed, 'portal');

    return withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const services = accountServices(store, io);
      const users = services.users;
      switch (verb) {
        case 'add': {
          const name = parsed.values.name as string | undefined;
          const language = parsed.values.language as string | undefined;
          const { user, link } = await users.addUser(CLI, {
            email: email!,
            ...(name === undefined ? {} : { displayName: name }),
            ...(language === undefined ? {} : { language }),
            ...(role === undefined ? {} : { role }),
            portals,
            ...(password === undefined ? {} : { password }),
          });
          io.stdout(
            `${t('accounts.cli.userAdded', { email: user.email, grants: describeGrants(user.grants, t) })}\n`,
          );
          if (link !== undefined) io.stdout(linkLines(io, t, link));
          break;
        }
        case 'list':
          io.stdout(listUsers(await users.list(CLI), t));
          break;
        case 'grant': {
          if (role === undefined) {
            throw new UsageError(t('server.cli.missingArgument', { name: '--role' }));
          }
          const user = await users.grant(CLI, email!, role, portals);
          io.stdout(
            `${t('accounts.cli.granted', { email: user.email, grants: describeGrants(user.grants, t) })}\n`,
          );
          break;
        }
        case 'revoke': {
          const user = await users.revoke(CLI, email!, {
            ...(role === undefined ? {} : { role }),
            portals,
          });
          io.stdout(
            `${t('accounts.cli.granted', { email: user.email, grants: describeGrants(user.grants, t) })}\n`,
          );
          break;
        }
        case 'disable':
          io.stdout(
            `${t('accounts.cli.disabled', { email: (await users.disable(CLI, email!)).email })}\n`,
          );
          break;
        case 'enable':
          io.stdout(
            `${t('accounts.cli.enabled', { email: (await users.enable(CLI, email!)).email })}\n`,
          );
          break;
        case 'reset-password':
          if (password === undefined) {
            io.stdout(linkLines(io, t, await users.resetPasswordLink(CLI, email!)));
          } else {
            const user = await users.setPassword(CLI, email!, password);
            io.stdout(`${t('accounts.cli.passwordSet', { email: user.email })}\n`);
          }
          break;
        case 'reset-second-factor': {
          const user = await users.get(CLI, email!);
          await services.secondFactor.reset(CLI, user.id);
          io.stdout(`${t('accounts.cli.secondFactorReset', { email: user.email })}\n`);
          break;
        }
      }
      return EXIT_OK;
    });
  },
};

function listUsers(list: readonly UserRecord[], t: Translator): string {
  if (list.length === 0) return `${t('accounts.cli.noUsers')}\n`;
  const rows = list.map((u) => [
    u.email,
    u.displayName,
    u.language,
    t(u.active ? 'accounts.cli.active' : 'accounts.cli.inactive'),
    describeGrants(u.grants, t),
    u.lastSignInAt ?? t('accounts.cli.never'),
  ]);
  return `${table([t('accounts.cli.listHeader').split('\t'), ...rows])}\n`;
}
