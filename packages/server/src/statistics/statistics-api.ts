import { CONSENT_ACTIONS, shapeError } from '@galette/core';
import { z } from '@hono/zod-openapi';
import { rules } from '../admin/route-rule.js';
import { adminApiRoute, errorAnswer } from '../api-routes/api-route.js';

/**
 * The admin statistics routes, each defined once (path, parameters, answers, rule):
 * `routes/stats-routes.ts` serves them, `openapi.ts` documents them.
 */
const count = z.number().int().min(0);
const rate = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: 'Between 0 and 1; null when its denominator is zero.' });
/** A day of a query or a report; a query's bad day is named with the statistics' own code. */
const day = z.iso.date(shapeError('not_a_day'));
const instant = z.iso.datetime();
const revisionNumber = z.number().int().min(1);

const counts = {
  acceptAll: count,
  rejectAll: count,
  custom: count,
  withdraw: count,
  total: count,
  shown: count.meta({ description: 'Banners shown (the widget’s anonymous beacon).' }),
  consentRate: rate.meta({ description: 'acceptAll ÷ (acceptAll + rejectAll); null if none.' }),
  optInRate: rate.meta({ description: 'acceptAll ÷ shown; null if no banner was counted.' }),
  noChoiceRate: rate.meta({
    description: '(shown − acceptAll − rejectAll − custom) ÷ shown, at least 0; null if none.',
  }),
};

export const statisticsReportShape = z
  .object({
    scope: z.union([
      z.object({ kind: z.literal('portal'), portalId: z.string() }),
      z.object({ kind: z.literal('all') }),
    ]),
    period: z.object({
      preset: z.enum(['7d', '30d', '12m', 'custom']),
      from: day,
      to: day,
      granularity: z.enum(['day', 'month']),
    }),
    totals: z.object(counts),
    buckets: z.array(z.object({ start: day, ...counts })).meta({
      description:
        'Every day (or month, past 92 days) of the period, oldest first, zeros included.',
    }),
    categories: z.array(z.object({ id: z.string(), chosen: count, accepted: count, rate })),
    revisions: z
      .array(
        z.object({
          portalId: z.string(),
          revision: z.string(),
          number: revisionNumber.optional(),
          publishedAt: instant.optional(),
          ...counts,
        }),
      )
      .meta({ description: 'Per portal and revision with choices or banners in the period.' }),
    markers: z
      .array(
        z.object({
          portalId: z.string(),
          number: revisionNumber,
          revision: z.string(),
          publishedAt: instant,
          bucket: day,
        }),
      )
      .meta({
        description: 'Revisions published inside the period (one portal only), for the time axis.',
      }),
  })
  .openapi('StatisticsReport');

const actionCounts = z
  .object(Object.fromEntries(CONSENT_ACTIONS.map((action) => [action, count])))
  .openapi('ActionCounts');
const categoryCounts = z
  .record(z.string(), z.object({ chosen: count, accepted: count }))
  .meta({
    description: 'Per category: records carrying a choice for it, and how many accepted it.',
  })
  .openapi('CategoryCounts');

export const consentStatisticsShape = z
  .object({
    portalId: z.string(),
    from: day,
    to: day,
    revisions: z
      .array(z.object({ hash: z.string(), number: z.number().int(), publishedAt: instant }))
      .meta({ description: 'Published revisions, oldest first.' }),
    totals: z.object({ total: count, actions: actionCounts, categories: categoryCounts }),
    days: z.array(
      z.object({
        day,
        revision: z.string(),
        total: count,
        actions: actionCounts,
        categories: categoryCounts,
      }),
    ),
  })
  .openapi('ConsentStatistics');

const periodQuery = z.object({
  period: z
    .enum(['7d', '30d', '12m', 'custom'])
    .optional()
    .meta({ description: '7d, 30d (default), 12m, or custom (with from and to).' }),
  from: day.optional().meta({ description: 'First day, YYYY-MM-DD (UTC); custom periods.' }),
  to: day.optional().meta({ description: 'Last day, YYYY-MM-DD (UTC); default today.' }),
});
const portalParams = z.object({
  portalId: z.string().meta({ description: 'The portal host name.' }),
});
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const BAD_PERIOD = errorAnswer(
  'Bad period (the field is named): unknown preset, bad day, reversed, over 731 days.',
);
const MAY_NOT_READ = errorAnswer(
  'The token or user may not read this portal’s statistics (whether it exists or not).',
);
const UNKNOWN_PORTAL = errorAnswer('Unknown portal (administrators only; others get 403).');

export const STATISTICS_API = {
  portal: adminApiRoute(rules.portal('stats.read'), {
    method: 'get',
    path: '/api/v1/admin/portals/{portalId}/stats',
    summary: 'A portal’s statistics: choices per day or month, categories, revisions, rates',
    request: { params: portalParams, query: periodQuery },
    responses: {
      200: json(statisticsReportShape, 'The report.'),
      400: BAD_PERIOD,
      403: MAY_NOT_READ,
      404: UNKNOWN_PORTAL,
    },
  }),
  all: adminApiRoute(rules.signedIn, {
    method: 'get',
    path: '/api/v1/admin/stats',
    summary: 'Statistics summed over every portal the token or user may read statistics of',
    request: { query: periodQuery },
    responses: { 200: json(statisticsReportShape, 'The report.'), 400: BAD_PERIOD },
  }),
  daily: adminApiRoute(rules.portal('stats.read'), {
    method: 'get',
    path: '/api/v1/admin/portals/{portalId}/stats/consents',
    summary: 'Daily consent statistics per revision (at most 366 days, default the last 30)',
    request: {
      params: portalParams,
      query: z.object({
        from: day.optional().meta({ description: 'First day, YYYY-MM-DD (UTC).' }),
        to: day.optional().meta({ description: 'Last day, YYYY-MM-DD (UTC); default today.' }),
      }),
    },
    responses: {
      200: json(consentStatisticsShape, 'Totals and days.'),
      400: errorAnswer('Bad or too long period.'),
      403: MAY_NOT_READ,
      404: UNKNOWN_PORTAL,
    },
  }),
};
