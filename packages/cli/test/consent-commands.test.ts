import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newConsentId, parsePortalFile, verifyChain, type ConsentRecord } from '@galette/core';
import { KyselyStore, openConsentLog, openStore } from '@galette/storage';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CSV_HEADER, parseConsentRecordLine } from '@galette/core';
import { cliInProcess, DEMO_DIR, tempDir } from './run-galette.js';

const PARIS = 'opendata.paris.fr';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cli = (args: string[], env: Record<string, string> = {}) => cliInProcess(args, { env });

let db: string;
let records: ConsentRecord[];

/** A database with Paris published and six records: three two years old, three from today. */
beforeEach(async () => {
  const dir = tempDir();
  dirs.push(dir);
  db = `sqlite:${join(dir, 'galette.db')}`;
  const store = await openStore(db);
  expect((await store.migrate()).error).toBeUndefined();
  const file = JSON.parse(readFileSync(join(DEMO_DIR, `${PARIS}.json`), 'utf8')) as unknown;
  const revision = await store.saveAndPublish(parsePortalFile(file));
  const now = Date.now();
  let at = new Date(now - 2 * 366 * 86_400_000);
  const log = openConsentLog((store as KyselyStore).database, { now: () => at });
  records = [];
  for (let i = 0; i < 6; i++) {
    if (i === 3) at = new Date(now);
    const { record } = await log.append({
      portalId: PARIS,
      submission: {
        eventId: randomUUID(),
        consentId: newConsentId(),
        revision: revision.hash,
        choices: { necessary: true, statistics: i % 2 === 0 },
        action: 'custom',
        source: 'banner',
        lang: 'fr',
      },
    });
    records.push(record);
  }
  await store.close();
});

/** Runs SQL against the test database, as someone with direct access would. */
async function tamper(work: (db: KyselyStore['database']['db']) => Promise<unknown>) {
  const store = (await openStore(db)) as KyselyStore;
  try {
    await work(store.database.db);
  } finally {
    await store.close();
  }
}

