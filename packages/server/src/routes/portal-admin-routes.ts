import {
  can,
  parseShape,
  toPortalFile,
  translate,
  ValidationError,
  type Principal,
} from '@galette/core';
import type { Context, Handler } from 'hono';
import type { BlankEnv } from 'hono/types';
import type { RouteConfig } from '@hono/zod-openapi';
import { serveApiRoute, type ApiRoute, type HonoPathOf } from '../api-routes/api-route.js';
import { PORTAL_API } from '../portals/portal-api.js';
import { requestMeta } from '../admin/console-forms.js';
import { readJsonBody } from '../consent/read-json-body.js';
import type { DraftView } from '../portals/portal-service.js';
import {
  ARCHIVED_FILTERS,
  publishRequestShape,
  restoreRequestShape,
} from '../portals/portal-shapes.js';
import { parseVersionRef, versionFromIfMatch } from '../portals/version-ref.js';
import { answerLanguage, languageHints, queryParam } from '../request-language.js';
import { requestHeader } from '../request-header.js';
import type { RouteModule } from '../server-context.js';

const BASE = '/api/v1/admin/portals';

/**
 * Portal management in the admin API: thin handlers over `PortalService` (which checks rights
 * again, validates and audits), one per route defined in `portals/portal-api.ts` (path, rule,
 * shapes, and so its OpenAPI entry). The route rules let the request reach it; JSON in, JSON out.
 */
