import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { parseCookieDatabase } from './cookie-database.js';
import { parseCsv } from './parse-csv.js';

// The copy shipped in this package, never ../shared: tests run on a bare clone.
const shipped = readFileSync(
  new URL('../../vendor/open-cookie-database/open-cookie-database.csv', import.meta.url),
  'utf8',
);
const HEADER =
  'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi""","two\nlines"\r\n\r\nx,,z\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
  });
});

describe('parseCookieDatabase on the shipped copy', () => {
  const db = parseCookieDatabase(shipped);

  it('keeps every named row', () => {
    expect(db.size).toBe(2264);
    expect(db.version).toMatch(/^sha256:[0-9a-f]{16}$/);
  });

  it('maps OCD categories to Galette ids and keeps the original', () => {
    expect(db.lookup('_gid')).toMatchObject({
      platform: 'Google Analytics',
      category: 'statistics',
      ocdCategory: 'Analytics',
      wildcard: false,
    });
    expect(db.lookup('_fbp')).toMatchObject({ category: 'marketing', ocdCategory: 'Marketing' });
    expect(db.lookup('CookieConsent')).toMatchObject({ category: 'preferences' });
    const security = db.cookies.find((c) => c.ocdCategory === 'Security')!;
    expect(db.lookup(security.name)?.category).toBe('necessary');
  });

  it('finds the names compliance cares about, exact or by prefix', () => {
    for (const [name, category] of [
      ['_ga', 'statistics'],
      ['_ga_ABC123', 'statistics'],
      ['_pk_id.1.a1b2', 'statistics'],
      ['_pk_ses.3.ff00', 'statistics'],
      ['IDE', 'marketing'],
      ['NID', 'marketing'],
      ['_hjid', 'statistics'],
      ['atuserid', 'statistics'],
    ] as const) {
      expect(db.lookup(name)?.category, name).toBe(category);
    }
  });

  it('says what the OCD says about sessionid and csrftoken (portal declarations win elsewhere)', () => {
    expect(db.lookup('sessionid')).toMatchObject({ platform: 'Instagram', category: 'marketing' });
    expect(db.lookup('csrftoken')).toBeUndefined();
  });

  it('lets a short prefix match only on its own domain', () => {
    // `P_` and `CT` are OCD prefix rows of two characters.
    expect(db.lookup('P_anything')).toBeUndefined();
    expect(db.lookup('CTX', 'opendata.paris.fr')).toBeUndefined();
    expect(db.lookup('CTX', 'track.adform.net')).toMatchObject({ name: 'CT', wildcard: true });
  });
});

describe('parseCookieDatabase rules', () => {
  const db = parseCookieDatabase(
    csv(
      'a,Short,Marketing,ab,short.example (3rd party),,,,,1',
      'b,Three,Analytics,abc,,,,,,1',
      'c,Longer,Marketing,abcd_,,,,,,1',
      'd,Exact,Functional,abcd_x,,,,,,0',
      'e,Hosted,Marketing,abcd_,ads-[account].tracker.example,,,,,1',
      'f,Dup A,Marketing,dup,other.example,,,,,0',
      'g,Dup B,Analytics,dup,,,,,,0',
      'h,Dup C,Marketing,dup,mine.example,,,,,0',
      'i,Novel,Sparkles,novel,,,,,,0',
    ),
    { version: 'test' },
  );

  it('prefers an exact row over any prefix', () => {
    expect(db.lookup('abcd_x')?.platform).toBe('Exact');
  });

  it('takes the longest prefix, and among equals the one on the host', () => {
    expect(db.lookup('abcd_y')?.platform).toBe('Longer');
    expect(db.lookup('abcd_y', 'ads-42.tracker.example')?.platform).toBe('Hosted');
    expect(db.lookup('abcz')?.platform).toBe('Three');
  });

  it('matches a prefix under three characters only on its domain', () => {
    expect(db.lookup('abz')).toBeUndefined();
    expect(db.lookup('abz', 'cdn.short.example')?.platform).toBe('Short');
  });

  it('among rows of one name, takes the one on the host, else one tied to no host', () => {
    expect(db.lookup('dup', 'www.mine.example')?.platform).toBe('Dup C');
    expect(db.lookup('dup')?.platform).toBe('Dup B');
  });

  it('leaves an unknown OCD category undefined', () => {
    expect(db.lookup('novel')).toMatchObject({ category: undefined, ocdCategory: 'Sparkles' });
    expect(db.version).toBe('test');
  });

  it('puts additions after the CSV rows, so the CSV wins a name', () => {
    const extra = { ...db.lookup('dup')!, id: 'x', name: 'dup', platform: 'Added' };
    const withExtra = parseCookieDatabase(csv('g,Dup B,Analytics,dup,,,,,,0'), {
      additions: [extra, { ...extra, name: 'only-added' }],
    });
    expect(withExtra.lookup('dup')?.platform).toBe('Dup B');
    expect(withExtra.lookup('only-added')?.platform).toBe('Added');
    expect(withExtra.size).toBe(3);
  });

  it('names the missing columns of a CSV that is not the OCD', () => {
    const error = (() => {
      try {
        parseCookieDatabase('ID,Platform\n1,x\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path)).toContain('Wildcard match');
  });
});
