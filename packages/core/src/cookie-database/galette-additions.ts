import type { KnownCookie } from './cookie-database.js';

/**
 * Known trackers the Open Cookie Database lacks, kept by Galette in the OCD's shape (ids start
 * with `galette:`). `loadCookieDatabase` appends them after the OCD's rows, so an OCD row of the
 * same name always wins; send them upstream rather than growing this list.
 */
export const GALETTE_COOKIE_ADDITIONS: readonly KnownCookie[] = [
  {
    id: 'galette:xtvrn',
    platform: 'AT Internet',
    category: 'statistics',
    ocdCategory: 'Analytics',
    name: 'xtvrn',
    domain: '',
    description:
      'AT Internet (Piano Analytics) audience-measurement cookie: the site numbers on which the visitor was counted.',
    retention: '',
    dataController: 'AT Internet',
    privacyLink: '',
    wildcard: false,
  },
];
