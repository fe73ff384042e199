import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PRINCIPAL, parsePortalFile } from '@galette/core';
import { createAccountServices } from '@galette/server';
import { openStore, type Store } from '@galette/storage';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS } from '../src/audit-log-export.js';
import { cliInProcess, DEMO_DIR, tempDir } from './run-galette.js';

const PARIS = 'opendata.paris.fr';
const FINISTERE = 'opendata.finistere.fr';
const PASSWORD = 'correct horse battery staple';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let db: string;

const cli = (args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) =>
  cliInProcess([...args, '--db', db], options);

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A migrated database with two portals of the demo preset. */
beforeEach(async () => {
  const dir = tempDir();
  dirs.push(dir);
  db = `sqlite:${join(dir, 'galette.db')}`;
  await withStore(async (store) => {
    expect((await store.migrate()).error).toBeUndefined();
    for (const id of [PARIS, FINISTERE]) {
      const file = JSON.parse(readFileSync(join(DEMO_DIR, `${id}.json`), 'utf8')) as unknown;
      await store.saveAndPublish(parsePortalFile(file));
    }
  });
});

function linkToken(output: string): string {
  const match = /^ {2}(\S+)\/admin\/set-password\?token=([A-Za-z0-9_-]{43})$/m.exec(output);
  expect(match, output).not.toBeNull();
  return match![2]!;
}

