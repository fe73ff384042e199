import {
  GaletteError,
  actorOf,
  can,
  toPortalFile,
  translate,
  type PortalFile,
  type Translator,
} from '@galette/core';
import { KyselyStore, openScanJobs, type ScanJobs } from '@galette/storage';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import { asStoredReport, diffScans } from '../../scans/scan-diff.js';
import type { ServerContext } from '../../server-context.js';
import { auditScanSchedule, auditScanStart } from '../../scans/scan-audit.js';
import { asScannedFile, withScannedDeclarations } from '../../scans/scanned-declarations.js';
import { scanApiRoutes } from '../../scans/scan-api-routes.js';
import { MAIN_SCAN_SCENARIOS, portalSites, scanStartUrl } from '../../scans/scan-request.js';
import { readForm, requestMeta } from '../console-forms.js';
import { editorErrors } from '../editor/editor-errors.js';
import { saveSection } from '../editor/save-section.js';
import { errorLines } from '../pages/editor-parts.js';
import { consoleRefusals, pageFrame, renderPage } from '../console-page.js';
import type { FieldErrors } from '../pages/form-parts.js';
import { ScanDiffPage } from '../pages/scan-diff-page.js';
import { ScanListPage, type ScanListPageProps } from '../pages/scan-list-page.js';
import { ScanPage, type ScanPageProps } from '../pages/scan-page.js';
import { rules } from '../route-rule.js';
import { scanEvidenceRoutes } from './scan-evidence-routes.js';
import { addToDraftFormShape, scheduleFormShape, startScanFormShape } from './scan-form-shapes.js';

/**
 * A portal's scans in the console: `GET /admin/portals/{id}/scans` (list, start form,
 * schedule, comparison form), `POST` there to queue a scan (run by a worker: `galette serve`
 * starts one, `galette worker` runs more), `POST …/scans/schedule`, `GET …/scans/{scanId}`
 * (progress, then findings, evidence and screenshots), `GET …/scans/diff?from=&to=`, the
 * evidence files (`scanEvidenceRoutes`), and `POST …/scans/{scanId}/add-to-draft` (undeclared
 * cookies into the draft). A scan only visits pages of the portal's own sites, so an editor
 * cannot send the server's browser anywhere else.
 */
