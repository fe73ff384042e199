import {
  NotFoundError,
  ValidationError,
  actorOf,
  fieldError,
  parseShape,
  translate,
  type Principal,
} from '@galette/core';
import type { ScanJob, ScanJobs } from '@galette/storage';
import type { Context } from 'hono';
import { serveApiRoute } from '../api-routes/api-route.js';
import { readJsonBody } from '../consent/read-json-body.js';
import { requestHeader } from '../request-header.js';
import { answerLanguage, languageHints, queryParam } from '../request-language.js';
import type { ServerContext } from '../server-context.js';
import { requestMeta } from '../admin/console-forms.js';
import { auditScanStart } from './scan-audit.js';
import { asStoredReport, diffScans } from './scan-diff.js';
import { SCAN_API } from './scan-api.js';
import { MAIN_SCAN_SCENARIOS, portalSites, scanStartShape, scanStartUrl } from './scan-request.js';

/** A job as the API shows it: everything but which worker host holds it. */
export function scanJobView(job: ScanJob): Omit<ScanJob, 'worker' | 'heartbeatAt'> {
  const { worker: _worker, heartbeatAt: _heartbeat, ...rest } = job;
  void _worker;
  void _heartbeat;
  return rest;
}

/**
 * Scans in the admin API, for tokens and sessions alike (`scans.read` to read, `scans.run` to
 * start): `GET …/scans` (newest first), `POST …/scans` (queued for a worker: 202 and its
 * address), `GET …/scans/{scanId}` (state, progress, summary), `GET …/scans/{scanId}/report`
 * (the `galette.scan/1` report once done) and `GET …/scans/diff?from=&to=`.
 */
export function scanApiRoutes(context: ServerContext, jobs: ScanJobs | undefined): void {
  const { admin, store, consolePages } = context;
  const lang = (c: Context) => answerLanguage(languageHints(c));
  const who = (c: Context): Principal => c.get('galetteConsole').principal!;

  const portalOf = async (c: Context) => {
    const id = c.req.param('portalId') ?? '';
    const portal = await store.getPortal(id);
    if (!portal) {
      throw new NotFoundError(translate(lang(c), 'server.error.portalNotFound', { portalId: id }));
    }
    if (!jobs) throw new NotFoundError(translate(lang(c), 'scanner.console.noQueue'));
    return { portal, jobs };
  };
  const jobOf = async (c: Context, id: string, done = false) => {
    const { portal, jobs } = await portalOf(c);
    const job = await jobs.get(id);
    if (!job || job.portalId !== portal.id || (done && job.status !== 'done')) {
      throw new NotFoundError(
        translate(lang(c), done ? 'scanner.api.notDone' : 'scanner.api.notFound', { scanId: id }),
      );
    }
    return { job, jobs };
  };
  const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

  serveApiRoute(admin, SCAN_API.list, async (c) => {
    const { portal, jobs } = await portalOf(c);
    noStore(c);
    return c.json({ scans: (await jobs.list(portal.id)).map(scanJobView) });
  });

  serveApiRoute(admin, SCAN_API.start, async (c) => {
    // The body first: a bad one is refused (400 naming the field) whatever the portal's state.
    const length = requestHeader(c, 'content-length');
    const empty = length === '0' || (length === undefined && c.req.raw.body === null);
    const input = parseShape(
      scanStartShape,
      empty ? {} : await readJsonBody(c, consolePages.maxApiBodyBytes, lang(c)),
    );
    const { portal, jobs } = await portalOf(c);
    const sites = portalSites(portal);
    const url = scanStartUrl(input.url ?? portal.url, sites);
    if (!url) {
      throw new ValidationError([
        {
          path: 'url',
          message: translate(lang(c), 'scanner.console.error.url', { sites: sites.join(', ') }),
        },
      ]);
    }
    const job = await jobs.enqueue({
      portalId: portal.id,
      url,
      options: {
        pages: input.pages ?? 20,
        ...(input.scenarios === 'main' ? { scenarios: MAIN_SCAN_SCENARIOS } : {}),
      },
      trigger: 'api',
      requestedBy: actorOf(who(c)).label,
    });
    await auditScanStart(
      context.audit,
      who(c),
      job,
      requestMeta(c, consolePages.cookies.trustProxy),
    );
    noStore(c);
    c.header('Location', `/api/v1/admin/portals/${portal.id}/scans/${job.id}`);
    return c.json({ scan: scanJobView(job) }, 202);
  });

  serveApiRoute(admin, SCAN_API.diff, async (c) => {
    const from = queryParam(c.req.url, 'from');
    const to = queryParam(c.req.url, 'to');
    if (!from || !to) {
      throw new ValidationError([
        ...(from ? [] : [fieldError('from', 'required')]),
        ...(to ? [] : [fieldError('to', 'required')]),
      ]);
    }
    const [a, b] = [await jobOf(c, from, true), await jobOf(c, to, true)];
    const reports = [
      asStoredReport(await a.jobs.result(from)),
      asStoredReport(await b.jobs.result(to)),
    ];
    if (!reports[0] || !reports[1]) {
      throw new NotFoundError(
        translate(lang(c), 'scanner.api.notDone', { scanId: `${from}, ${to}` }),
      );
    }
    noStore(c);
    return c.json({ from, to, ...diffScans(reports[0], reports[1]) });
  });

  serveApiRoute(admin, SCAN_API.one, async (c) => {
    const { job } = await jobOf(c, c.req.param('scanId') ?? '');
    noStore(c);
    return c.json({ scan: scanJobView(job) });
  });

  serveApiRoute(admin, SCAN_API.report, async (c) => {
    const { job, jobs } = await jobOf(c, c.req.param('scanId') ?? '', true);
    noStore(c);
    return c.json((await jobs.result(job.id)) as object);
  });
}
