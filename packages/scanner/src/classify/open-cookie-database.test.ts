import { describe, expect, it } from 'vitest';
import { parseOpenCookieDatabase } from './open-cookie-database.js';

const CSV = `ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
1,Google Analytics,Analytics,_ga,,"Id, ""quoted""",2 years,Google,,0
2,Google Analytics,Analytics,_ga_,,Session,2 years,Google,,1
3,Instagram,Marketing,sessionid,instagram.com (3rd party),Session,1 year,Meta,,0
4,Adform,Marketing,P_,adform.net,Short prefix,1 year,Adform,,1
5,Matomo,Analytics,_pk_id.,,Visitor,13 months,Matomo,,1
`;

describe('the Open Cookie Database lookup', () => {
  const db = parseOpenCookieDatabase(CSV, 'test');

  it('finds exact names, then the longest prefix, as Galette categories', () => {
    expect(db.lookup('_ga')).toEqual({
      category: 'statistics',
      platform: 'Google Analytics',
      detail: '_ga',
    });
    expect(db.lookup('_ga_ABC123')?.detail).toBe('_ga_*');
    expect(db.lookup('_pk_id.1.d3m0')?.category).toBe('statistics');
    expect(db.lookup('sessionid', 'www.instagram.com')?.platform).toBe('Instagram');
    // Not Instagram's on another site.
    expect(db.lookup('sessionid', 'opendata.paris.fr')).toBeUndefined();
  });

  it('lets a short prefix row match only on its own domain', () => {
    expect(db.lookup('P_session', 'portal.example.org')).toBeUndefined();
    expect(db.lookup('P_session', 'track.adform.net')?.platform).toBe('Adform');
  });

  it('refuses a file that is not the database', () => {
    expect(() => parseOpenCookieDatabase('a,b\n1,2\n', 'x')).toThrow(/Platform/);
  });
});
