import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePortalFile } from '@galette/core';
import { verifyManifest, type EvidenceManifest, type ScanResult } from '@galette/scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../scanner/test/fixture-site.js';
import { cleanEnv, galette, tempDir } from './run-galette.js';

let site: FixtureSite;
let dir: string;

beforeAll(async () => {
  site = await startFixtureSite();
  dir = tempDir();
  writeFileSync(
    join(dir, 'portal.json'),
    JSON.stringify({ format: 'galette.portal/1', ...site.revision.content }),
  );
}, 60_000);

afterAll(async () => {
  await site?.close();
});

describe('galette scan', () => {
  it('refuses bad usage with status 2, naming the option', async () => {
    const missing = await galette(['scan'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('<url>');
    const ftp = await galette(['scan', 'ftp://example.org'], dir);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('ftp://example.org');
    const pages = await galette(['scan', site.url, '--pages', 'zero'], dir);
    expect(pages.code).toBe(2);
    expect(pages.stderr).toContain('--pages');
    const scenario = await galette(
      ['scan', site.url, '--scenarios', 'accept,bogus'],
      dir,
      cleanEnv({ GALETTE_LANG: 'en' }),
    );
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain('unknown scenario “accept”');
    const ocd = await galette(['scan', site.url, '--ocd', 'missing.csv'], dir);
    expect(ocd.code).toBe(2);
    expect(ocd.stderr).toContain('missing.csv');
    expect(ocd.stderr).toContain('--ocd');
  }, 90_000);

  it('scans, writes the report and chained evidence, and exits 3 on error findings', async () => {
    const args = [
      'scan',
      site.url,
      '--portal-file',
      'portal.json',
      '--scenarios',
      'no-action',
      '--pages',
      '2',
      '--format',
      'json',
      '--out',
      'report.json',
      '--evidence',
      'evidence',
      '--emit-portal',
      'draft.json',
    ];
    const first = await galette(args, dir);
    expect(first.stderr).toMatch(/Recherche des pages/);
    // Not a terminal: plain lines, no carriage return redraws.
    expect(first.stderr).not.toContain('\r');
    expect(first.stderr).toMatch(/\d+\/\d+ pages · no-action/);
    expect(first.code, first.stderr).toBe(3);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ScanResult;
    expect(report.format).toBe('galette.scan/1');
    expect(report.portal?.id).toBe('scan-fixture.galette.test');
    expect(report.findings.map((f) => `${f.rule} ${f.subject.name}`).sort()).toEqual([
      'before-consent early_id',
      'exempt-conditions _aud_id',
      'undeclared undeclared_pref',
    ]);
    const draft = JSON.parse(readFileSync(join(dir, 'draft.json'), 'utf8'));
    const content = parsePortalFile(draft);
    expect(content.declarations.map((d) => `${d.name} ${d.category}`).sort()).toEqual([
      '_aud_id statistics',
      'early_id marketing',
      'undeclared_pref a-verifier',
    ]);

    const again = await galette(
      [...args.slice(0, 6), '--evidence', 'evidence', '--format', 'md'],
      dir,
    );
    expect(again.code).toBe(3);
    expect(again.stdout).toContain('# Analyse des cookies de');
    const base = join(dir, 'evidence', 'scan-fixture.galette.test');
    const scans = readdirSync(base).sort();
    expect(scans).toHaveLength(2);
    const manifest = (name: string) =>
      JSON.parse(readFileSync(join(base, name, 'manifest.json'), 'utf8')) as EvidenceManifest;
    const [older, newer] = [manifest(scans[0]!), manifest(scans[1]!)];
    expect(older.previous).toBeNull();
    expect(older.artifacts.map((a) => a.path)).toEqual(
      expect.arrayContaining([
        'report.json',
        'report.fr.html',
        'report.en.md',
        'requests/no-action.json',
      ]),
    );
    const read = (name: string) => (path: string) => {
      const file = join(base, name, path);
      return existsSync(file) ? readFileSync(file) : undefined;
    };
    const olderBytes = readFileSync(join(base, scans[0]!, 'manifest.json'));
    expect(verifyManifest(newer, read(scans[1]!), olderBytes)).toEqual([]);
    // Tampering with the earlier scan's manifest breaks the link from the later one.
    const tampered = Buffer.from(
      olderBytes.toString('utf8').replace('"report.json"', '"report.jsonx"'),
    );
    expect(verifyManifest(newer, read(scans[1]!), tampered)).toEqual([newer.previous!.path]);
  }, 180_000);

  it('onboards a portal: scan → --emit-portal → import → publish → scan against it', async () => {
    const db = `sqlite:${join(dir, 'onboard.db')}`;
    const scan = (extra: string[]) =>
      galette(
        [
          'scan',
          site.url,
          '--scenarios',
          'no-action,accept-all',
          '--pages',
          '2',
          '--format',
          'json',
          '--evidence',
          'evidence-onboard',
          ...extra,
        ],
        dir,
      );
    // A site not yet declared anywhere: consent rules only, and a draft of what it sets.
    const first = await scan(['--out', 'onboard-1.json', '--emit-portal', 'onboard.json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/onboard\.json/);
    const draft = JSON.parse(readFileSync(join(dir, 'onboard.json'), 'utf8'));
    const byName = Object.fromEntries(
      (draft.declarations as { name: string; category: string }[]).map((d) => [d.name, d]),
    );
    expect(draft.id).toBe('127.0.0.1');
    // Galette's own consent cookie is known; the fixture's made-up names are in no database:
    // they wait for review, in a category of their own.
    expect(Object.keys(byName).sort()).toEqual([
      '_aud_id',
      'cookies_preferences',
      'early_id',
      'ignore_id',
      'stats_id',
      'stats_long',
      'stats_state',
      'tp_sess',
      'undeclared_pref',
    ]);
    expect(byName['cookies_preferences']).toMatchObject({ category: 'necessary' });
    expect(byName['undeclared_pref']).toMatchObject({ category: 'a-verifier' });
    expect(byName['tp_sess']).toMatchObject({ party: 'third', domain: '127.0.0.2' });
    expect(draft.categories).toEqual([expect.objectContaining({ id: 'a-verifier' })]);
    const imported = await galette(['import', 'onboard.json', '--db', db], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(draft.id);
    const published = await galette(['import', 'onboard.json', '--publish', '--db', db], dir);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/Révision 1 publiée \(sha256:[0-9a-f]{64}\)/);
    const exported = await galette(['export', draft.id, '--revision', 'latest', '--db', db], dir);
    expect(JSON.parse(exported.stdout).declarations).toHaveLength(draft.declarations.length);

    // Scanned against what was just published: everything it sets is declared now.
    const second = await scan(['--out', 'onboard-2.json', '--portal', draft.id, '--db', db]);
    expect(second.code, second.stderr).toBe(3);
    const report = JSON.parse(readFileSync(join(dir, 'onboard-2.json'), 'utf8')) as ScanResult;
    expect(report.portal).toMatchObject({ id: draft.id, revision: 1 });
    // Nothing is undeclared now; what is left is for the reviewer: the review category asks
    // consent, so what the site sets before any choice is reported until it is sorted out.
    expect(
      report.findings.map((f) => `${f.severity} ${f.rule} ${f.scenario} ${f.subject.name}`).sort(),
    ).toEqual([
      'error before-consent no-action _aud_id',
      'error before-consent no-action early_id',
      'error before-consent no-action undeclared_pref',
      'warning lifetime-over-13-months accept-all stats_long',
    ]);
  }, 240_000);
});
