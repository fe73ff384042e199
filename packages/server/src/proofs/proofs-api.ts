import { shapeError } from '@galette/core';
import { z } from '@hono/zod-openapi';
import { rules } from '../admin/route-rule.js';
import { adminApiRoute, componentRef, errorAnswer } from '../api-routes/api-route.js';

/**
 * The admin proof routes, each defined once (path, parameters, answers, rule):
 * `admin/routes/proof-routes.tsx` serves them, `openapi.ts` documents them.
 */
const count = z.number().int().min(0);

export const consentHistoryShape = z
  .object({
    portalId: z.string(),
    consentId: z.string(),
    records: z
      .array(
        z.intersection(
          // The record as on the receipt (the public API's component).
          z.unknown().openapi(componentRef('ConsentRecord')),
          z.object({ revisionNumber: z.number().int().min(1).optional() }),
        ),
      )
      .meta({
        description:
          'Oldest first; each record as on the receipt, with the number of the revision it referred to when that revision is known.',
      }),
  })
  .openapi('ConsentHistory');

export const proofVerificationShape = z
  .object({
    portalId: z.string(),
    hasChain: z.boolean().meta({ description: 'False when the portal has no proof at all.' }),
    ok: z.boolean(),
    checked: count,
    verifiedUpTo: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
    firstBreak: z
      .object({
        reason: z.enum(['edited', 'removed', 'inserted']),
        seq: z.number().int(),
        lastSeq: z.number().int().optional(),
        eventId: z.string().optional(),
      })
      .optional(),
    firstBrokenRecord: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'The first record the verification refused, when it is still there.' }),
  })
  .openapi('ProofVerification');

const portalId = z.string().meta({ description: 'The portal host name.' });
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const read = rules.portal('proofs.read');
const MAY_NOT_READ = errorAnswer(
  'The token or user may not read this portal’s proofs (whether it exists or not).',
);
const UNKNOWN_PORTAL = errorAnswer('Unknown portal (administrators only; others get 403).');

export const PROOFS_API = {
  history: adminApiRoute(read, {
    method: 'get',
    path: '/api/v1/admin/portals/{portalId}/consents/{consentId}',
    summary: 'A consent id’s whole history, with the revision each choice referred to',
    request: {
      params: z.object({
        portalId,
        consentId: z
          .string()
          .meta({ description: 'The consent id the visitor reads on the receipt.' }),
      }),
    },
    responses: {
      200: json(consentHistoryShape, 'The history, oldest first.'),
      400: errorAnswer('Not a consent id (field consentId).'),
      403: MAY_NOT_READ,
      404: errorAnswer('Nothing recorded under this id, or unknown portal.'),
    },
  }),
  export: adminApiRoute(read, {
    method: 'get',
    path: '/api/v1/admin/portals/{portalId}/proofs/export',
    summary: 'Export a period of proofs, streamed (the format of galette export-consents)',
    description: 'Each export is written to the audit log (action proofs.export).',
    request: {
      params: z.object({ portalId }),
      query: z.object({
        format: z
          .enum(['jsonl', 'csv'])
          .optional()
          .meta({ description: 'jsonl (default) or csv.' }),
        from: z.iso
          .date(shapeError('not_a_day'))
          .optional()
          .meta({ description: 'First day (UTC), inclusive; default the chain’s start.' }),
        to: z.iso
          .date(shapeError('not_a_day'))
          .optional()
          .meta({ description: 'Last day (UTC), inclusive; default its end.' }),
      }),
    },
    responses: {
      200: {
        description: 'One record per line, in chain order.',
        content: {
          'application/jsonl': { schema: z.string() },
          'text/csv': { schema: z.string() },
        },
      },
      400: errorAnswer('Bad format or day (the field is named).'),
      403: MAY_NOT_READ,
      404: UNKNOWN_PORTAL,
    },
  }),
  verify: adminApiRoute(read, {
    method: 'get',
    path: '/api/v1/admin/portals/{portalId}/proofs/verify',
    summary: 'Verify the portal’s proof chain (galette audit verify), with the first broken record',
    request: { params: z.object({ portalId }) },
    responses: {
      200: json(proofVerificationShape, 'The verdict.'),
      403: MAY_NOT_READ,
      404: UNKNOWN_PORTAL,
    },
  }),
};
