import {
  CONSENT_EXPORT_FORMATS,
  NotFoundError,
  ValidationError,
  actorOf,
  fieldError,
  localizeFieldError,
  translate,
  type ConsentExportFormat,
  type FieldError,
} from '@galette/core';
import type { Context } from 'hono';
import type { AccountServices } from '../../accounts/index.js';
import { receiptRecord } from '../../consent/receipt.js';
import { notFoundResponse } from '../../not-found-response.js';
import {
  consentHistory,
  exportStream,
  parseConsentId,
  parseExportRange,
  verifyProofs,
  type ProofDeps,
} from '../../proofs/proof-service.js';
import { respondWith } from '../../representation.js';
import { requestHeader } from '../../request-header.js';
import { answerLanguage, languageHints } from '../../request-language.js';
import type { ServerContext } from '../../server-context.js';
import { requestMeta } from '../console-forms.js';
import { portalHeading } from '../portal-heading.js';
import { pageFrame, renderPage } from '../console-page.js';
import { ProofsPage, type ProofsPageProps } from '../pages/proofs-page.js';
import { rules } from '../route-rule.js';
import { serveApiRoute } from '../../api-routes/api-route.js';
import { PROOFS_API } from '../../proofs/proofs-api.js';

const MIME: Record<ConsentExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
};

/**
 * Consent proofs, for anyone who may read a portal's proofs (viewers included): look up a consent
 * id's history, export a period (streamed, the format of `galette export-consents`, each export
 * in the audit log), verify the portal's chain; as console pages and as admin API routes. Also
 * the charter of any published revision, which a proof links to.
 */
