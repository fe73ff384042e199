import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CookieDatabaseFileError,
  SHIPPED_COOKIE_DATABASE_PATH,
  SHIPPED_COOKIE_DATABASE_VERSION,
  loadCookieDatabase,
} from './load-cookie-database.js';

const HEADER =
  'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match';

describe('loadCookieDatabase', () => {
  it('reads the shipped copy, whose recorded version is its hash', async () => {
    const db = await loadCookieDatabase({ env: {} });
    expect(db.version).toBe(SHIPPED_COOKIE_DATABASE_VERSION);
    const hash = createHash('sha256').update(readFileSync(SHIPPED_COOKIE_DATABASE_PATH)).digest();
    expect(SHIPPED_COOKIE_DATABASE_VERSION).toContain(hash.toString('hex').slice(0, 16));
    expect(db.lookup('_ga')?.category).toBe('statistics');
    // Galette's own additions come after the OCD's 2,264 rows.
    expect(db.lookup('xtvrn')).toMatchObject({ platform: 'AT Internet', category: 'statistics' });
    expect(db.size).toBe(2265);
  });

  it('reads a newer CSV from GALETTE_COOKIE_DATABASE, and a path option over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galette-ocd-'));
    const newer = join(dir, 'newer.csv');
    writeFileSync(newer, `${HEADER}\nx,Newco,Marketing,newco_id,,,,,,0\n`);
    const fromEnv = await loadCookieDatabase({ env: { GALETTE_COOKIE_DATABASE: newer } });
    expect(fromEnv.lookup('newco_id')?.platform).toBe('Newco');
    expect(fromEnv.lookup('_ga')).toBeUndefined();
    expect(fromEnv.version).toMatch(/newer\.csv sha256:[0-9a-f]{16}$/);

    const error = await loadCookieDatabase({
      path: join(dir, 'absent.csv'),
      env: { GALETTE_COOKIE_DATABASE: newer },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CookieDatabaseFileError);
    const e = error as CookieDatabaseFileError;
    expect(e.code).toBe('not_found');
    expect(e.localize('fr')).toContain('absent.csv');
    expect(e.localize('fr')).toContain('--ocd');
    expect(e.localize('fr')).toContain('fichier introuvable');
    expect(e.message).toContain('no such file');
  });

  it('names the variable and the missing columns of a file that is not the OCD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galette-ocd-'));
    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, 'name,category\n_ga,analytics\n');
    const error = (await loadCookieDatabase({ env: { GALETTE_COOKIE_DATABASE: wrong } }).catch(
      (e: unknown) => e,
    )) as CookieDatabaseFileError;
    expect(error.code).toBe('invalid_input');
    expect(error.localize('fr')).toMatch(/GALETTE_COOKIE_DATABASE.*Wildcard match/);
  });
});
