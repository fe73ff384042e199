import {
  GaletteError,
  ValidationError,
  can,
  isAdmin,
  localizeFieldError,
  parseJsonText,
  portalsWhere,
} from '@galette/core';
import { notFoundResponse } from '../../not-found-response.js';
import type { Context } from 'hono';
import type { ServerContext } from '../../server-context.js';
import { charterPath } from '../../charter-document.js';
import { scanAlerts } from '../../scans/scan-alerts.js';
import {
  buttonFormShape,
  formErrors,
  problemList,
  readForm,
  requestMeta,
} from '../console-forms.js';
import { consoleRefusals, pageFrame, refusedFormPage, renderPage } from '../console-page.js';
import type { PortalSummary } from '../pages/dashboard-page.js';
import { DashboardPage, NewPortalPage } from '../pages/dashboard-page.js';
import { rules } from '../route-rule.js';
import { newPortalFormShape } from './portal-form-shapes.js';

const DAY_MS = 86_400_000;
export const PORTALS_PAGE_SIZE = 50;

/**
 * `GET /admin/?q=&archived=1&page=`: the portals the user may see (archived ones only on
 * asking), 50 a page, each with its latest revision (number, date, author), whether the draft
 * differs from it, its consents over the last 7 days (one query for the page) and its pages.
 * Administrators create portals from a portal file, archive and restore them.
 */
export function dashboardRoutes(context: ServerContext): void {
  const { admin, consents, consolePages, portals } = context;
  const refusals = consoleRefusals(consolePages);
  admin.page('GET', '/admin/', rules.signedIn, async (c) => {
    const principal = c.get('galetteConsole').principal!;
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const archived = c.req.query('archived') === '1';
    const all = (await portals.list(principal, { archived: archived ? 'only' : 'exclude' })).filter(
      (p) =>
        q === '' ||
        p.id.toLowerCase().includes(q.toLowerCase()) ||
        p.name.toLowerCase().includes(q.toLowerCase()),
    );
    const pages = Math.max(1, Math.ceil(all.length / PORTALS_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const shown = all.slice((page - 1) * PORTALS_PAGE_SIZE, page * PORTALS_PAGE_SIZE);
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const statsVisible = portalsWhere(principal, 'stats.read');
    const counted = shown
      .map((p) => p.id)
      .filter((id) => statsVisible === 'all' || statsVisible.includes(id));
    const [summary, alerts] = await Promise.all([
      consents.log && counted.length > 0
        ? consents.log.summary({
            portals: counted,
            from: day(today - 6 * DAY_MS),
            to: day(today),
          })
        : undefined,
      scanAlerts(
        context.store,
        principal,
        shown.map((p) => p.id),
      ),
    ]);
    const consentsOf = new Map<string, number>();
    for (const r of summary?.revisions ?? []) {
      consentsOf.set(r.portalId, (consentsOf.get(r.portalId) ?? 0) + r.total);
    }
    const summaries: PortalSummary[] = shown.map((p) => ({
      id: p.id,
      name: p.name,
      // From the list's own query: loading 50 revisions (and building their charters) for a
      // number and a date cost the page tens of milliseconds on every cache miss.
      ...(p.publishedRevision !== undefined && p.publishedAt !== undefined
        ? {
            latest: {
              number: p.publishedRevision,
              publishedAt: p.publishedAt,
              ...(p.publishedBy ? { publishedBy: p.publishedBy } : {}),
            },
            ...(p.archivedAt ? {} : { charterHref: charterPath(p.id) }),
          }
        : {}),
      ...(p.archivedAt ? { archivedAt: p.archivedAt } : {}),
      draft: p.hasUnpublishedChanges ? 'differs' : 'same',
      ...(counted.includes(p.id) ? { consentsLast7Days: consentsOf.get(p.id) ?? 0 } : {}),
      ...(alerts.has(p.id) ? { scanAlert: alerts.get(p.id)! } : {}),
    }));
    return renderPage(
      c,
      <DashboardPage
        frame={await pageFrame(c, consolePages)}
        portals={summaries}
        query={{ q, archived }}
        page={page}
        pages={pages}
        total={all.length}
        admin={isAdmin(principal)}
        {...(c.req.query('done') ? { done: c.req.query('done')!.slice(0, 300) } : {})}
      />,
    );
  });

  const meta = (c: Context) => requestMeta(c, consolePages.cookies.trustProxy);
  const back = (c: Context, archived: boolean, done: string) =>
    c.redirect(
      `/admin/?${new URLSearchParams({ ...(archived ? { archived: '1' } : {}), done }).toString()}`,
      303,
    );

  for (const [action, archive] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    admin.page(
      'POST',
      `/admin/portals/:portalId/${action}`,
      rules.global('portals.archive'),
      async (c) => {
        const portalId = c.req.param('portalId');
        const principal = c.get('galetteConsole').principal!;
        const form = await readForm(c, buttonFormShape);
        if (!form.ok) return refusedFormPage(c, consolePages, form.problems);
        try {
          if (archive) await portals.archive(principal, portalId, meta(c));
          else await portals.restore(principal, portalId, meta(c));
        } catch (error) {
          if (error instanceof GaletteError && error.code === 'forbidden') {
            return refusals.page(c, 403, 'forbidden');
          }
          if (error instanceof GaletteError && error.code === 'not_found') {
            return notFoundResponse(c);
          }
          throw error;
        }
        return back(c, archive, `${action}:${portalId}`);
      },
    );
  }

  admin.page('GET', '/admin/portals/new', rules.global('portals.create'), async (c) =>
    renderPage(c, <NewPortalPage frame={await pageFrame(c, consolePages)} file="" />),
  );
  admin.page('POST', '/admin/portals/new', rules.global('portals.create'), async (c) => {
    const principal = c.get('galetteConsole').principal!;
    if (!can(principal, 'portals.create')) return refusals.page(c, 403, 'forbidden');
    const form = await readForm(c, newPortalFormShape);
    if (!form.ok) {
      const problems = problemList(form.problems, c.get('galetteConsole').lang);
      const text = form.values.file ?? '';
      return renderPage(
        c,
        <NewPortalPage frame={await pageFrame(c, consolePages)} file={text} problems={problems} />,
        400,
      );
    }
    const text = form.value.file;
    try {
      const draft = await portals.create(principal, parseJsonText(text), meta(c));
      return back(c, false, `create:${draft.portalId}`);
    } catch (error) {
      const lang = c.get('galetteConsole').lang;
      const problems = formErrorList(error, lang);
      return renderPage(
        c,
        <NewPortalPage frame={await pageFrame(c, consolePages)} file={text} problems={problems} />,
        400,
      );
    }
  });
}

/** Every problem of a refused portal file, with its field path (`declarations[2].category`). */
function formErrorList(error: unknown, lang: string): { path: string; message: string }[] {
  if (error instanceof ValidationError) {
    return error.errors.map((e) => ({ path: e.path, message: localizeFieldError(e, lang) }));
  }
  const { message } = formErrors(error, lang);
  return message ? [{ path: '', message }] : [];
}
