import { z } from '@hono/zod-openapi';
import { rules } from '../admin/route-rule.js';
import { adminApiRoute, componentRef, errorAnswer } from '../api-routes/api-route.js';
import {
  archiveStateShape,
  draftInfoShape,
  portalListShape,
  publicationResultShape,
  publicationReviewShape,
  revisionListShape,
  versionDiffShape,
} from './portal-answer-shapes.js';
import { ARCHIVED_FILTERS, publishRequestShape, restoreRequestShape } from './portal-shapes.js';

/**
 * The portal management routes of the admin API, each defined once (path, parameters, body,
 * answers, rule): `routes/portal-admin-routes.ts` serves them, `openapi.ts` documents them.
 */
const BASE = '/api/v1/admin/portals';
const PORTAL = `${BASE}/{portalId}`;

const portalId = z.string().meta({ description: 'The portal host name, e.g. opendata.paris.fr.' });
const portalParams = z.object({ portalId });
const revisionParams = z.object({
  portalId,
  number: z.string().meta({ description: 'Revision number, 1 for the first.' }),
});
const ifMatch = z.object({
  'If-Match': z.string().optional().meta({
    description:
      'The draft ETag ("draft-3") the change was made on; 409 when the draft moved since.',
  }),
});
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const portalFile = (description: string) => ({
  description,
  content: { 'application/json': { schema: componentRef('PortalFile') } },
});
const DRAFT_HEADERS = z.object({ ETag: z.string() });
const NOT_FOUND = errorAnswer('Unknown portal (administrators only; others get 403), or revision.');
const TOO_LARGE = errorAnswer('Body over the admin API limit (2 MiB by default).');
const NOT_JSON = errorAnswer('Content-Type other than application/json.');