export function scanRoutes(context: ServerContext): void {
  const { admin, store, consolePages, portals } = context;
  const refusals = consoleRefusals(consolePages);
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

  /** The start address: one of the portal's own sites, or its error. */
  const startUrl = (
    t: Translator,
    sent: string,
    portal: { url: string; origins: readonly string[] },
  ) => {
    const sites = portalSites(portal);
    const url = scanStartUrl(sent, sites);
    return url ? { url } : { error: t('scanner.console.error.url', { sites: sites.join(', ') }) };
  };

  admin.page('POST', '/admin/portals/:portalId/scans', run, async (c) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const form = await readForm(c, startScanFormShape);
    const { principal, t } = c.get('galetteConsole');
    const start = startUrl(t, form.ok ? form.value.url : (form.values.url ?? ''), portal);
    // Every field's error at once: the address's beside the form's own.
    const errors: FieldErrors = {
      ...(form.ok ? {} : form.errors),
      ...('error' in start ? { url: start.error } : {}),
    };
    if (!form.ok || 'error' in start) return list(c, { errors, values: form.values }, 400);
    const { pages, scenarios } = form.value;
    const job = await jobs.enqueue({
      portalId: portal.id,
      url: start.url,
      options: { pages, ...(scenarios === 'main' ? { scenarios: MAIN_SCAN_SCENARIOS } : {}) },
      trigger: 'console',
      requestedBy: actorOf(principal!).label,
    });
    await auditScanStart(
      context.audit,
      principal!,
      job,
      requestMeta(c, consolePages.cookies.trustProxy),
    );
    return c.redirect(
      `/admin/portals/${encodeURIComponent(portal.id)}/scans/${job.id}?queued=1`,
      303,
    );
  });

  admin.page('POST', '/admin/portals/:portalId/scans/schedule', run, async (c) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const form = await readForm(c, scheduleFormShape);
    if (!form.ok) return list(c, { errors: form.errors, values: form.values }, 400);
    const { every } = form.value;
    const { principal } = c.get('galetteConsole');
    const schedule =
      every === '0'
        ? null
        : { url: portal.url, everyDays: Number(every), updatedBy: actorOf(principal!).label };
    await jobs.setSchedule(portal.id, schedule);
    await auditScanSchedule(
      context.audit,
      principal!,
      portal.id,
      schedule,
      requestMeta(c, consolePages.cookies.trustProxy),
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

  /** One scan's page: its state, findings, evidence, and the draft form for its editors. */
  const scanPage = async (
    c: Context,
    extra: Partial<Pick<ScanPageProps, 'added' | 'problem' | 'problems'>> & {
      version?: number;
    } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const portal = await portalOf(c);
    if (!portal || !jobs) return notFoundResponse(c);
    const job = await jobs.get(c.req.param('scanId') ?? '');
    if (!job || job.portalId !== portal.id) return notFoundResponse(c);
    const principal = c.get('galetteConsole').principal!;
    const done = job.status === 'done';
    const [result, files] = done
      ? await Promise.all([jobs.result(job.id), jobs.artifacts(job.id)])
      : [undefined, []];
    const paths = files.map((f) => f.path);
    // The form only where the draft can take it: an archived portal's draft takes no change.
    const draft =
      paths.includes('draft-portal.json') && can(principal, 'draft.edit', portal.id)
        ? await portals.getDraft(principal, portal.id)
        : undefined;
    const editable = draft && !draft.archivedAt ? (extra.version ?? draft.version) : undefined;
    return renderPage(
      c,
      <ScanPage
        frame={await pageFrame(c, consolePages)}
        portal={portal}
        job={job}
        report={asStoredReport(result)}
        files={paths}
        {...(editable !== undefined ? { draftVersion: editable } : {})}
        queued={c.req.query('queued') === '1'}
        {...(extra.added ? { added: extra.added } : {})}
        {...(extra.problem ? { problem: extra.problem } : {})}
        {...(extra.problems ? { problems: extra.problems } : {})}
      />,
      status,
    );
  };

  admin.page('GET', '/admin/portals/:portalId/scans/:scanId', read, (c) => {
    const added = /^(\d+)-(\d+)$/.exec(c.req.query('added') ?? '');
    return scanPage(
      c,
      added ? { added: { count: Number(added[1]), review: Number(added[2]) } } : {},
    );
  });

  scanEvidenceRoutes(context, jobs);
  scanApiRoutes(context, jobs);

  /**
   * « Add to draft »: the undeclared cookies and keys of a finished scan (one, or all) into the
   * portal's draft as the scan classified them, through the portal service (rights, validation,
   * audit `draft.save`). The draft version seen travels with the form: a save made meanwhile
   * gives the scan page again with what happened and the new version, nothing added.
   */
  admin.page(
    'POST',
    '/admin/portals/:portalId/scans/:scanId/add-to-draft',
    rules.portal('draft.edit'),
    async (c) => {
      const portal = await portalOf(c);
      if (!portal || !jobs) return notFoundResponse(c);
      const job = await jobs.get(c.req.param('scanId') ?? '');
      if (!job || job.portalId !== portal.id || job.status !== 'done') return notFoundResponse(c);
      const { principal, t, lang } = c.get('galetteConsole');
      const form = await readForm(c, addToDraftFormShape);
      if (!form.ok) {
        return scanPage(
          c,
          {
            problem: t('scanner.console.draft.nothing'),
            problems: Object.entries(form.errors).map(([path, message]) =>
              translate(lang, 'validation.format.field', { path, message }),
            ),
          },
          400,
        );
      }
      const { version } = form.value;
      const which = form.value.finding;
      const [report, scannedArtifact] = await Promise.all([
        jobs.result(job.id).then(asStoredReport),
        jobs.artifact(job.id, 'draft-portal.json'),
      ]);
      const scanned = scannedArtifact
        ? asScannedFile(JSON.parse(new TextDecoder().decode(scannedArtifact.bytes)))
        : undefined;
      if (!report || !scanned) return notFoundResponse(c);
      const chosen = report.findings.filter(
        (f) => f.rule === 'undeclared' && (which === 'all' || f.id === which),
      );
      if (chosen.length === 0 || version === undefined) {
        return scanPage(c, { problem: t('scanner.console.draft.nothing') }, 400);
      }
      try {
        // Saved like an editor's section: the same version check, validation and refusals.
        const draft = await portals.getDraft(principal!, portal.id);
        let next = withScannedDeclarations(toPortalFile(draft.content), scanned, chosen);
        if (next.added.length > 0) {
          const outcome = await saveSection(
            portals,
            principal!,
            portal.id,
            version,
            (file) => {
              next = withScannedDeclarations(file, scanned, chosen);
              // Checked by the portal file's validator like any save.
              return next.file as PortalFile;
            },
            lang,
            requestMeta(c, consolePages.cookies.trustProxy),
          );
          if (outcome.kind === 'conflict') {
            const { conflict } = outcome;
            return scanPage(
              c,
              {
                problem: `${conflict.message} ${t('scanner.console.draft.conflict')}`,
                version: conflict.currentVersion,
              },
              409,
            );
          }
          if (outcome.kind === 'invalid') {
            const errors = editorErrors(outcome.errors, lang, { prefix: '', fields: [] });
            const names = outcome.file.declarations.map((d) => d.name);
            return scanPage(
              c,
              {
                problem: t('scanner.console.draft.invalid'),
                problems: errorLines(t, errors, (row) => names[row] ?? ''),
              },
              400,
            );
          }
          // An archived portal's draft takes no change.
          if (outcome.kind === 'refused') return scanPage(c, { problem: outcome.message }, 409);
        }
        return c.redirect(
          `/admin/portals/${encodeURIComponent(portal.id)}/scans/${encodeURIComponent(job.id)}?added=${next.added.length}-${next.toReview}`,
          303,
        );
      } catch (error) {
        if (error instanceof GaletteError && error.code === 'forbidden') {
          return refusals.page(c, 403, 'forbidden');
        }
        throw error;
      }
    },
  );
}