describe('galette users', () => {
  it('is listed by --help and describes every action in both languages', async () => {
    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/^ {2}users /m);
    expect(help.stdout).toMatch(/^ {2}tokens /m);
    for (const [verb, text] of [
      ['users', 'galette users add <email>'],
      ['tokens', 'galette tokens create --name <nom>'],
    ] as const) {
      const own = await cli([verb, '--help']);
      expect(own.code, verb).toBe(0);
      expect(own.stdout, verb).toContain(text);
      expect(own.stdout, verb).toContain('--portal <id>');
    }
    const en = await cli(['users', '--help'], { env: { GALETTE_LANG: 'en' } });
    expect(en.stdout).toContain('read the password from standard input');
  });

  it('adds a user with a role and prints a single-use link at the public URL', async () => {
    const added = await cli(
      [
        'users',
        'add',
        'Camille@Example.org',
        '--name',
        'Camille',
        '--role',
        'editor',
        '--portal',
        PARIS,
        '--portal',
        FINISTERE,
      ],
      { env: { GALETTE_PUBLIC_URL: 'https://galette.example.org' } },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(
      `Utilisateur Camille@Example.org ajouté (editor@${FINISTERE}, editor@${PARIS}).`,
    );
    expect(added.stdout).toMatch(/valable jusqu’au \d{4}-\d\d-\d\dT/);
    expect(added.stdout).toContain('  https://galette.example.org/admin/set-password?token=');
    const token = linkToken(added.stdout);

    // The link is stored hashed, works once, and sets the password the user chooses.
    await withStore(async (store) => {
      const hash = createHash('sha256').update(token).digest('hex');
      expect(await store.accounts.findPasswordLink(hash)).toMatchObject({
        purpose: 'set-password',
      });
      const services = createAccountServices(store);
      await services.links.useLink(token, { password: PASSWORD });
      expect((await services.signIn.signIn('camille@example.org', PASSWORD)).outcome).toBe(
        'signed-in',
      );
    });

    const list = await cli(['users', 'list'], { env: { GALETTE_LANG: 'en' } });
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(
      /^EMAIL +NAME +LANGUAGE +STATE +ROLES +LAST SIGN-IN$/,
    );
    expect(list.stdout).toMatch(
      new RegExp(
        `^Camille@Example.org +Camille +fr +active +editor@${FINISTERE}, editor@${PARIS} +\\d{4}-`,
        'm',
      ),
    );
  });

  it('takes the password on standard input, and refuses an empty one', async () => {
    const added = await cli(
      ['users', 'add', 'root@example.org', '--role', 'admin', '--password-stdin'],
      {
        stdin: `${PASSWORD}\n`,
      },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('Utilisateur root@example.org ajouté (admin).\n');
    await withStore(async (store) => {
      const signIn = await createAccountServices(store).signIn.signIn('root@example.org', PASSWORD);
      expect(signIn.outcome).toBe('signed-in');
    });
    const empty = await cli(['users', 'add', 'x@example.org', '--password-stdin'], { stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Aucun mot de passe sur l’entrée standard.');
  });

  it('grants, revokes, disables (ending sessions), re-enables and resets passwords', async () => {
    await cli(['users', 'add', 'admin@example.org', '--role', 'admin']);
    await cli(['users', 'add', 'dee@example.org', '--password-stdin'], { stdin: PASSWORD });
    const granted = await cli([
      'users',
      'grant',
      'DEE@example.org',
      '--role',
      'viewer',
      '--portal',
      PARIS,
    ]);
    expect(granted.stdout).toBe(`dee@example.org : viewer@${PARIS}.\n`);
    const upgraded = await cli([
      'users',
      'grant',
      'dee@example.org',
      '--role',
      'editor',
      '--portal',
      PARIS,
    ]);
    expect(upgraded.stdout).toBe(`dee@example.org : editor@${PARIS}.\n`);
    const revoked = await cli(['users', 'revoke', 'dee@example.org', '--portal', PARIS]);
    expect(revoked.stdout).toBe('dee@example.org : aucun rôle.\n');

    const session = await withStore(async (store) => {
      const result = await createAccountServices(store).signIn.signIn('dee@example.org', PASSWORD);
      return result.outcome === 'signed-in' ? result.session.id : '';
    });
    const disabled = await cli(['users', 'disable', 'dee@example.org']);
    expect(disabled.stdout).toBe('dee@example.org est désactivé ; ses sessions sont fermées.\n');
    await withStore(async (store) => {
      expect(await createAccountServices(store).sessions.validate(session)).toBeUndefined();
    });
    expect((await cli(['users', 'enable', 'dee@example.org'])).code).toBe(0);

    const reset = await cli(['users', 'reset-password', 'dee@example.org']);
    expect(reset.code).toBe(0);
    const token = linkToken(reset.stdout);
    expect(reset.stdout).toContain(`  http://localhost:8080/admin/set-password?token=${token}`);
    await withStore(async (store) => {
      expect(await createAccountServices(store).links.inspectLink(token)).toMatchObject({
        purpose: 'reset-password',
        email: 'dee@example.org',
      });
    });

    // Or at once, for a script: the new password works, the old one and open sessions do not.
    const before = await withStore(async (store) => {
      const result = await createAccountServices(store).signIn.signIn('dee@example.org', PASSWORD);
      return result.outcome === 'signed-in' ? result.session.id : '';
    });
    expect(before).not.toBe('');
    const short = await cli(['users', 'reset-password', 'dee@example.org', '--password-stdin'], {
      stdin: 'short\n',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('password : doit faire au moins 12 caractères');
    const NEW = `${PASSWORD} again`;
    const set = await cli(['users', 'reset-password', 'dee@example.org', '--password-stdin'], {
      stdin: `${NEW}\n`,
    });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe(
      'Le mot de passe de dee@example.org est changé ; ses sessions ouvertes sont fermées.\n',
    );
    await withStore(async (store) => {
      const services = createAccountServices(store);
      expect(await services.sessions.validate(before)).toBeUndefined();
      expect((await services.signIn.signIn('dee@example.org', PASSWORD)).outcome).toBe('failed');
      expect((await services.signIn.signIn('dee@example.org', NEW)).outcome).toBe('signed-in');
      const audit = await store.accounts.queryAudit({
        visiblePortals: 'all',
        action: 'user.set-password',
        limit: 5,
      });
      expect(audit.entries).toHaveLength(1);
      expect(audit.entries[0]).toMatchObject({
        action: 'user.set-password',
        object: 'dee@example.org',
        actor: { kind: 'cli' },
      });
    });
  });

  it('removes a user’s second factor for a lost phone, so that the password alone signs in', async () => {
    await cli(['users', 'add', 'dee@example.org', '--password-stdin'], { stdin: PASSWORD });
    await withStore(async (store) => {
      const user = await store.accounts.findUserByEmail('dee@example.org');
      await store.accounts.updateUser(user!.id, {
        totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        totpEnabledAt: new Date(),
      });
      const result = await createAccountServices(store).signIn.signIn('dee@example.org', PASSWORD);
      expect(result.outcome).toBe('second-factor');
    });
    const reset = await cli(['users', 'reset-second-factor', 'dee@example.org']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('La double authentification de dee@example.org est retirée');
    await withStore(async (store) => {
      const result = await createAccountServices(store).signIn.signIn('dee@example.org', PASSWORD);
      expect(result.outcome).toBe('signed-in');
      const audit = await store.accounts.queryAudit({ visiblePortals: 'all', limit: 10 });
      expect(audit.entries.map((e) => `${e.actor.kind}:${e.action}`)).toContain(
        'cli:user.second-factor.reset',
      );
    });
  });

  it('answers bad input with every field named, exit 2, in the reader’s language', async () => {
    const bad = await cli([
      'users',
      'add',
      'not-an-email',
      '--role',
      'editor',
      '--portal',
      'nowhere.example',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'email : doit être une adresse électronique comme agent@example.org\nportal : aucun portail « nowhere.example »\n',
    );
    const en = await cli(['users', 'add', 'a@example.org', '--role', 'viewer'], {
      env: { GALETTE_LANG: 'en' },
    });
    expect(en.stderr).toBe(
      'portal: the viewer role is granted on at least one portal (--portal)\n',
    );
    await cli(['users', 'add', 'a@example.org']);
    const twice = await cli(['users', 'add', 'A@EXAMPLE.ORG']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe('Erreur : Un utilisateur a déjà l’adresse « A@EXAMPLE.ORG ».\n');
    const unknown = await cli(['users', 'disable', 'nobody@example.org'], {
      env: { GALETTE_LANG: 'en' },
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('Error: No user has the email "nobody@example.org".\n');
    await cli(['users', 'grant', 'a@example.org', '--role', 'admin']);
    const last = await cli(['users', 'disable', 'a@example.org']);
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('dernier administrateur actif');

    const usage = [
      [['users'], 'Argument manquant : <action>'],
      [['users', 'promote', 'a@example.org'], 'Action inconnue : « promote »'],
      [['users', 'add'], 'Argument manquant : <email>'],
      [['users', 'list', 'extra'], 'Argument en trop : « extra »'],
      [['users', 'list', '--role', 'admin'], 'L’option --role ne s’applique pas à « users list »'],
      [['users', 'disable', 'a@example.org', '--password-stdin'], '--password-stdin'],
      [['users', 'grant', 'a@example.org'], 'Argument manquant : --role'],
    ] as const;
    for (const [args, message] of usage) {
      const run = await cli([...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
  });
});

describe('galette tokens', () => {
  it('creates a token printed once on stdout, lists it with its last use, and revokes it', async () => {
    const created = await cli([
      'tokens',
      'create',
      '--name',
      'ci',
      '--role',
      'viewer',
      '--portal',
      PARIS,
      '--expires',
      'P90D',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^galette_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(
      new RegExp(
        `^Jeton « ci » créé \\(viewer@${PARIS}, expire le \\d{4}-.*\\)\\. Copiez-le maintenant`,
      ),
    );
    const token = created.stdout.trim();
    await withStore(async (store) => {
      const principal = await createAccountServices(store).tokens.verify(token);
      expect(principal?.grants).toEqual([{ role: 'viewer', portalId: PARIS }]);
      expect(JSON.stringify(await store.accounts.listTokens())).not.toContain(token.slice(8));
    });
    const list = await cli(['tokens', 'list'], { env: { GALETTE_LANG: 'en' } });
    expect(list.stdout.split('\n')[0]).toMatch(
      /^NAME +ROLE +PORTALS +CREATED +BY +EXPIRES +LAST USED$/,
    );
    expect(list.stdout).toMatch(new RegExp(`^ci +viewer +${PARIS} +\\S+ +cli +\\S+ +\\d{4}-`, 'm'));
    expect(list.stdout).not.toContain(token);

    const twice = await cli(['tokens', 'create', '--name', 'ci', '--role', 'admin']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('Un jeton d’API actif s’appelle déjà « ci »');
    expect((await cli(['tokens', 'revoke', 'ci'])).stdout).toBe('Jeton « ci » révoqué.\n');
    await withStore(async (store) => {
      expect(await createAccountServices(store).tokens.verify(token)).toBeUndefined();
    });
    expect((await cli(['tokens', 'list'])).stdout).toBe('Aucun jeton d’API.\n');
    expect((await cli(['tokens', 'revoke', 'ci'])).code).toBe(2);
  });

  it('names bad fields and missing options', async () => {
    const bad = await cli([
      'tokens',
      'create',
      '--name',
      'x y',
      '--role',
      'editor',
      '--expires',
      'soon',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').map((l) => l.split(' : ')[0])).toEqual([
      'name',
      'portal',
      'expires',
      '',
    ]);
    expect((await cli(['tokens', 'create', '--role', 'admin'])).stderr).toContain(
      'Argument manquant : --name',
    );
    expect((await cli(['tokens', 'revoke'])).stderr).toContain('Argument manquant : <nom>');
    expect((await cli(['tokens', 'list', '--expires', 'P1D'])).stderr).toContain('--expires');
  });

  it('takes any ISO 8601 duration longer than zero for --expires, months on the calendar', async () => {
    const expiry = async (name: string, expires: string) => {
      const run = await cli([
        'tokens',
        'create',
        '--name',
        name,
        '--role',
        'admin',
        '--expires',
        expires,
      ]);
      return { code: run.code, at: /expire le (\S+)\)/.exec(run.stderr)?.[1], stderr: run.stderr };
    };
    const started = Date.now();
    for (const [name, expires, ms] of [
      ['second', 'PT1S', 1000],
      ['week', 'P1W', 7 * 86_400_000],
      ['hours', 'PT36H', 36 * 3_600_000],
      ['half', 'P1.5D', 36 * 3_600_000],
    ] as const) {
      const { code, at, stderr } = await expiry(name, expires);
      expect(code, stderr).toBe(0);
      const delta = Date.parse(at!) - started;
      expect(delta, expires).toBeGreaterThanOrEqual(ms - 1000);
      expect(delta, expires).toBeLessThan(ms + 30_000);
    }
    const { code, at } = await expiry('calendar', 'P1Y2M');
    expect(code).toBe(0);
    const expected = new Date(started);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(at!.slice(0, 7)).toMatch(/^\d{4}-\d{2}$/);
    expect(Number(at!.slice(0, 4)) * 12 + Number(at!.slice(5, 7))).toBe(
      expected.getUTCFullYear() * 12 + expected.getUTCMonth() + 1 + 2,
    );
    for (const zero of ['P0D', 'PT0S']) {
      const refused = await expiry(`zero-${zero}`, zero);
      expect(refused.code, zero).toBe(2);
      expect(refused.stderr, zero).toContain('expires');
    }
  });
});

describe('galette audit log', () => {
  it('exports every action above, by the CLI, oldest first, as JSON lines or CSV, filtered', async () => {
    await cli(['users', 'add', 'ann@example.org', '--role', 'viewer', '--portal', PARIS]);
    // Refused (not a token name): nothing is logged for input that changes nothing.
    expect((await cli(['tokens', 'create', '--name', '=cmd', '--role', 'admin'])).code).toBe(2);
    await cli(['tokens', 'create', '--name', 'ops', '--role', 'admin']);
    await cli(['tokens', 'revoke', 'ops']);
    await withStore(async (store) => {
      const services = createAccountServices(store);
      await services.audit.record({
        actor: { kind: 'cli', label: 'cli' },
        portalId: PARIS,
        action: 'revision.publish',
        object: '=HYPERLINK("x")',
        outcome: 'success',
      });
      // Direct service calls audit too: the CLI is only one of their callers.
      expect((await services.audit.query(CLI_PRINCIPAL)).total).toBe(4);
    });

    const jsonl = await cli(['audit', 'log']);
    expect(jsonl.code, jsonl.stderr).toBe(0);
    const entries = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => [e.action, (e.actor as { label: string }).label, e.outcome])).toEqual(
      [
        ['user.add', 'cli', 'success'],
        ['token.create', 'cli', 'success'],
        ['token.revoke', 'cli', 'success'],
        ['revision.publish', 'cli', 'success'],
      ],
    );
    expect(jsonl.stdout).not.toMatch(/galette_[A-Za-z0-9_-]{43}/);

    const csv = await cli(['audit', 'log', '--format', 'csv', '--portal', PARIS]);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    // A cell a spreadsheet would run as a formula is defused.
    expect(lines[1]).toContain(`,${PARIS},revision.publish,"'=HYPERLINK(""x"")",success,`);

    const none = await cli(['audit', 'log', '--to', '2000-01-01']);
    expect(none.stdout).toBe('');
    const today = new Date().toISOString().slice(0, 10);
    expect((await cli(['audit', 'log', '--from', today])).stdout.trim().split('\n')).toHaveLength(
      4,
    );
    expect((await cli(['audit', 'log', '--format', 'xml'])).code).toBe(2);
    const typo = await cli(['audit', 'log', '--portal', 'opendata.pari.fr']);
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('Portail inconnu : opendata.pari.fr.');
    expect((await cli(['audit', 'log', '--file', 'x'])).stderr).toContain('--file');
    expect((await cli(['audit', 'nothing'])).stderr).toContain('attendu : verify ou log');
  });
});
