import { GaletteError, LocalizedError, translate } from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import type { ServerContext } from '../../server-context.js';
import { problemList, readForm, requestMeta } from '../console-forms.js';
import { consoleRefusals, pageFrame, renderPage } from '../console-page.js';
import { PublishPage, type PublishPageProps } from '../pages/publish-page.js';
import { rules } from '../route-rule.js';
import { publishFormShape } from './portal-form-shapes.js';

/**
 * `GET/POST /admin/portals/{portalId}/publish`: the review (findings, diff, warnings to
 * acknowledge, note) and the publication, both through the portal service.
 */
export function publishRoutes(context: ServerContext): void {
  const { admin, store, portals, consolePages } = context;
  const refusals = consoleRefusals(consolePages);
  const rule = rules.portal('revision.publish');

  const render = async (
    c: Context,
    portalId: string,
    extra: Pick<PublishPageProps, 'refusal' | 'sent'> = {},
    status: 200 | 400 | 409 | 422 = 200,
  ): Promise<Response> => {
    const principal = c.get('galetteConsole').principal!;
    const portal = await store.getPortal(portalId);
    if (!portal) return notFoundResponse(c);
    const review = await portals.reviewPublication(principal, portalId);
    return renderPage(
      c,
      <PublishPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id: portalId, name: portal.name }}
        review={review}
        {...extra}
      />,
      status,
    );
  };
  const refused = (c: Context, error: unknown): Response => {
    if (error instanceof GaletteError && error.code === 'forbidden') {
      return refusals.page(c, 403, 'forbidden');
    }
    if (error instanceof GaletteError && error.code === 'not_found') return notFoundResponse(c);
    throw error;
  };

  admin.page('GET', '/admin/portals/:portalId/publish', rule, async (c) => {
    try {
      return await render(c, c.req.param('portalId'));
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/publish', rule, async (c) => {
    const portalId = c.req.param('portalId');
    const lang = c.get('galetteConsole').lang;
    const form = await readForm(c, publishFormShape);
    if (!form.ok) {
      // Nothing published: what was refused, each naming its field, and the form as sent.
      const refusal = problemList(form.problems, lang)
        .map((p) => translate(lang, 'validation.format.field', p))
        .join(' ');
      const sent = { note: form.values.note ?? '', acknowledged: form.sent.acknowledge ?? [] };
      try {
        return await render(c, portalId, { refusal, sent }, 400);
      } catch (error) {
        return refused(c, error);
      }
    }
    const { acknowledge: acknowledged, note, draftVersion: version } = form.value;
    try {
      const result = await portals.publish(
        c.get('galetteConsole').principal!,
        portalId,
        {
          acknowledge: acknowledged,
          ...(note.trim() ? { note } : {}),
          ...(version === undefined ? {} : { expectedVersion: version }),
        },
        requestMeta(c, consolePages.cookies.trustProxy),
      );
      return c.redirect(
        `/admin/portals/${encodeURIComponent(portalId)}/revisions?published=${result.revision.number}`,
        303,
      );
    } catch (error) {
      if (
        error instanceof LocalizedError &&
        (error.code === 'unprocessable' || error.code === 'conflict')
      ) {
        try {
          return await render(
            c,
            portalId,
            { refusal: error.localize(lang), sent: { note, acknowledged } },
            error.code === 'conflict' ? 409 : 422,
          );
        } catch (again) {
          return refused(c, again);
        }
      }
      return refused(c, error);
    }
  });
}
