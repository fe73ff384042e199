/**
 * `galette import --publish` refuses a portal file with an error-level compliance finding
 * (nothing published, nothing saved, exit 2); `--force` publishes it and says so. The Open Cookie
 * Database is the shipped copy unless `--ocd` or GALETTE_COOKIE_DATABASE name another.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, cleanEnv, galette, tempDir } from './run-galette.js';

const PARIS_FILE = join(DEMO_DIR, 'opendata.paris.fr.json');

interface PortalFile {
  declarations: Record<string, unknown>[];
}

/** The Paris preset with one more declaration, written in a fresh folder. */
function parisWith(declaration: Record<string, unknown>): string {
  const dir = tempDir();
  const file = JSON.parse(readFileSync(PARIS_FILE, 'utf8')) as PortalFile;
  file.declarations.push({
    provider: 'Test',
    service: { fr: 'Service', en: 'Service' },
    purpose: { fr: 'Finalité', en: 'Purpose' },
    party: 'first',
    storage: 'cookie',
    lifetime: 'P13M',
    ...declaration,
  });
  writeFileSync(join(dir, 'portal.json'), JSON.stringify(file));
  return dir;
}

const EXEMPT_THIRD_PARTY = {
  name: '_pk_id.*',
  category: 'statistics',
  consentExempt: true,
  party: 'third',
  domain: '.stats.example.org',
};

async function nothingStored(dir: string) {
  for (const revision of ['latest', 'draft']) {
    const run = await galette(['export', 'opendata.paris.fr', '--revision', revision], dir);
    expect(run.code, `${revision}: ${run.stdout}`).toBe(2);
  }
}

describe('galette import --publish and compliance', () => {
  it('refuses an exempt third-party tracker: the finding, exit 2, nothing published or saved', async () => {
    const dir = parisWith(EXEMPT_THIRD_PARTY);
    const run = await galette(['import', 'portal.json', '--publish'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^non conforme declarations\[4\]\.party : « _pk_id\.\* » est déclaré exempté/m,
    );
    expect(run.stderr).toContain('Rien n’a été publié ni enregistré : 1 erreur(s) de conformité');
    expect(run.stdout).toBe('');
    await nothingStored(dir);
  });

  it('refuses a tracker the Open Cookie Database knows, declared necessary', async () => {
    const dir = parisWith({ name: '_ga', category: 'necessary' });
    const run = await galette(['import', 'portal.json', '--publish'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'declarations[4].category : « _ga » est classé « necessary », mais l’Open Cookie Database connaît « _ga » comme un traceur Google Analytics',
    );
    await nothingStored(dir);
  });

  it('publishes anyway with --force, and says so', async () => {
    const dir = parisWith(EXEMPT_THIRD_PARTY);
    const run = await galette(['import', 'portal.json', '--publish', '--force'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Révision 1 publiée');
    expect(run.stderr).toContain('Publié malgré 1 erreur(s) de conformité (--force).');
    const latest = await galette(['export', 'opendata.paris.fr', '--revision', 'latest'], dir);
    expect(latest.code).toBe(0);
  });

  it('still saves a draft without --publish, with the findings', async () => {
    const dir = parisWith(EXEMPT_THIRD_PARTY);
    const run = await galette(['import', 'portal.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('est déclaré exempté');
  });

  it('reads a newer database from GALETTE_COOKIE_DATABASE, and --ocd over it', async () => {
    const dir = tempDir();
    const csv = join(dir, 'newer.csv');
    writeFileSync(
      csv,
      'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n' +
        'x,Langtrack,Marketing,django_language,,,,,,0\n',
    );
    const env = cleanEnv({ GALETTE_COOKIE_DATABASE: csv });
    const blocked = await galette(['import', PARIS_FILE, '--publish'], dir, env);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('comme un traceur Langtrack');

    const missing = await galette(
      ['import', PARIS_FILE, '--publish', '--ocd', 'absent.csv'],
      dir,
      env,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'Impossible de lire la base de cookies « absent.csv » (indiquée par --ocd) : fichier introuvable',
    );
  });
});
