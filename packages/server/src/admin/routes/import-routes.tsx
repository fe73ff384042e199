import {
  GaletteError,
  LocalizedError,
  ValidationError,
  can,
  localizeFieldError,
  parseJsonText,
} from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import { parseVersionRef } from '../../portals/version-ref.js';
import type { ServerContext } from '../../server-context.js';
import { formErrors, problemList, readForm, requestMeta } from '../console-forms.js';
import { versionOf } from '../editor/editor-form-shapes.js';
import { draftConflictOf } from '../editor/save-section.js';
import { consoleRefusals, pageFrame, renderPage } from '../console-page.js';
import { ImportPage, type ImportPageProps } from '../pages/import-page.js';
import { rules } from '../route-rule.js';
import { importFormShape } from './portal-form-shapes.js';

/**
 * `GET /admin/portals/{portalId}/export?version=draft|published|N`: a version as a portal file;
 * `GET/POST …/import`: a portal file into the draft, with optimistic concurrency (the draft
 * version shown travels with the form; a save made since is a conflict page that keeps the file).
 */
export function importRoutes(context: ServerContext): void {
  const { admin, portals, store, consolePages } = context;
  const refusals = consoleRefusals(consolePages);
  const refused = (c: Context, error: unknown): Response => {
    if (error instanceof GaletteError && error.code === 'forbidden') {
      return refusals.page(c, 403, 'forbidden');
    }
    if (error instanceof GaletteError && error.code === 'not_found') return notFoundResponse(c);
    throw error;
  };
  const render = async (
    c: Context,
    props: Omit<ImportPageProps, 'frame' | 'portal'>,
    status: 200 | 400 | 409 = 200,
  ) => {
    const id = c.req.param('portalId')!;
    const portal = await store.getPortal(id);
    if (!portal) return notFoundResponse(c);
    return renderPage(
      c,
      <ImportPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id, name: portal.name }}
        {...props}
      />,
      status,
    );
  };

  admin.page(
    'GET',
    '/admin/portals/:portalId/export',
    rules.portal('revisions.read'),
    async (c) => {
      const portalId = c.req.param('portalId');
      try {
        const principal = c.get('galetteConsole').principal!;
        // The draft for those who may read it, else what is published.
        const fallback = can(principal, 'draft.read', portalId) ? 'draft' : 'published';
        const ref = parseVersionRef((c.req.query('version') ?? fallback).slice(0, 20), 'version');
        const file = await portals.exportFile(principal, portalId, ref);
        c.header('Cache-Control', 'no-store');
        c.header('Content-Disposition', `attachment; filename="${portalId}-${String(ref)}.json"`);
        return c.json(file);
      } catch (error) {
        if (error instanceof LocalizedError && error.code === 'invalid_input') {
          return c.json(
            {
              error: {
                code: 'invalid_input',
                message: error.localize(c.get('galetteConsole').lang),
              },
            },
            400,
          );
        }
        return refused(c, error);
      }
    },
  );

  admin.page('GET', '/admin/portals/:portalId/import', rules.portal('draft.edit'), async (c) => {
    try {
      const draft = await portals.getDraft(
        c.get('galetteConsole').principal!,
        c.req.param('portalId'),
      );
      return await render(c, { version: draft.version, file: '' });
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/import', rules.portal('draft.edit'), async (c) => {
    const portalId = c.req.param('portalId');
    const principal = c.get('galetteConsole').principal!;
    const lang = c.get('galetteConsole').lang;
    const form = await readForm(c, importFormShape);
    if (!form.ok) {
      const problems = problemList(form.problems, lang);
      return render(
        c,
        { version: versionOf(form.values) ?? 0, file: form.values.file ?? '', problems },
        400,
      );
    }
    const { file, version: expected } = form.value;
    try {
      await portals.importDraft(
        principal,
        portalId,
        parseJsonText(file),
        expected === undefined ? {} : { expectedVersion: expected },
        requestMeta(c, consolePages.cookies.trustProxy),
      );
      return c.redirect(
        `/admin/portals/${encodeURIComponent(portalId)}/diff?from=published&to=draft`,
        303,
      );
    } catch (error) {
      const conflict = draftConflictOf(error, lang);
      if (conflict) {
        // Sending again overwrites the version just seen, knowingly.
        return render(c, { version: conflict.currentVersion, file, conflict }, 409);
      }
      if (error instanceof ValidationError) {
        const problems = error.errors.map((e) => ({
          path: e.path,
          message: localizeFieldError(e, lang),
        }));
        return render(c, { version: expected ?? 0, file, problems }, 400);
      }
      if (error instanceof LocalizedError && error.code === 'invalid_input') {
        const { message } = formErrors(error, lang);
        return render(
          c,
          { version: expected ?? 0, file, problems: [{ path: '', message: message ?? '' }] },
          400,
        );
      }
      return refused(c, error);
    }
  });
}
