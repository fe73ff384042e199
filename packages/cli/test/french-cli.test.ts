import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, galette, tempDir } from './run-galette.js';

/** Texts Node, V8 and the drivers would print in English. */
const ENGLISH =
  /Unknown option|argument missing|does not take|ENOENT|no such file|Unexpected|unsupported|is not valid JSON|JSON input|expected sqlite/i;

describe('the command line in French', () => {
  it('says what is wrong with an option in French, whatever parseArgs says', async () => {
    const dir = tempDir();
    const unknown = await galette(['serve', '--bogus'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Option inconnue : --bogus\. /);
    const missing = await galette(['serve', '--port'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^L’option --port attend une valeur\./);
    const flag = await galette(['export', 'x', '--help=yes'], dir);
    expect(flag.stderr).toMatch(/^L’option --help ne prend pas de valeur\./);
    for (const run of [unknown, missing, flag]) expect(run.stderr).not.toMatch(ENGLISH);
  });

  it('names the line and column of invalid JSON, and a missing file, in French', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{\n  "id": "x",\n  "name": }\n');
    const broken = await galette(['import', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('JSON invalide ligne 3, colonne 11 : « } » inattendu');
    const cut = await galette(['scan', 'http://127.0.0.1:1/', '--portal-file', 'broken.json'], dir);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('« broken.json » : JSON invalide ligne 3, colonne 11');
    const absent = await galette(['import', 'absent.json'], dir);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('absent.json : fichier introuvable');
    const export_ = await galette(['audit', 'verify', '--file', 'absent.jsonl'], dir);
    expect(export_.code).toBe(2);
    expect(export_.stderr).toContain('« absent.jsonl » : fichier introuvable');
    for (const run of [broken, cut, absent, export_]) expect(run.stderr).not.toMatch(ENGLISH);
  });

  it('names --db or GALETTE_DB as where a database URL it cannot read came from', async () => {
    const dir = tempDir();
    const flag = await galette(['export', 'x', '--db', 'mysql://x'], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^--db : adresse de base de données non reconnue « mysql:\/\/x »/);
    const env = await galette(['export', 'x'], dir, cleanEnv({ GALETTE_DB: 'mysql://u:pw@x' }));
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/^GALETTE_DB : adresse de base de données non reconnue/);
    expect(env.stderr).toContain('mysql://u:***@x');
    // The flag wins over the variable, and is named when it is the bad one.
    const both = await galette(
      ['export', 'x', '--db', 'nope'],
      dir,
      cleanEnv({ GALETTE_DB: 'sqlite::memory:' }),
    );
    expect(both.stderr).toMatch(/^--db : /);
    for (const run of [flag, env, both]) expect(run.stderr).not.toMatch(ENGLISH);
  });

  it('describes export-consents in plain French in the help', async () => {
    const help = await galette(['--help'], tempDir());
    expect(help.stdout).toMatch(
      /export-consents +exporte les preuves de consentement d’un portail \(CSV ou JSON Lines\), avec tout ce qu’il faut pour vérifier leur chaînage\n/,
    );
    expect(help.stdout).not.toContain('de quoi vérifier');
    expect(help.stdout).not.toContain('compris');
  });
});