describe('galette audit verify', () => {
  it('reports intact chains with their head', async () => {
    const run = await cli(['audit', 'verify', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `${PARIS} : chaîne intacte, 6 enregistrements vérifiés, tête n° 6 ${records[5]!.hash}`,
    );
    expect(run.stdout).toContain('1 portail(s) vérifié(s), 0 chaîne(s) altérée(s).');
  });

  it('names the first record edited, removed or inserted directly in the database', async () => {
    await tamper((d) =>
      d.updateTable('consent_records').set({ action: 'accept_all' }).where('seq', '=', 3).execute(),
    );
    const edited = await cli(['audit', 'verify', '--portal', PARIS, '--db', db]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(
      `${PARIS} : l’enregistrement n° 3 (événement ${records[2]!.eventId}) a été modifié après son écriture`,
    );

    await tamper((d) => d.deleteFrom('consent_records').where('seq', 'in', [2, 3]).execute());
    const removed = await cli(['audit', 'verify', '--db', db], { GALETTE_LANG: 'en' });
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`${PARIS}: records #2 to #3 were removed`);
    expect(removed.stdout).toContain('1 portal(s) verified, 1 chain(s) tampered with.');
  });

  it('refuses a missing or unknown action, or an unknown portal', async () => {
    const missing = await cli(['audit', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Argument manquant : verify|log.');
    expect((await cli(['audit', 'check', '--db', db])).code).toBe(2);
    const unknown = await cli(['audit', 'verify', '--portal', 'nowhere.example', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nowhere.example');
  });
});

describe('galette export-consents', () => {
  it('exports JSON Lines that verify on their own, whole or by period', async () => {
    const run = await cli(['export-consents', PARIS, '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const exported = lines.map((l, i) => parseConsentRecordLine(l, 'jsonl', i + 1));
    expect(exported).toEqual(records);
    expect(verifyChain(exported).ok).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    const recent = await cli(['export-consents', PARIS, '--from', today, '--db', db]);
    expect(recent.stdout.trimEnd().split('\n')).toHaveLength(3);
    const old = await cli(['export-consents', PARIS, '--to', '2000-01-01', '--db', db]);
    expect(old.stdout).toBe('');
  });

  it('exports CSV with every hashed field; audit verify --file checks either format', async () => {
    const dir = tempDir();
    dirs.push(dir);
    for (const format of ['csv', 'jsonl']) {
      const run = await cli(['export-consents', PARIS, '--format', format, '--db', db]);
      expect(run.code, run.stderr).toBe(0);
      const file = join(dir, `export.${format}`);
      writeFileSync(file, run.stdout);
      const verified = await cli(['audit', 'verify', '--file', file]);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toContain('6 enregistrements vérifiés');

      const quote = format === 'csv' ? '""' : '"';
      const [refused, accepted] = ['false', 'true'].map((v) => `${quote}statistics${quote}:${v}`);
      writeFileSync(file, run.stdout.replace(refused!, accepted!));
      const altered = await cli(['audit', 'verify', '--file', file]);
      expect(altered.code).toBe(1);
      expect(altered.stdout).toContain('n° 2');
    }
    const csv = (await cli(['export-consents', PARIS, '--format', 'csv', '--db', db])).stdout;
    expect(csv.split('\n')[0]).toBe(
      'portal_id,seq,event_id,consent_id,revision,action,source,lang,recorded_at,expires_at,choices,client_pseudonym,prev_hash,hash',
    );
    expect(csv.split('\n')[1]).toContain(',"{""necessary"":true,""statistics"":true}",,');
  });

  it('refuses a bad format, date or portal', async () => {
    expect((await cli(['export-consents', PARIS, '--format', 'xml', '--db', db])).code).toBe(2);
    expect((await cli(['export-consents', PARIS, '--from', '2026-02-30', '--db', db])).code).toBe(
      2,
    );
    const unknown = await cli(['export-consents', 'nowhere.example', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('Erreur : Portail inconnu : nowhere.example.\n');
    expect(unknown.stdout).toBe('');
  });

  it('exports nothing, successfully, for a known portal without proofs', async () => {
    const store = await openStore(db);
    const file = readFileSync(join(DEMO_DIR, 'opendata.finistere.fr.json'), 'utf8');
    await store.saveAndPublish(parsePortalFile(JSON.parse(file) as unknown));
    await store.close();
    const jsonl = await cli(['export-consents', 'opendata.finistere.fr', '--db', db]);
    expect(jsonl.code).toBe(0);
    expect(jsonl.stdout).toBe('');
    expect(jsonl.stderr).toContain('Aucune preuve de consentement pour le portail');
    const csv = await cli([
      'export-consents',
      'opendata.finistere.fr',
      '--format',
      'csv',
      '--db',
      db,
    ]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`${CSV_HEADER}\n`);
  });
});

describe('galette purge-consents', () => {
  it('deletes what is older than the retention and keeps the rest verifiable', async () => {
    const dry = await cli(['purge-consents', '--older-than', 'P1Y', '--dry-run', '--db', db]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /opendata\.paris\.fr : 3 enregistrement\(s\) antérieur\(s\) au .* seraient supprimés/,
    );
    expect(
      (await cli(['export-consents', PARIS, '--db', db])).stdout.trimEnd().split('\n'),
    ).toHaveLength(6);

    const purge = await cli(['purge-consents', '--db', db], { GALETTE_CONSENT_RETENTION: 'P1Y' });
    expect(purge.code, purge.stderr).toBe(0);
    expect(purge.stdout).toContain('3 enregistrement(s)');
    expect(purge.stdout).toContain('point de contrôle n° 3');
    const audit = await cli(['audit', 'verify', '--db', db]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('3 enregistrements vérifiés');
    const again = await cli(['purge-consents', '--older-than', 'P1Y', '--db', db]);
    expect(again.stdout).toContain('rien d’antérieur');
  });

  it('uses five years by default and refuses a bad duration', async () => {
    const purge = await cli(['purge-consents', '--db', db]);
    expect(purge.stdout).toContain('rien d’antérieur');
    expect((await cli(['purge-consents', '--older-than', '5 ans', '--db', db])).code).toBe(2);
    expect((await cli(['purge-consents', '--older-than', 'P0D', '--db', db])).code).toBe(2);
  });

  it('takes any ISO 8601 duration: weeks, hours, minutes, years and months', async () => {
    for (const duration of ['P1W', 'PT36H', 'PT1H30M', 'P1Y2M']) {
      const dry = await cli(['purge-consents', '--older-than', duration, '--dry-run', '--db', db]);
      expect(dry.code, `${duration}: ${dry.stderr}`).toBe(0);
      // The three records of two years ago are older than each of these; today's are not.
      expect(dry.stdout, duration).toContain('3 enregistrement(s)');
    }
  });
});
