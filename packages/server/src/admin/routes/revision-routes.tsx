import { GaletteError, LocalizedError, can, type Principal } from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import { parseVersionRef, type VersionRef } from '../../portals/version-ref.js';
import type { ServerContext } from '../../server-context.js';
import { buttonFormShape, readForm, requestMeta } from '../console-forms.js';
import { consoleRefusals, pageFrame, refusedFormPage, renderPage } from '../console-page.js';
import { DiffPage, RevisionsPage } from '../pages/revisions-page.js';
import { rules } from '../route-rule.js';
import { ownOrigin } from '../../consent/client-address.js';
import { charterEmbedPaths } from '../../routes/charter-embed-routes.js';

/**
 * A portal's revision history (with restore into the draft) and the diff page between any two
 * versions. Both call the portal service, which checks rights itself: a viewer reads revisions
 * and their diffs, the draft's needs `draft.read`, restoring needs `draft.edit`.
 */
export function revisionRoutes(context: ServerContext): void {
  const { admin, store, portals, consolePages } = context;
  const embedAddresses = (c: Context, portalId: string) => {
    const origin = context.publicOrigin ?? ownOrigin(c, consolePages.cookies.trustProxy);
    const paths = charterEmbedPaths(portalId);
    return { iframe: `${origin}${paths.embed}`, fragment: `${origin}${paths.fragment}` };
  };
  const refusals = consoleRefusals(consolePages);

  /** A service refusal as the page it means; anything else goes on to the error handler. */
  const refusal = (c: Context, error: unknown): Response => {
    if (error instanceof GaletteError && error.code === 'forbidden') {
      return refusals.page(c, 403, 'forbidden');
    }
    if (error instanceof GaletteError && error.code === 'not_found') return notFoundResponse(c);
    throw error;
  };
  const principalOf = (c: Context): Principal => c.get('galetteConsole').principal!;
  const portalOf = async (id: string) => {
    const portal = await store.getPortal(id);
    return portal && { id, name: portal.name };
  };

  admin.page(
    'GET',
    '/admin/portals/:portalId/revisions',
    rules.portal('revisions.read'),
    async (c) => {
      const portal = await portalOf(c.req.param('portalId'));
      if (!portal) return notFoundResponse(c);
      try {
        const revisions = await portals.revisions(principalOf(c), portal.id);
        const restored = Number(c.req.query('restored'));
        const published = Number(c.req.query('published'));
        return renderPage(
          c,
          <RevisionsPage
            frame={await pageFrame(c, consolePages)}
            portal={portal}
            revisions={revisions}
            canRestore={can(principalOf(c), 'draft.edit', portal.id)}
            {...(Number.isInteger(restored) && restored > 0 ? { restored } : {})}
            {...(Number.isInteger(published) && published > 0 ? { published } : {})}
            embed={embedAddresses(c, portal.id)}
          />,
        );
      } catch (error) {
        return refusal(c, error);
      }
    },
  );

  admin.page(
    'POST',
    '/admin/portals/:portalId/revisions/:number/restore',
    rules.portal('draft.edit'),
    async (c) => {
      const portalId = c.req.param('portalId');
      const number = Number(c.req.param('number'));
      if (!Number.isInteger(number) || number < 1) return notFoundResponse(c);
      const form = await readForm(c, buttonFormShape);
      if (!form.ok) return refusedFormPage(c, consolePages, form.problems);
      try {
        await portals.restoreRevision(
          principalOf(c),
          portalId,
          number,
          {},
          requestMeta(c, consolePages.cookies.trustProxy),
        );
      } catch (error) {
        if (error instanceof LocalizedError && error.code === 'conflict') {
          // An archived portal: say so on the history page rather than as an error page.
          return c.redirect(`/admin/portals/${encodeURIComponent(portalId)}/revisions`, 303);
        }
        return refusal(c, error);
      }
      return c.redirect(
        `/admin/portals/${encodeURIComponent(portalId)}/revisions?restored=${number}`,
        303,
      );
    },
  );

  admin.page('GET', '/admin/portals/:portalId/diff', rules.portal('revisions.read'), async (c) => {
    const portal = await portalOf(c.req.param('portalId'));
    if (!portal) return notFoundResponse(c);
    const principal = principalOf(c);
    try {
      const list = await portals.revisions(principal, portal.id);
      const readsDraft = can(principal, 'draft.read', portal.id);
      const ref = (name: string, fallback: VersionRef): VersionRef => {
        const value = c.req.query(name);
        return value ? parseVersionRef(value.slice(0, 20), name) : fallback;
      };
      const latest = list[0]?.number;
      const defaults: [VersionRef, VersionRef] = readsDraft
        ? ['published', 'draft']
        : latest && latest > 1
          ? [latest - 1, latest]
          : ['published', 'published'];
      const diff = await portals.diff(
        principal,
        portal.id,
        ref('from', defaults[0]),
        ref('to', defaults[1]),
      );
      const choices = [
        ...(readsDraft ? ['draft'] : []),
        ...(latest ? ['published'] : []),
        ...list.map((r) => String(r.number)),
      ];
      return renderPage(
        c,
        <DiffPage
          frame={await pageFrame(c, consolePages)}
          portal={portal}
          diff={diff}
          choices={choices}
        />,
      );
    } catch (error) {
      return refusal(c, error);
    }
  });
}