export const portalAdminRoutes: RouteModule = (_app, context) => {
  const { admin, portals, consolePages } = context;
  const maxBytes = consolePages.maxApiBodyBytes;
  const meta = (c: Context) => requestMeta(c, consolePages.cookies.trustProxy);
  const who = (c: Context): Principal => c.get('galetteConsole').principal!;
  const serve = <R extends RouteConfig>(
    api: ApiRoute<R>,
    handler: Handler<BlankEnv, HonoPathOf<R['path']>>,
  ) => serveApiRoute(admin, api, handler);
  const body = (c: Context) => readJsonBody(c, maxBytes, answerLanguage(languageHints(c)));
  /** Optional JSON body: empty means `{}`. */
  const optionalBody = async (c: Context): Promise<unknown> => {
    const length = requestHeader(c, 'content-length');
    if (length === '0' || (length === undefined && c.req.raw.body === null)) return {};
    return body(c);
  };

  serve(PORTAL_API.list, async (c) => {
    // serveApiRoute checked it against the route's query shape.
    const archived = (c.req.query('archived') ?? 'exclude') as (typeof ARCHIVED_FILTERS)[number];
    const list = await portals.list(who(c), { archived });
    return noStore(c).json({ portals: list });
  });

  serve(PORTAL_API.create, async (c) => {
    const draft = await portals.create(who(c), await body(c), meta(c));
    c.header('Location', `${BASE}/${draft.portalId}/draft`);
    return draftAnswer(c, draft, 201);
  });

  serve(PORTAL_API.archive, async (c) => {
    await portals.archive(who(c), c.req.param('portalId'), meta(c));
    return noStore(c).json({ portalId: c.req.param('portalId'), archived: true });
  });

  serve(PORTAL_API.restore, async (c) => {
    await portals.restore(who(c), c.req.param('portalId'), meta(c));
    return noStore(c).json({ portalId: c.req.param('portalId'), archived: false });
  });

  serve(PORTAL_API.readDraft, async (c) => {
    const draft = await portals.getDraft(who(c), c.req.param('portalId'));
    if (requestHeader(c, 'if-none-match') === draft.etag) {
      return noStore(c).body(null, 304, { ETag: draft.etag });
    }
    draftHeaders(c, draft);
    return c.json(toPortalFile(draft.content));
  });

  serve(PORTAL_API.saveDraft, async (c) => {
    const ifMatch = requestHeader(c, 'if-match');
    const expectedVersion = ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch);
    const draft = await portals.saveDraft(
      who(c),
      c.req.param('portalId'),
      await body(c),
      expectedVersion === undefined ? {} : { expectedVersion },
      meta(c),
    );
    return draftAnswer(c, draft, 200);
  });

  serve(PORTAL_API.review, async (c) => {
    return noStore(c).json(await portals.reviewPublication(who(c), c.req.param('portalId')));
  });

  serve(PORTAL_API.publish, async (c) => {
    const input = parseShape(publishRequestShape, await body(c));
    const ifMatch = requestHeader(c, 'if-match');
    const fromHeader = ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch);
    const expectedVersion = input.expectedVersion ?? fromHeader;
    const result = await portals.publish(
      who(c),
      c.req.param('portalId'),
      { ...input, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
      meta(c),
    );
    return noStore(c).json(
      {
        published: result.published,
        revision: {
          portalId: result.revision.portalId,
          number: result.revision.number,
          hash: result.revision.hash,
          publishedAt: result.revision.publishedAt,
          ...(result.revision.publishedBy ? { publishedBy: result.revision.publishedBy } : {}),
          ...(result.revision.note ? { note: result.revision.note } : {}),
        },
        acknowledged: result.acknowledged,
        diff: result.diff,
      },
      result.published ? 201 : 200,
    );
  });

  serve(PORTAL_API.revisions, async (c) => {
    const portalId = c.req.param('portalId');
    return noStore(c).json({ portalId, revisions: await portals.revisions(who(c), portalId) });
  });

  serve(PORTAL_API.revision, async (c) => {
    const number = revisionNumber(c.req.param('number'));
    const revision = await portals.revision(who(c), c.req.param('portalId'), number);
    c.header('ETag', `"${revision.hash}"`);
    c.header('Cache-Control', 'private, no-cache');
    return c.json(toPortalFile(revision.content));
  });

  serve(PORTAL_API.restoreRevision, async (c) => {
    const number = revisionNumber(c.req.param('number'));
    const input = parseShape(restoreRequestShape, await optionalBody(c));
    const ifMatch = requestHeader(c, 'if-match');
    const expectedVersion =
      input.expectedVersion ?? (ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch));
    const draft = await portals.restoreRevision(
      who(c),
      c.req.param('portalId'),
      number,
      expectedVersion === undefined ? {} : { expectedVersion },
      meta(c),
    );
    return draftAnswer(c, draft, 200);
  });

  serve(PORTAL_API.diff, async (c) => {
    const portalId = c.req.param('portalId');
    // Viewers may not read the draft: by default they compare the published revision with
    // itself rather than being refused a request they did not spell out.
    const draftByDefault = can(who(c), 'draft.read', portalId) ? 'draft' : 'published';
    const from = parseVersionRef(queryParam(c.req.url, 'from') || 'published', 'from');
    const to = parseVersionRef(queryParam(c.req.url, 'to') || draftByDefault, 'to');
    return noStore(c).json(await portals.diff(who(c), portalId, from, to));
  });

  // Last, so that the access matrix (which calls routes in order) deletes its portal last.
  serve(PORTAL_API.delete, async (c) => {
    await portals.delete(who(c), c.req.param('portalId'), meta(c));
    return noStore(c).body(null, 204);
  });
};

function noStore(c: Context): Context {
  c.header('Cache-Control', 'no-store');
  return c;
}

function draftHeaders(c: Context, draft: DraftView): void {
  noStore(c);
  c.header('ETag', draft.etag);
  c.header('Last-Modified', new Date(draft.savedAt).toUTCString());
}

/** What a write of the draft answers: where it stands now (its content is what was sent). */
function draftAnswer(c: Context, draft: DraftView, status: 200 | 201): Response {
  draftHeaders(c, draft);
  return c.json(
    {
      portalId: draft.portalId,
      version: draft.version,
      etag: draft.etag,
      savedAt: draft.savedAt,
      ...(draft.savedBy === undefined ? {} : { savedBy: draft.savedBy }),
      ...(draft.archivedAt === undefined ? {} : { archivedAt: draft.archivedAt }),
    },
    status,
  );
}

function revisionNumber(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new ValidationError([
      { path: 'number', message: translate('en', 'portals.error.badRevisionRef', { value }) },
    ]);
  }
  return Number(value);
}
