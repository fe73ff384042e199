/**
 * The admin statistics routes' entries in `/api/openapi.json` (merged by `openapi.ts`).
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const count = { type: 'integer', minimum: 0 } as const;
const rate = {
  type: ['number', 'null'],
  minimum: 0,
  maximum: 1,
  description: 'Between 0 and 1; null when its denominator is zero.',
} as const;
const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
  type: 'object',
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
});
const counts = {
  acceptAll: count,
  rejectAll: count,
  custom: count,
  withdraw: count,
  total: count,
  shown: { ...count, description: 'Banners shown (the widget’s anonymous beacon).' },
  consentRate: { ...rate, description: 'acceptAll ÷ (acceptAll + rejectAll); null if none.' },
  optInRate: { ...rate, description: 'acceptAll ÷ shown; null if no banner was counted.' },
  noChoiceRate: {
    ...rate,
    description: '(shown − acceptAll − rejectAll − custom) ÷ shown, at least 0; null if none.',
  },
};
const day = { type: 'string', format: 'date' } as const;

export const STATISTICS_SCHEMAS: Record<string, Schema> = {
  StatisticsReport: object({
    scope: {
      oneOf: [
        object({ kind: { const: 'portal' }, portalId: { type: 'string' } }),
        object({ kind: { const: 'all' } }),
      ],
    },
    period: object({
      preset: { enum: ['7d', '30d', '12m', 'custom'] },
      from: day,
      to: day,
      granularity: { enum: ['day', 'month'] },
    }),
    totals: object(counts),
    buckets: {
      type: 'array',
      description:
        'Every day (or month, past 92 days) of the period, oldest first, zeros included.',
      items: object({ start: day, ...counts }),
    },
    categories: {
      type: 'array',
      items: object({ id: { type: 'string' }, chosen: count, accepted: count, rate }),
    },
    revisions: {
      type: 'array',
      description: 'Per portal and revision with choices or banners in the period.',
      items: object(
        {
          portalId: { type: 'string' },
          revision: { type: 'string' },
          number: { type: 'integer', minimum: 1 },
          publishedAt: { type: 'string', format: 'date-time' },
          ...counts,
        },
        ['number', 'publishedAt'],
      ),
    },
    markers: {
      type: 'array',
      description: 'Revisions published inside the period (one portal only), for the time axis.',
      items: object({
        portalId: { type: 'string' },
        number: { type: 'integer', minimum: 1 },
        revision: { type: 'string' },
        publishedAt: { type: 'string', format: 'date-time' },
        bucket: day,
      }),
    },
  }),
};

const query = (name: string, description: string, schema: Schema = { type: 'string' }) => ({
  name,
  in: 'query',
  description,
  schema,
});
const PERIOD = [
  query('period', '7d, 30d (default), 12m, or custom (with from and to).', {
    enum: ['7d', '30d', '12m', 'custom'],
  }),
  query('from', 'First day, YYYY-MM-DD (UTC); custom periods.', day),
  query('to', 'Last day, YYYY-MM-DD (UTC); default today.', day),
];
const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const REFUSALS = {
  400: error('Bad period (the field is named): unknown preset, bad day, reversed, over 731 days.'),
  401: error('No valid API token or session.'),
  429: error('Too many wrong tokens from this client (10, then one per 10 s); see Retry-After.'),
  503: error('The database does not answer; retry.'),
};
const SECURITY = [{ apiToken: [] }, { session: [] }];

export const STATISTICS_PATHS: Record<string, Schema> = {
  '/api/v1/admin/portals/{portalId}/stats': {
    get: {
      summary: 'A portal’s statistics: choices per day or month, categories, revisions, rates',
      security: SECURITY,
      'x-galette-permission': 'stats.read@{portalId}',
      parameters: [
        {
          name: 'portalId',
          in: 'path',
          required: true,
          description: 'The portal host name.',
          schema: { type: 'string' },
        },
        ...PERIOD,
      ],
      responses: {
        200: json(ref('StatisticsReport'), 'The report.'),
        ...REFUSALS,
        403: error(
          'The token or user may not read this portal’s statistics (whether it exists or not).',
        ),
        404: error('Unknown portal (administrators only; others get 403).'),
      },
    },
  },
  '/api/v1/admin/stats': {
    get: {
      summary: 'Statistics summed over every portal the token or user may read statistics of',
      security: SECURITY,
      'x-galette-permission': 'signed-in',
      parameters: PERIOD,
      responses: { 200: json(ref('StatisticsReport'), 'The report.'), ...REFUSALS },
    },
  },
};
