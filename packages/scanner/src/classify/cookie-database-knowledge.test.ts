import { parseCookieDatabase } from '@galette/core/cookie-database';
import type { PortalContent } from '@galette/core';
import { describe, expect, it } from 'vitest';
import type { Observations } from '../observe/build-observations.js';
import { classifyObservations } from './classify.js';
import { cookieDatabaseKnowledge } from './cookie-database-knowledge.js';

const CSV = `ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match
1,Google Analytics,Analytics,_ga,,Id,2 years,Google,,0
2,Google Analytics,Analytics,_ga_,,Session,2 years,Google,,1
3,Instagram,Marketing,sessionid,instagram.com (3rd party),Session,1 year,Meta,,0
`;

const cookie = (name: string, domain: string) => ({
  name,
  domain,
  path: '/',
  httpOnly: false,
  secure: false,
  sameSite: 'Lax',
  party: 'first' as const,
  lifetime: { session: true, from: 'script' as const },
  renewed: false,
  beforeChoice: true,
  afterChoice: false,
  writtenAfterChoice: false,
  pages: [],
  setBy: [],
  classification: { category: 'unknown', source: 'unknown' as const },
});

describe('classification order', () => {
  const database = cookieDatabaseKnowledge(parseCookieDatabase(CSV, { version: 'test' }));

  it('takes the declarations first, then the database, then heuristics', () => {
    const portal = {
      declarations: [
        {
          provider: 'Portal',
          service: { fr: 's' },
          name: 'sessionid',
          purpose: { fr: 'p' },
          category: 'necessary',
          party: 'first',
          storage: 'cookie',
        },
      ],
    } as unknown as PortalContent;
    const observations: Observations = {
      cookies: [
        cookie('sessionid', 'portal.example.org'),
        cookie('_ga_XYZ', '.portal.example.org'),
        cookie('_fbp', '.portal.example.org'),
        cookie('mystery', 'portal.example.org'),
      ],
      storage: [],
      requests: [],
    };
    classifyObservations(observations, { portal, database, targetHost: 'portal.example.org' });
    expect(observations.cookies.map((c) => c.classification)).toEqual([
      // The portal's own sessionid, not Instagram's; the database's view is kept beside it.
      {
        category: 'necessary',
        source: 'declaration',
        declaration: 0,
        detail: 'sessionid',
        databaseCategory: 'marketing',
        databasePlatform: 'Instagram',
      },
      {
        category: 'statistics',
        source: 'cookie-database',
        detail: '_ga_*',
        databaseCategory: 'statistics',
        databasePlatform: 'Google Analytics',
      },
      { category: 'marketing', source: 'heuristic', detail: expect.stringMatching(/^name /) },
      { category: 'unknown', source: 'unknown' },
    ]);
    expect(database).toMatchObject({ name: 'Open Cookie Database', version: 'test', entries: 3 });
  });
});
