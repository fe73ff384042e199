/**
 * Galette's French charter for each seed portal must publish the same facts as the seed charter
 * (platform address, category heading, cookie rows in order) with the same Markdown structure as
 * the Paris seed, while every explanatory sentence is Galette's own.
 *
 * The facts are a fixture in the repository (`fixtures/charter-seeds.json`), so these tests run
 * on any clone. The seed documents themselves sit outside it (`../shared/seeds/`): where they
 * are, the fixture is checked against them and no sentence of theirs may appear in ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_SEEDS_DIR, requireSharedSeeds } from '../../../test-support/shared-seeds.mjs';
import {
  buildCharter,
  parsePortalFile,
  renderCharter,
  revisionHash,
  type PortalContent,
  type Revision,
} from '../src/index.js';

const root = new URL('../../../', import.meta.url);
const presetsDir = new URL('packages/cli/presets/demo/', root);

const SEED_TABLE_HEADER = /^Nom du prestataire\tService et emplacement\t/;
const OUR_TABLE_HEADER = 'Nom du prestataire\tService et emplacement\tNom du cookie\tFinalités';

/** What a seed charter states as facts; the fixture holds one per seed. */
interface SeedFacts {
  readonly url: string;
  readonly categoryHeading: string;
  /** Markdown heading level of each role in the seed (0: plain line). */
  readonly headingLevels: Readonly<Record<HeadingRole, number>>;
  /** Provider, service and location, cookie name, purpose. */
  readonly rows: readonly (readonly string[])[];
}

interface Seed extends SeedFacts {
  readonly file: string;
  /** Explanatory lines: not a heading, not a table line. */
  readonly prose: readonly string[];
}

type HeadingRole = 'title' | 'whatIsACookie' | 'usage' | 'category';

const HEADING_ROLES: readonly [HeadingRole, (text: string, facts: SeedFacts) => boolean][] = [
  ['title', (t) => t === 'Charte cookies'],
  ['whatIsACookie', (t) => /^Qu.est.ce qu.un cookie \?$/.test(t)],
  ['usage', (t) => /quoi servent les cookies sur la plateforme/.test(t)],
  ['category', (t, facts) => t === facts.categoryHeading],
];

