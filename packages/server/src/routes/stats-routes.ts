import {
  NotFoundError,
  portalsWhere,
  ValidationError,
  fieldError,
  translate,
  type FieldError,
} from '@galette/core';
import type { ConsentDailyStats } from '@galette/storage';
import { serveApiRoute } from '../api-routes/api-route.js';
import { STATISTICS_API } from '../statistics/statistics-api.js';
import { queryParam, answerLanguage, languageHints } from '../request-language.js';
import type { RouteModule } from '../server-context.js';
import { parseStatisticsPeriod } from '../statistics/statistics-period.js';
import { statisticsReport } from '../statistics/statistics-report.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** Default period: the last 30 days. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

/**
 * `GET /api/v1/admin/portals/{portalId}/stats/consents?from=YYYY-MM-DD&to=YYYY-MM-DD`: daily
 * consent statistics per revision, for the back office's charts. Admin API: `stats.read` on
 * the portal.
 */
export const statsRoutes: RouteModule = (_app, { admin, consents, store }) => {
  const deps = { log: consents.log, store };
  const periodOf = (url: string) =>
    parseStatisticsPeriod({
      period: queryParam(url, 'period'),
      from: queryParam(url, 'from'),
      to: queryParam(url, 'to'),
    });
  serveApiRoute(admin, STATISTICS_API.portal, async (c) => {
    const lang = answerLanguage(languageHints(c));
    c.header('Cache-Control', 'no-store');
    const portalId = c.req.param('portalId');
    const period = periodOf(c.req.url);
    const portal = await store.getPortal(portalId);
    const report = await statisticsReport(deps, { kind: 'portal', portalId }, [portalId], period);
    if (!portal && report.revisions.length === 0 && report.markers.length === 0) {
      throw new NotFoundError(translate(lang, 'server.error.portalNotFound', { portalId }));
    }
    return c.json(report);
  });
  serveApiRoute(admin, STATISTICS_API.all, async (c) => {
    c.header('Cache-Control', 'no-store');
    const principal = c.get('galetteConsole').principal!;
    const period = periodOf(c.req.url);
    const visible = portalsWhere(principal, 'stats.read');
    return c.json(await statisticsReport(deps, { kind: 'all' }, visible, period));
  });
  serveApiRoute(admin, STATISTICS_API.daily, async (c) => {
    const lang = answerLanguage(languageHints(c));
    c.header('Cache-Control', 'no-store');
    const portalId = c.req.param('portalId');
    const { from, to } = period(queryParam(c.req.url, 'from'), queryParam(c.req.url, 'to'));
    const [days, revisions, portal] = await Promise.all([
      consents.log ? consents.log.dailyStats(portalId, from, to) : [],
      store.listRevisions(portalId),
      store.getPortal(portalId),
    ]);
    if (!portal && revisions.length === 0 && days.length === 0) {
      throw new NotFoundError(translate(lang, 'server.error.portalNotFound', { portalId }));
    }
    return c.json({
      portalId,
      from,
      to,
      revisions: revisions
        .map((r) => ({ hash: r.hash, number: r.number, publishedAt: r.publishedAt }))
        .reverse(),
      totals: totals(days),
      days,
    });
  });
};

function period(
  fromParam: string | undefined,
  toParam: string | undefined,
): { from: string; to: string } {
  const errors: FieldError[] = [];
  const parse = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined || value === '') return fallback;
    const ms = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
      errors.push(fieldError(name, 'not_a_day'));
    }
    return ms;
  };
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const to = parse('to', toParam, today);
  const from = parse('from', fromParam, to - (DEFAULT_DAYS - 1) * DAY_MS);
  if (errors.length > 0) throw new ValidationError(errors, 'invalid period');
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (from > to) {
    const reversed = fieldError('to', 'period_reversed', { from: iso(from), to: iso(to) });
    throw new ValidationError([reversed], 'invalid period');
  }
  if ((to - from) / DAY_MS + 1 > MAX_DAYS) {
    throw new ValidationError(
      [fieldError('from', 'period_too_long', { max: MAX_DAYS })],
      'invalid period',
    );
  }
  return { from: iso(from), to: iso(to) };
}

/** The period's sums, for the headline figures above the charts. */
function totals(days: readonly ConsentDailyStats[]) {
  const actions = { accept_all: 0, reject_all: 0, custom: 0, withdraw: 0 };
  const categories: Record<string, { chosen: number; accepted: number }> = {};
  let total = 0;
  for (const d of days) {
    total += d.total;
    for (const key of Object.keys(actions) as (keyof typeof actions)[])
      actions[key] += d.actions[key];
    for (const [id, c] of Object.entries(d.categories)) {
      const sum = (categories[id] ??= { chosen: 0, accepted: 0 });
      sum.chosen += c.chosen;
      sum.accepted += c.accepted;
    }
  }
  return { total, actions, categories };
}
