import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parsePortalFile, toPortalFile } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, GALETTE, cleanEnv, galette, tempDir } from './run-galette.js';

const PARIS_FILE = join(DEMO_DIR, 'opendata.paris.fr.json');
/** Tests that start the command several times: each start loads every package. */
const MANY_RUNS_MS = 60_000;
const parisFile = () => JSON.parse(readFileSync(PARIS_FILE, 'utf8')) as Record<string, unknown>;

it('is run from the built dist/', () => {
  expect(existsSync(GALETTE), `${GALETTE} is missing: run "npx tsc -b" first`).toBe(true);
});

describe('galette import / export', () => {
  it('imports a portal file, exports it back identical, and reports a re-import as unchanged', async () => {
    const dir = tempDir();
    const imported = await galette(['import', PARIS_FILE], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('opendata.paris.fr');
    expect(imported.stdout).toContain('4 déclaration(s)');
    expect(existsSync(join(dir, 'data', 'galette.db'))).toBe(true);

    const exported = await galette(['export', 'opendata.paris.fr'], dir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(toPortalFile(parsePortalFile(parisFile())));

    writeFileSync(join(dir, 'again.json'), exported.stdout);
    const again = await galette(['import', 'again.json'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('brouillon inchangé');
  });

  it(
    'publishes with --publish and exports each revision, the latest or the draft',
    async () => {
      const dir = tempDir();
      const db = `sqlite:${join(dir, 'g.db')}`;
      expect((await galette(['import', PARIS_FILE, '--publish', '--db', db], dir)).code).toBe(0);
      const changed = { ...parisFile(), name: 'Paris Data (nouveau nom)' };
      writeFileSync(join(dir, 'renamed.json'), JSON.stringify(changed));

      const draftOnly = await galette(['import', 'renamed.json', '--db', db], dir);
      expect(draftOnly.stdout).toContain('Réglages modifiés : name.');
      const name = async (revision: string) => {
        const run = await galette(
          ['export', 'opendata.paris.fr', '--revision', revision, '--db', db],
          dir,
        );
        expect(run.code, run.stderr).toBe(0);
        return (JSON.parse(run.stdout) as { name: string }).name;
      };
      expect(await name('latest')).toBe('Paris Data');
      expect(await name('draft')).toBe('Paris Data (nouveau nom)');

      const published = await galette(['import', 'renamed.json', '--publish', '--db', db], dir);
      expect(published.stdout).toMatch(/Révision 2 publiée \(sha256:[0-9a-f]{64}\)/);
      expect(await name('1')).toBe('Paris Data');
      expect(await name('2')).toBe('Paris Data (nouveau nom)');
      expect(await name('latest')).toBe('Paris Data (nouveau nom)');

      const missing = await galette(
        ['export', 'opendata.paris.fr', '--revision', '3', '--db', db],
        dir,
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('révision 3');
      const bad = await galette(
        ['export', 'opendata.paris.fr', '--revision', 'newest', '--db', db],
        dir,
      );
      expect(bad.code).toBe(2);
    },
    MANY_RUNS_MS,
  );

  it('rejects a bad file with every field error, exit 2, and changes nothing', async () => {
    const dir = tempDir();
    expect((await galette(['import', PARIS_FILE, '--publish'], dir)).code).toBe(0);
    const before = await galette(['export', 'opendata.paris.fr'], dir);

    const file = parisFile() as { name: string; declarations: Record<string, unknown>[] };
    file.name = 'Ne doit pas être enregistré';
    file.declarations[2]!.category = 'marketting';
    file.declarations[0]!.lifetime = 'forever';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(file));
    const run = await galette(['import', 'bad.json', '--publish'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines).toContain(
      'declarations[2].category : catégorie inconnue « marketting » (vouliez-vous dire « marketing » ?)',
    );
    expect(lines).toContain(
      'declarations[0].lifetime : « forever » n’est ni « session » ni une durée ISO 8601 plus longue que zéro, comme P13M',
    );

    const english = await galette(['import', 'bad.json'], dir, cleanEnv({ GALETTE_LANG: 'en' }));
    expect(english.code).toBe(2);
    expect(english.stderr.split('\n')).toContain(
      'declarations[2].category: unknown category "marketting" (did you mean "marketing"?)',
    );

    const after = await galette(['export', 'opendata.paris.fr'], dir);
    expect(after.stdout).toBe(before.stdout);
    const latest = await galette(['export', 'opendata.paris.fr', '--revision', 'latest'], dir);
    expect((JSON.parse(latest.stdout) as { name: string }).name).toBe('Paris Data');
  });

  it('rejects a file that is not JSON, or missing, with exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{"id": ');
    const broken = await galette(['import', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('JSON');
    const missing = await galette(['import', 'absent.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('absent.json');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('answers an unknown portal with exit 2', async () => {
    const run = await galette(['export', 'inconnu.example.org'], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('inconnu.example.org');
  });
});

describe('galette charter', () => {
  it(
    'prints each format of the published charter; 2 for a bad format or language or an unpublished portal',
    async () => {
      const dir = tempDir();
      await galette(['import', PARIS_FILE, '--publish'], dir);
      const md = await galette(
        ['charter', 'opendata.paris.fr', '--format', 'md', '--lang', 'en'],
        dir,
      );
      expect(md.code, md.stderr).toBe(0);
      expect(md.stdout).toContain('Cookie policy');
      expect(md.stdout).toContain('Authentication');
      const json = await galette(['charter', 'opendata.paris.fr', '--format', 'json'], dir);
      expect((JSON.parse(json.stdout) as { lang: string }).lang).toBe('fr');

      expect((await galette(['charter', 'opendata.paris.fr', '--format', 'pdf'], dir)).code).toBe(
        2,
      );
      const german = await galette(['charter', 'opendata.paris.fr', '--lang', 'de'], dir);
      expect(german.code).toBe(2);
      expect(german.stdout).toBe('');
      expect(german.stderr).toContain('« de » (langues : fr, en)');
      const regional = await galette(['charter', 'opendata.paris.fr', '--lang', 'en-GB'], dir);
      expect(regional.code, regional.stderr).toBe(0);
      expect(regional.stdout).toContain('<html lang="en">');
      const other = {
        ...parisFile(),
        id: 'brouillon.example.org',
        url: 'https://brouillon.example.org',
      };
      delete (other as { origins?: unknown }).origins;
      writeFileSync(join(dir, 'draft.json'), JSON.stringify(other));
      expect((await galette(['import', 'draft.json'], dir)).code).toBe(0);
      const unpublished = await galette(['charter', 'brouillon.example.org'], dir);
      expect(unpublished.code).toBe(2);
      expect(unpublished.stderr).toContain('aucune révision publiée');
    },
    MANY_RUNS_MS,
  );
});

describe('galette migrate', () => {
  it('reports each step, then that everything is already applied', async () => {
    const dir = tempDir();
    const first = await galette(['migrate'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^appliquée : 0001-/m);
    const second = await galette(['migrate'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^déjà appliquée : 0001-/m);
    expect(second.stdout).not.toMatch(/^appliquée/m);
  });

  it('exits 1 when the database cannot be reached, naming it without its password', async () => {
    const run = await galette(
      ['migrate', '--db', 'postgres://postgres:hunter2@127.0.0.1:1/none'],
      tempDir(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^La base de données postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none ne répond pas : connect ECONNREFUSED/m,
    );
    expect(run.stderr).not.toContain('hunter2');
    // Every other command opens the database the same way, and says the same.
    const verify = await galette(
      ['audit', 'verify', '--db', 'postgres://postgres@127.0.0.1:1/none'],
      tempDir(),
      cleanEnv({ GALETTE_LANG: 'en' }),
    );
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(
      'The database postgres://postgres@127.0.0.1:1/none does not answer: connect ECONNREFUSED',
    );
  });

  it('exits 2 for a database URL it cannot read', async () => {
    const run = await galette(['migrate'], tempDir(), cleanEnv({ GALETTE_DB: 'mysql://x' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('GALETTE_DB');
  });
});

describe('command line', () => {
  it(
    'lists the commands with --help and describes each with <command> --help',
    async () => {
      const dir = tempDir();
      const help = await galette(['--help'], dir);
      expect(help.code).toBe(0);
      for (const verb of ['serve', 'charter', 'import', 'export', 'migrate', 'scan']) {
        expect(help.stdout).toContain(`  ${verb} `);
        const own = await galette([verb, '--help'], dir);
        expect(own.code, verb).toBe(0);
        expect(own.stdout, verb).toContain(`galette ${verb}`);
      }
      const en = await galette(['import', '--help'], dir, cleanEnv({ GALETTE_LANG: 'en' }));
      expect(en.stdout).toContain('--publish');
      expect(en.stdout).toContain('also publish');
    },
    MANY_RUNS_MS,
  );

  it('names option values in the help’s own language, as its usage line does', async () => {
    const dir = tempDir();
    const fr = await galette(['serve', '--help'], dir);
    expect(fr.stdout).toContain('[--host <adresse>]');
    expect(fr.stdout).toMatch(/--host <adresse> +/);
    const purge = await galette(['purge-consents', '--help'], dir);
    expect(purge.stdout).toMatch(/--older-than <durée> +/);
    const en = await galette(['serve', '--help'], dir, cleanEnv({ GALETTE_LANG: 'en' }));
    expect(en.stdout).toMatch(/--host <address> +/);
  });

  it('exits 2 on unknown verbs, unknown options and missing arguments', async () => {
    const dir = tempDir();
    const unknown = await galette(['frobnicate'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('frobnicate');
    expect((await galette(['export', 'x', '--bogus'], dir)).code).toBe(2);
    const missing = await galette(['charter'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('<portail>');
    const noPortal = await galette(['export-consents'], dir);
    expect(noPortal.code).toBe(2);
    expect(noPortal.stderr).toContain('Argument manquant : <portail>');
    expect((await galette([], dir)).code).toBe(2);
  });
});