function headingLevel(lines: readonly string[], match: (text: string) => boolean) {
  const line = lines.find((l) => l.trim() !== '' && match(stripHashes(l)));
  return line?.match(/^#*/)?.[0].length;
}

const stripHashes = (line: string) => line.replace(/^#+\s*/, '');

function readSeed(file: string): Seed {
  const lines = readFileSync(new URL(file, SHARED_SEEDS_DIR), 'utf8')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const usage = lines.find((l) => /sur la plateforme <https?:\/\/[^>]+>\s*$/.test(l));
  const url = usage?.match(/<(https?:\/\/[^>]+)>/)?.[1];
  const header = lines.findIndex((l) => SEED_TABLE_HEADER.test(l));
  if (!usage || !url || header < 0) throw new Error(`${file}: not a charter seed`);
  const heading = lines
    .slice(0, header)
    .reverse()
    .find((l) => l.trim() !== '');
  const rows = lines
    .slice(header + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t').map((cell) => cell.trim()));
  const headings = new Set([
    usage,
    heading,
    lines.find((l) => stripHashes(l) === 'Charte cookies'),
  ]);
  const prose = lines.filter((l) => l.trim() !== '' && !l.includes('\t') && !headings.has(l));
  const categoryHeading = stripHashes(heading ?? '');
  const facts = { url, categoryHeading, rows };
  const headingLevels = Object.fromEntries(
    HEADING_ROLES.map(([role, match]) => [
      role,
      headingLevel(lines, (t) => match(t, { ...facts, headingLevels: {} as never })),
    ]),
  ) as Record<HeadingRole, number>;
  return { file, ...facts, headingLevels, prose };
}

function loadPreset(portalId: string): PortalContent {
  const text = readFileSync(new URL(`${portalId}.json`, presetsDir), 'utf8');
  return parsePortalFile(JSON.parse(text));
}

function revisionOf(content: PortalContent): Revision {
  return {
    portalId: content.id,
    number: 1,
    hash: revisionHash(content),
    content,
    publishedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** Cells of the text charter's tables (the lines after each header line). */
function textRows(txt: string, header: string): string[][] {
  const lines = txt.split('\n');
  const rows: string[][] = [];
  lines.forEach((line, i) => {
    if (line !== header) return;
    for (let j = i + 1; j < lines.length && lines[j] !== ''; j++) rows.push(lines[j]!.split('\t'));
  });
  return rows;
}

/** Cells of the Markdown charter's table rows, unescaped, header and delimiter rows left out. */
function markdownRows(md: string): string[][] {
  return md
    .split('\n')
    .filter(
      (l) => l.startsWith('| ') && !l.startsWith('| Nom du prestataire') && !l.startsWith('| ---'),
    )
    .map((l) =>
      l
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.replace(/\\(.)/g, '$1')),
    );
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[«»“”"]/g, '')
    .replace(/[^a-z0-9'\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Every run of `size` consecutive words of `text`. */
function shingles(text: string, size: number): string[] {
  const words = normalise(text).split(' ');
  const runs: string[] = [];
  for (let i = 0; i + size <= words.length; i++) runs.push(words.slice(i, i + size).join(' '));
  return runs;
}

const seeds: readonly SeedFacts[] = JSON.parse(
  readFileSync(new URL('fixtures/charter-seeds.json', import.meta.url), 'utf8'),
);
const paris = seeds.find((s) => s.url === 'https://opendata.paris.fr');

const published = (portal: PortalContent) =>
  [
    renderCharter(buildCharter(revisionOf(portal), 'fr'), 'md'),
    renderCharter(buildCharter(revisionOf(portal), 'fr'), 'txt'),
    renderCharter(buildCharter(revisionOf(portal), 'en'), 'md'),
  ]
    .map(normalise)
    .join('\n');

describe('charter seeds', () => {
  it('finds the five seeds, Paris among them', () => {
    expect(seeds).toHaveLength(5);
    expect(paris).toBeDefined();
  });

  describe.each(seeds.map((s) => [s.url, s] as const))('%s', (url, seed) => {
    const portal = loadPreset(new URL(url).host);
    const charter = buildCharter(revisionOf(portal), 'fr');
    const md = renderCharter(charter, 'md');
    const txt = renderCharter(charter, 'txt');

    it('is the preset of the same platform', () => {
      expect(portal.url).toBe(url);
      expect(txt).toContain(`\nÀ quoi servent les cookies sur la plateforme <${url}>\n`);
      expect(md).toContain(`\n### À quoi servent les cookies sur la plateforme <${url}>\n`);
    });

    it('publishes the same category heading', () => {
      expect(seed.categoryHeading).toBe(
        'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
      );
      expect(txt.split('\n')).toContain(seed.categoryHeading);
      expect(md.split('\n')).toContain(`#### ${seed.categoryHeading}`);
    });

    it('publishes the same cookie rows in the same order', () => {
      expect(seed.rows.length).toBeGreaterThan(0);
      expect(txt.split('\n')).toContain(OUR_TABLE_HEADER);
      expect(textRows(txt, OUR_TABLE_HEADER)).toEqual(seed.rows);
      expect(markdownRows(md)).toEqual(seed.rows);
      expect(md).toContain('| django_language |');
    });

    it('explains the four kinds of cookies', () => {
      const headings = md.split('\n').filter((l) => l.startsWith('#### '));
      for (const kind of [
        'Cookies nécessaires',
        'Cookies statistiques',
        'Cookies internes',
        'Cookies tiers',
      ]) {
        expect(
          headings.some((h) => h.startsWith(`#### ${kind}`)),
          kind,
        ).toBe(true);
        expect(
          txt.split('\n').some((l) => l.startsWith(kind)),
          kind,
        ).toBe(true);
      }
      expect(md).toContain('first-party');
      expect(md).toContain('third-party');
      expect(md).toMatch(/sans votre consentement/);
      expect(md).toMatch(/13 mois/);
    });

    it('uses the heading levels of the Paris seed', () => {
      const ours = md.split('\n');
      for (const [role, match] of HEADING_ROLES) {
        const expected = paris!.headingLevels[role];
        expect(expected, role).toBeGreaterThan(0);
        expect(
          headingLevel(ours, (t) => match(t, seed)),
          role,
        ).toBe(expected);
      }
    });
  });
});

// Only where the original seed documents are (CI has them): one warning line otherwise.
if (requireSharedSeeds('the checks of our charters against the original seed documents')) {
  describe('the original seed documents', () => {
    const originals = readdirSync(SHARED_SEEDS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map(readSeed);

    it('state the facts of the fixture', () => {
      const facts = ({ url, categoryHeading, headingLevels, rows }: SeedFacts) => ({
        url,
        categoryHeading,
        headingLevels,
        rows,
      });
      expect(originals.map(facts)).toEqual(seeds.map(facts));
    });

    it.each(originals.map((s) => [s.url, s] as const))(
      '%s: no explanatory sentence of it is in our charter',
      (url, seed) => {
        const ours = published(loadPreset(new URL(url).host));
        expect(seed.prose.length).toBeGreaterThan(5);
        for (const run of seed.prose.flatMap((line) => shingles(line, 6))) {
          expect(ours, run).not.toContain(run);
        }
      },
    );
  });
}

describe('demo presets', () => {
  const presets = readdirSync(presetsDir).filter((f) => f.endsWith('.json'));

  it.each(presets)('%s renders in every language and format', (file) => {
    const portal = loadPreset(file.replace(/\.json$/, ''));
    for (const lang of portal.languages) {
      const charter = buildCharter(revisionOf(portal), lang);
      expect(charter.lang).toBe(lang);
      expect(charter.categories.flatMap((c) => c.rows)).toHaveLength(portal.declarations.length);
      for (const format of ['html', 'md', 'txt', 'json'] as const) {
        expect(renderCharter(charter, format).length).toBeGreaterThan(1000);
      }
    }
  });
});