export function proofRoutes(context: ServerContext, accounts: AccountServices): void {
  const { admin, store, consents, consolePages, charters } = context;
  const deps: ProofDeps = { log: consents.log, store };
  const read = rules.portal('proofs.read');

  /** The portal's name, or undefined when it is unknown and holds no proofs either. */
  const portalOf = async (id: string) => {
    const portal = await portalHeading(context, id);
    if (portal) return portal;
    return (await consents.log?.chain(id)) ? { id, name: id } : undefined;
  };
  const errorsOf = (c: Context, error: ValidationError) =>
    Object.fromEntries(
      error.errors.map((e) => [e.path, localizeFieldError(e, c.get('galetteConsole').lang)]),
    );

  const page = async (c: Context, props: Omit<ProofsPageProps, 'frame'>, status: 200 | 400) =>
    renderPage(c, <ProofsPage frame={await pageFrame(c, consolePages)} {...props} />, status);

  admin.page('GET', '/admin/portals/:portalId/proofs', read, async (c) => {
    const portal = await portalOf(c.req.param('portalId'));
    if (!portal) return notFoundResponse(c);
    const typed = c.req.query('consentId');
    if (typed === undefined) return page(c, { portal }, 200);
    const shown = typed.slice(0, 100);
    try {
      const { records } = await consentHistory(deps, portal.id, parseConsentId(typed));
      return page(c, { portal, consentId: shown, history: records }, 200);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(c, { portal, consentId: shown, errors: errorsOf(c, error) }, 400);
    }
  });

  admin.page('GET', '/admin/portals/:portalId/proofs/verify', read, async (c) => {
    const portal = await portalOf(c.req.param('portalId'));
    if (!portal || !consents.log) return notFoundResponse(c);
    return page(c, { portal, verification: await verifyProofs(consents.log, portal.id) }, 200);
  });

  /** Shared by the page and the API: checks, audit entry, then the stream. */
  const exportAnswer = async (c: Context, portalId: string) => {
    const format = (c.req.query('format') ?? 'jsonl') as ConsentExportFormat;
    const errors: FieldError[] = [];
    if (!CONSENT_EXPORT_FORMATS.includes(format)) {
      errors.push(
        fieldError('format', 'not_one_of', {
          value: format.slice(0, 20),
          allowed: CONSENT_EXPORT_FORMATS.join(', '),
        }),
      );
    }
    let range: ReturnType<typeof parseExportRange> = { days: {} };
    try {
      range = parseExportRange(c.req.query('from'), c.req.query('to'));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.errors);
    }
    if (errors.length > 0) throw new ValidationError(errors, 'invalid export');
    const principal = c.get('galetteConsole').principal!;
    await accounts.audit.record(
      {
        actor: actorOf(principal),
        portalId,
        action: 'proofs.export',
        outcome: 'success',
        changes: { format, ...range.days },
      },
      requestMeta(c, consolePages.cookies.trustProxy),
    );
    const name = `${portalId}-consents${range.days.from ? `-${range.days.from}` : ''}${
      range.days.to ? `-${range.days.to}` : ''
    }.${format}`;
    return new Response(exportStream(consents.log!, portalId, { ...range }, format), {
      headers: {
        'Content-Type': MIME[format],
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };

  admin.page('GET', '/admin/portals/:portalId/proofs/export', read, async (c) => {
    const portal = await portalOf(c.req.param('portalId'));
    if (!portal || !consents.log) return notFoundResponse(c);
    try {
      return await exportAnswer(c, portal.id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const days = { from: c.req.query('from')?.slice(0, 20), to: c.req.query('to')?.slice(0, 20) };
      return page(
        c,
        {
          portal,
          errors: errorsOf(c, error),
          exportDays: {
            ...(days.from ? { from: days.from } : {}),
            ...(days.to ? { to: days.to } : {}),
          },
        },
        400,
      );
    }
  });

  admin.page(
    'GET',
    '/admin/portals/:portalId/revisions/:number/charter',
    rules.portal('revisions.read'),
    async (c) => {
      const portalId = c.req.param('portalId');
      const number = Number(c.req.param('number'));
      const summary = (await store.listRevisions(portalId)).find((r) => r.number === number);
      const revision = summary && (await store.getRevision(portalId, summary.hash));
      if (!revision) return notFoundResponse(c);
      const lang = answerLanguage(languageHints(c), revision.content);
      const response = respondWith(
        charters.get(revision, lang, 'html'),
        requestHeader(c, 'accept-encoding'),
        requestHeader(c, 'if-none-match'),
      );
      // An old revision's page is not the portal's current charter: keep it out of caches.
      response.headers.set('Cache-Control', 'no-store');
      response.headers.set('X-Robots-Tag', 'noindex');
      return response;
    },
  );

  // Admin API: the same, as JSON and streams.
  const apiPortal = async (c: Context, id: string) => {
    const portal = await portalOf(id);
    if (!portal) {
      const lang = answerLanguage(languageHints(c));
      throw new NotFoundError(translate(lang, 'server.error.portalNotFound', { portalId: id }));
    }
    return portal;
  };

  serveApiRoute(admin, PROOFS_API.history, async (c) => {
    c.header('Cache-Control', 'no-store');
    const portal = await apiPortal(c, c.req.param('portalId'));
    const consentId = parseConsentId(c.req.param('consentId'));
    const { records } = await consentHistory(deps, portal.id, consentId);
    if (records.length === 0) {
      const lang = answerLanguage(languageHints(c));
      throw new NotFoundError(translate(lang, 'consent.error.receiptNotFound'));
    }
    return c.json({
      portalId: portal.id,
      consentId,
      records: records.map((r) => ({
        ...receiptRecord(r),
        ...(r.revisionNumber === undefined ? {} : { revisionNumber: r.revisionNumber }),
      })),
    });
  });

  serveApiRoute(admin, PROOFS_API.export, async (c) => {
    const portal = await apiPortal(c, c.req.param('portalId'));
    if (!consents.log) throw new NotFoundError('no consent log on this store');
    return exportAnswer(c, portal.id);
  });

  serveApiRoute(admin, PROOFS_API.verify, async (c) => {
    c.header('Cache-Control', 'no-store');
    const portal = await apiPortal(c, c.req.param('portalId'));
    if (!consents.log) throw new NotFoundError('no consent log on this store');
    return c.json(await verifyProofs(consents.log, portal.id));
  });
}