export const PORTAL_API = {
  list: adminApiRoute(rules.signedIn, {
    method: 'get',
    path: BASE,
    summary: 'Portals the caller may view',
    request: {
      query: z.object({
        archived: z
          .enum(ARCHIVED_FILTERS)
          .optional()
          .meta({ description: 'exclude (default), include or only.' }),
      }),
    },
    responses: {
      200: json(portalListShape, 'Ordered by id.'),
      400: errorAnswer('Bad archived value.'),
    },
  }),
  create: adminApiRoute(rules.global('portals.create'), {
    method: 'post',
    path: BASE,
    summary: 'Create a portal from a portal file (draft version 1, nothing published)',
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: componentRef('PortalFile') } },
      },
    },
    responses: {
      201: { ...json(draftInfoShape, 'Created.'), headers: DRAFT_HEADERS },
      400: errorAnswer('The portal file is invalid: every field named (fields[].path).'),
      409: errorAnswer('A portal with this id exists (possibly archived).'),
      413: TOO_LARGE,
      415: NOT_JSON,
    },
  }),
  archive: adminApiRoute(rules.global('portals.archive'), {
    method: 'post',
    path: `${PORTAL}/archive`,
    summary: 'Archive a portal: its public pages answer 410, its proofs stay verifiable',
    request: { params: portalParams },
    responses: { 200: json(archiveStateShape, 'Archived (or already was).'), 404: NOT_FOUND },
  }),
  restore: adminApiRoute(rules.global('portals.archive'), {
    method: 'post',
    path: `${PORTAL}/restore`,
    summary: 'Bring an archived portal back',
    request: { params: portalParams },
    responses: { 200: json(archiveStateShape, 'Active (or already was).'), 404: NOT_FOUND },
  }),
  readDraft: adminApiRoute(rules.portal('draft.read'), {
    method: 'get',
    path: `${PORTAL}/draft`,
    summary: 'The draft as a portal file',
    request: { params: portalParams },
    responses: {
      200: { ...portalFile('The draft; ETag "draft-<version>".'), headers: DRAFT_HEADERS },
      304: { description: 'If-None-Match names the current version.' },
      404: NOT_FOUND,
    },
  }),
  saveDraft: adminApiRoute(rules.portal('draft.edit'), {
    method: 'put',
    path: `${PORTAL}/draft`,
    summary: 'Replace the draft (validated as a portal file); If-Match for optimistic concurrency',
    request: {
      params: portalParams,
      headers: ifMatch,
      body: {
        required: true,
        content: { 'application/json': { schema: componentRef('PortalFile') } },
      },
    },
    responses: {
      200: { ...json(draftInfoShape, 'Saved; the new ETag.'), headers: DRAFT_HEADERS },
      400: errorAnswer('Invalid portal file, id other than the portal’s, or bad If-Match.'),
      404: NOT_FOUND,
      409: errorAnswer(
        'The draft was saved since the If-Match version (details: currentVersion, etag, savedBy, savedAt, diff: what the save would change in the draft as saved now, from it to what was sent), or the portal is archived. Nothing was written.',
      ),
      413: TOO_LARGE,
      415: NOT_JSON,
    },
  }),
  review: adminApiRoute(rules.portal('revision.publish'), {
    method: 'get',
    path: `${PORTAL}/publish`,
    summary:
      'What publishing the draft would do: compliance findings, warnings to acknowledge, diff',
    request: { params: portalParams },
    responses: { 200: json(publicationReviewShape, 'The review.'), 404: NOT_FOUND },
  }),
  publish: adminApiRoute(rules.portal('revision.publish'), {
    method: 'post',
    path: `${PORTAL}/publish`,
    summary: 'Publish the draft through the compliance gate',
    request: {
      params: portalParams,
      headers: ifMatch,
      body: {
        required: true,
        content: { 'application/json': { schema: publishRequestShape.openapi('PublishRequest') } },
      },
    },
    responses: {
      201: json(publicationResultShape, 'Published as a new revision.'),
      200: json(publicationResultShape, 'The draft already was the latest revision.'),
      400: errorAnswer('A field is invalid (unknown fields refused).'),
      404: NOT_FOUND,
      409: errorAnswer('The draft moved since the version reviewed, or the portal is archived.'),
      422: errorAnswer(
        'Refused by the gate: details.reason blocked (details.findings: error findings) or unacknowledged (details.unacknowledged).',
      ),
      413: TOO_LARGE,
      415: NOT_JSON,
    },
  }),
  revisions: adminApiRoute(rules.portal('revisions.read'), {
    method: 'get',
    path: `${PORTAL}/revisions`,
    summary: 'Revision history: number, date, author, note, hash, counts',
    request: { params: portalParams },
    responses: { 200: json(revisionListShape, 'Newest first.'), 404: NOT_FOUND },
  }),
  revision: adminApiRoute(rules.portal('revisions.read'), {
    method: 'get',
    path: `${PORTAL}/revisions/{number}`,
    summary: 'A published revision as a portal file',
    request: { params: revisionParams },
    responses: {
      200: portalFile('The revision; ETag its hash.'),
      400: errorAnswer('Not a revision number.'),
      404: NOT_FOUND,
    },
  }),
  restoreRevision: adminApiRoute(rules.portal('draft.edit'), {
    method: 'post',
    path: `${PORTAL}/revisions/{number}/restore`,
    summary: 'Copy a revision into the draft',
    request: {
      params: revisionParams,
      headers: ifMatch,
      body: {
        required: false,
        content: { 'application/json': { schema: restoreRequestShape.openapi('RestoreRequest') } },
      },
    },
    responses: {
      200: { ...json(draftInfoShape, 'The draft now holds the revision.'), headers: DRAFT_HEADERS },
      400: errorAnswer('Not a revision number, or a bad field.'),
      404: NOT_FOUND,
      409: errorAnswer('The draft moved since the version given, or the portal is archived.'),
      413: TOO_LARGE,
      415: NOT_JSON,
    },
  }),
  diff: adminApiRoute(rules.portal('revisions.read'), {
    method: 'get',
    path: `${PORTAL}/diff`,
    summary: 'Diff between two versions: draft, published or a revision number',
    description:
      'Reading the draft also needs draft.read (editors, admins). Declarations are matched by storage, domain and name.',
    request: {
      params: portalParams,
      query: z.object({
        from: z
          .string()
          .optional()
          .meta({ description: 'draft, published (default) or a revision number.' }),
        to: z.string().optional().meta({
          description:
            'draft (default; published for callers who may not read the draft), published or a revision number.',
        }),
      }),
    },
    responses: {
      200: json(versionDiffShape, 'The diff, visitor impact first.'),
      400: errorAnswer('from or to names no version.'),
      404: NOT_FOUND,
    },
  }),
  // Last, so that the access matrix (which calls routes in order) deletes its portal last.
  delete: adminApiRoute(rules.global('portals.delete'), {
    method: 'delete',
    path: PORTAL,
    summary: 'Delete a portal that holds no consent proof (archive it otherwise)',
    request: { params: portalParams },
    responses: {
      204: { description: 'Deleted.' },
      404: NOT_FOUND,
      409: errorAnswer('It holds consent proofs.'),
    },
  }),
};
