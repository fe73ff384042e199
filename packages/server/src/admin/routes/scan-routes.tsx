import { actorOf, can, type Translator } from '@galette/core';
import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import { asStoredReport, diffScans } from '../../scans/scan-diff.js';
import type { ServerContext } from '../../server-context.js';
import { formFields } from '../console-forms.js';
import { pageFrame, renderPage } from '../console-page.js';
import type { FieldErrors } from '../pages/form-parts.js';
import { ScanDiffPage } from '../pages/scan-diff-page.js';
import {
  SCAN_PERIODS,
  SCAN_SCENARIO_SETS,
  ScanListPage,
  type ScanListPageProps,
} from '../pages/scan-list-page.js';
import { ScanPage } from '../pages/scan-page.js';
import { rules } from '../route-rule.js';

const MAX_PAGES = 200;
const MAIN_SCENARIOS = ['no-action', 'refuse-all', 'accept-all'];

/** The registrable part of a host, as the scanner reads "same site" (last two labels). */
function siteOf(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
  return host.split('.').slice(-2).join('.');
}

/**
 * A portal's scans in the console: `GET /admin/portals/{id}/scans` (list, start form,
 * schedule, comparison form), `POST` there to queue a scan (run by a worker: `galette serve`
 * starts one, `galette worker` runs more), `POST …/scans/schedule`, `GET …/scans/{scanId}`
 * (progress, then findings) and `GET …/scans/diff?from=&to=`. A scan only visits pages of the
 * portal's own sites, so an editor cannot send the server's browser anywhere else.
 */
export function scanRoutes(context: ServerContext): void {
  const { admin, store, consolePages } = context;
  const jobs: ScanJobs | undefined =
    store instanceof KyselyStore ? openScanJobs(store.database) : undefined;
  const read = rules.portal('scans.read');
  const run = rules.portal('scans.run');

  const portalOf = async (c: Context) => {
    const id = c.req.param('portalId') ?? '';
    const portal = await store.getPortal(id);
    return portal ? { id, name: portal.name, url: portal.url, origins: portal.origins } : undefined;
  };

  const list = async (
    c: Context,
    extra: Partial<Pick<ScanListPageProps, 'notice' | 'errors' | 'values'>> = {},
    status: 200 | 400 = 200,
  ) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const principal = c.get('galetteConsole').principal!;
    const [list, schedule] = await Promise.all([jobs.list(portal.id), jobs.getSchedule(portal.id)]);
    return renderPage(
      c,
      <ScanListPage
        frame={await pageFrame(c, consolePages)}
        portal={portal}
        jobs={list}
        schedule={schedule}
        canRun={can(principal, 'scans.run', portal.id)}
        {...extra}
      />,
      status,
    );
  };

  admin.page('GET', '/admin/portals/:portalId/scans', read, (c) => {
    const notice = c.req.query('saved') === 'schedule' ? ('scheduleSaved' as const) : undefined;
    return list(c, notice ? { notice } : {});
  });

  /** The form's errors, or what to queue. */
  const startRequest = (
    t: Translator,
    form: Record<string, string>,
    portal: { url: string; origins: readonly string[] },
  ): { errors: FieldErrors } | { url: string; pages: number; scenarios?: string[] } => {
    const errors: Record<string, string> = {};
    const sites = [
      ...new Set([portal.url, ...portal.origins].map((u) => siteOf(new URL(u).hostname))),
    ];
    let url: URL | undefined;
    try {
      url = new URL((form.url ?? '').trim());
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !sites.includes(siteOf(url.hostname))) {
      errors.url = t('scanner.console.error.url', { sites: sites.join(', ') });
    }
    const pages = Number(form.pages ?? '20');
    if (!/^\d+$/.test(form.pages ?? '20') || pages < 1 || pages > MAX_PAGES) {
      errors.pages = t('console.error.choice');
    }
    const set = form.scenarios ?? 'all';
    if (!(SCAN_SCENARIO_SETS as readonly string[]).includes(set)) {
      errors.scenarios = t('console.error.choice');
    }
    if (Object.keys(errors).length > 0) return { errors };
    return { url: url!.href, pages, ...(set === 'main' ? { scenarios: MAIN_SCENARIOS } : {}) };
  };

  admin.page('POST', '/admin/portals/:portalId/scans', run, async (c) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const form = await formFields(c);
    const { principal, t } = c.get('galetteConsole');
    const asked = startRequest(t, form, portal);
    if ('errors' in asked) return list(c, { errors: asked.errors, values: form }, 400);
    const job = await jobs.enqueue({
      portalId: portal.id,
      url: asked.url,
      options: { pages: asked.pages, ...(asked.scenarios ? { scenarios: asked.scenarios } : {}) },
      trigger: 'console',
      requestedBy: actorOf(principal!).label,
    });
    return c.redirect(
      `/admin/portals/${encodeURIComponent(portal.id)}/scans/${job.id}?queued=1`,
      303,
    );
  });

  admin.page('POST', '/admin/portals/:portalId/scans/schedule', run, async (c) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const form = await formFields(c);
    const { principal, t } = c.get('galetteConsole');
    const every = form.every ?? '0';
    if (!(SCAN_PERIODS as readonly string[]).includes(every)) {
      return list(c, { errors: { every: t('console.error.choice') }, values: form }, 400);
    }
    await jobs.setSchedule(
      portal.id,
      every === '0'
        ? null
        : {
            url: portal.url,
            everyDays: Number(every),
            updatedBy: actorOf(principal!).label,
          },
    );
    return c.redirect(`/admin/portals/${encodeURIComponent(portal.id)}/scans?saved=schedule`, 303);
  });

  admin.page('GET', '/admin/portals/:portalId/scans/diff', read, async (c) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const ids = [c.req.query('from') ?? '', c.req.query('to') ?? ''];
    const found = await Promise.all(ids.map((id) => jobs.get(id)));
    if (found.some((j) => !j || j.portalId !== portal.id)) return notFoundResponse(c);
    const reports = await Promise.all(ids.map(async (id) => asStoredReport(await jobs.result(id))));
    if (!reports[0] || !reports[1]) return notFoundResponse(c);
    return renderPage(
      c,
      <ScanDiffPage
        frame={await pageFrame(c, consolePages)}
        portal={portal}
        diff={diffScans(reports[0], reports[1])}
      />,
    );
  });

  admin.page('GET', '/admin/portals/:portalId/scans/:scanId', read, async (c) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const job = await jobs.get(c.req.param('scanId') ?? '');
    if (!job || job.portalId !== portal.id) return notFoundResponse(c);
    const report = job.status === 'done' ? asStoredReport(await jobs.result(job.id)) : undefined;
    return renderPage(
      c,
      <ScanPage
        frame={await pageFrame(c, consolePages)}
        portal={portal}
        job={job}
        report={report}
        queued={c.req.query('queued') === '1'}
      />,
    );
  });
}
