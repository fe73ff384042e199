import { ValidationError, localizeFieldError, portalsWhere } from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import type { ServerContext } from '../../server-context.js';
import {
  STATISTICS_TABLES,
  statisticsCsv,
  type StatisticsTable,
} from '../../statistics/statistics-csv.js';
import {
  parseStatisticsPeriod,
  type StatisticsPeriod,
} from '../../statistics/statistics-period.js';
import { statisticsReport, type StatisticsReport } from '../../statistics/statistics-report.js';
import { pageFrame, renderPage } from '../console-page.js';
import { portalHeading } from '../portal-heading.js';
import { StatisticsPage } from '../pages/statistics-page.js';
import { rules } from '../route-rule.js';

/**
 * The statistics pages: `GET /admin/statistics` (every portal the reader may read statistics
 * of, summed) and `GET /admin/portals/{portalId}/statistics`, each with `.csv` tables. The
 * period is a plain GET form; charts are SVG rendered here.
 */
export function statisticsRoutes(context: ServerContext): void {
  const { admin, store, consents, consolePages } = context;
  const deps = { log: consents.log, store };

  const asked = (c: Context) => ({
    period: (c.req.query('period') ?? '').slice(0, 20),
    from: (c.req.query('from') ?? '').slice(0, 20),
    to: (c.req.query('to') ?? '').slice(0, 20),
  });
  /** The period, or the form's errors by field in the page's language. */
  const period = (c: Context): StatisticsPeriod | Record<string, string> => {
    const q = asked(c);
    try {
      return parseStatisticsPeriod({
        period: q.period || undefined,
        from: q.from || undefined,
        to: q.to || undefined,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const lang = c.get('galetteConsole').lang;
      return Object.fromEntries(error.errors.map((e) => [e.path, localizeFieldError(e, lang)]));
    }
  };
  const isPeriod = (p: ReturnType<typeof period>): p is StatisticsPeriod => 'granularity' in p;
  /**
   * The portals the reader may pick. An administrator sees every portal: rather than list
   * hundreds in a select (and read them all for each page), the form asks for an address.
   */
  const visiblePortals = async (c: Context) => {
    const visible = portalsWhere(c.get('galetteConsole').principal!, 'stats.read');
    if (visible === 'all') return { visible, portals: undefined };
    const all = await store.listPortals();
    return {
      visible,
      portals: all.filter((p) => visible.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    };
  };

  const page = async (
    c: Context,
    portal: { id: string; name: string } | undefined,
    path: string,
  ): Promise<Response> => {
    const { visible, portals } = await visiblePortals(c);
    const p = period(c);
    const report = isPeriod(p)
      ? await statisticsReport(
          deps,
          portal ? { kind: 'portal', portalId: portal.id } : { kind: 'all' },
          visible,
          p,
        )
      : undefined;
    const q = asked(c);
    return renderPage(
      c,
      <StatisticsPage
        frame={await pageFrame(c, consolePages)}
        report={report}
        path={path}
        asked={{ ...q, period: q.period || (q.from || q.to ? 'custom' : '30d') }}
        portal={portal}
        portals={portals}
        {...(isPeriod(p) ? {} : { errors: p })}
      />,
      report ? 200 : 400,
    );
  };

  const csv = async (c: Context, report: StatisticsReport, name: string) => {
    const table = c.req.query('table') as StatisticsTable;
    const chosen = STATISTICS_TABLES.includes(table) ? table : 'choices';
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="${name}-${chosen}-${report.period.from}-${report.period.to}.csv"`,
    );
    return c.body(statisticsCsv(report, chosen));
  };
  const csvPeriod = (c: Context): StatisticsPeriod => {
    const q = asked(c);
    // Bad input throws ValidationError: answered 400 naming the field, like the API.
    return parseStatisticsPeriod({
      period: q.period || undefined,
      from: q.from || undefined,
      to: q.to || undefined,
    });
  };

  admin.page('GET', '/admin/statistics', rules.signedIn, async (c) => {
    const portal = c.req.query('portal')?.trim().toLowerCase().slice(0, 253);
    if (portal) {
      const query = new URL(c.req.url).searchParams;
      query.delete('portal');
      // Empty fields of the form (dates left blank) make no part of the address.
      for (const [key, value] of [...query]) if (value === '') query.delete(key);
      const rest = query.toString();
      return c.redirect(
        `/admin/portals/${encodeURIComponent(portal)}/statistics${rest ? `?${rest}` : ''}`,
        303,
      );
    }
    return page(c, undefined, '/admin/statistics');
  });
  admin.page('GET', '/admin/statistics.csv', rules.signedIn, async (c) => {
    const { visible } = await visiblePortals(c);
    return csv(c, await statisticsReport(deps, { kind: 'all' }, visible, csvPeriod(c)), 'galette');
  });
  admin.page(
    'GET',
    '/admin/portals/:portalId/statistics',
    rules.portal('stats.read'),
    async (c) => {
      const id = c.req.param('portalId');
      const portal = await portalHeading(context, id);
      if (!portal) return notFoundResponse(c);
      return page(
        c,
        { id, name: portal.name },
        `/admin/portals/${encodeURIComponent(id)}/statistics`,
      );
    },
  );
  admin.page(
    'GET',
    '/admin/portals/:portalId/statistics.csv',
    rules.portal('stats.read'),
    async (c) => {
      const id = c.req.param('portalId');
      if (!(await portalHeading(context, id))) return notFoundResponse(c);
      const report = await statisticsReport(
        deps,
        { kind: 'portal', portalId: id },
        [id],
        csvPeriod(c),
      );
      return csv(c, report, id);
    },
  );
}
