import { GaletteError, toPortalFile } from '@galette/core';
import type { PortalFile, Principal } from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import type { ServerContext } from '../../server-context.js';
import { requestMeta } from '../console-forms.js';
import { consoleRefusals } from '../console-page.js';
import { saveSection, type SaveOutcome } from './save-section.js';

/**
 * What every route of the draft editor needs, once: who asks, in which language, the draft as a
 * portal file, a section's save (`saveSection` with the version the form was shown with), and
 * the refusal pages for errors that are not the operator's (forbidden, not found).
 */
export function editorRouteKit(context: ServerContext) {
  const { portals, consolePages } = context;
  const refusals = consoleRefusals(consolePages);
  const principalOf = (c: Context): Principal => c.get('galetteConsole').principal!;
  const langOf = (c: Context): string => c.get('galetteConsole').lang;
  return {
    principalOf,
    langOf,
    /** A refusal page for a forbidden or unknown portal; anything else is thrown again. */
    refused(c: Context, error: unknown): Response {
      if (error instanceof GaletteError && error.code === 'forbidden') {
        return refusals.page(c, 403, 'forbidden');
      }
      if (error instanceof GaletteError && error.code === 'not_found') return notFoundResponse(c);
      throw error;
    },
    async draftOf(c: Context, portalId: string) {
      const draft = await portals.getDraft(principalOf(c), portalId);
      return { draft, version: draft.version, file: toPortalFile(draft.content) };
    },
    save(
      c: Context,
      portalId: string,
      /** The draft version the form was shown with, as its shape read it. */
      version: number | undefined,
      apply: (file: PortalFile) => PortalFile,
    ): Promise<SaveOutcome> {
      return saveSection(
        portals,
        principalOf(c),
        portalId,
        version,
        apply,
        langOf(c),
        requestMeta(c, consolePages.cookies.trustProxy),
      );
    },
  };
}
