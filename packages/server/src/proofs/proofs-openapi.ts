/** The admin proof routes' entries in `/api/openapi.json` (merged by `openapi.ts`). */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const day = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', format: 'date' },
});
const PORTAL = path('portalId', 'The portal host name.');
const SECURITY = [{ apiToken: [] }, { session: [] }];
const PERMISSION = 'proofs.read@{portalId}';
const REFUSALS = {
  401: error('No valid API token or session.'),
  403: error('The token or user may not read this portal’s proofs (whether it exists or not).'),
  429: error('Too many wrong tokens from this client (10, then one per 10 s); see Retry-After.'),
  503: error('The database does not answer; retry.'),
};

export const PROOFS_SCHEMAS: Record<string, Schema> = {
  ConsentHistory: {
    type: 'object',
    required: ['portalId', 'consentId', 'records'],
    properties: {
      portalId: { type: 'string' },
      consentId: { type: 'string' },
      records: {
        type: 'array',
        description:
          'Oldest first; each record as on the receipt, with the number of the revision it referred to when that revision is known.',
        items: {
          allOf: [
            ref('ConsentRecord'),
            {
              type: 'object',
              properties: { revisionNumber: { type: 'integer', minimum: 1 } },
            },
          ],
        },
      },
    },
  },
  ProofVerification: {
    type: 'object',
    required: ['portalId', 'ok', 'checked', 'hasChain'],
    properties: {
      portalId: { type: 'string' },
      hasChain: { type: 'boolean', description: 'False when the portal has no proof at all.' },
      ok: { type: 'boolean' },
      checked: { type: 'integer', minimum: 0 },
      verifiedUpTo: {
        type: 'object',
        required: ['seq', 'hash'],
        properties: { seq: { type: 'integer' }, hash: { type: 'string' } },
      },
      firstBreak: {
        type: 'object',
        required: ['reason', 'seq'],
        properties: {
          reason: { enum: ['edited', 'removed', 'inserted'] },
          seq: { type: 'integer' },
          lastSeq: { type: 'integer' },
          eventId: { type: 'string' },
        },
      },
      firstBrokenRecord: {
        type: 'object',
        description: 'The first record the verification refused, when it is still there.',
      },
    },
  },
};

export const PROOFS_PATHS: Record<string, Schema> = {
  '/api/v1/admin/portals/{portalId}/consents/{consentId}': {
    get: {
      summary: 'A consent id’s whole history, with the revision each choice referred to',
      security: SECURITY,
      'x-galette-permission': PERMISSION,
      parameters: [PORTAL, path('consentId', 'The consent id the visitor reads on the receipt.')],
      responses: {
        200: json(ref('ConsentHistory'), 'The history, oldest first.'),
        400: error('Not a consent id (field consentId).'),
        404: error('Nothing recorded under this id, or unknown portal.'),
        ...REFUSALS,
      },
    },
  },
  '/api/v1/admin/portals/{portalId}/proofs/export': {
    get: {
      summary: 'Export a period of proofs, streamed (the format of galette export-consents)',
      description: 'Each export is written to the audit log (action proofs.export).',
      security: SECURITY,
      'x-galette-permission': PERMISSION,
      parameters: [
        PORTAL,
        {
          name: 'format',
          in: 'query',
          description: 'jsonl (default) or csv.',
          schema: { enum: ['jsonl', 'csv'] },
        },
        day('from', 'First day (UTC), inclusive; default the chain’s start.'),
        day('to', 'Last day (UTC), inclusive; default its end.'),
      ],
      responses: {
        200: {
          description: 'One record per line, in chain order.',
          content: { 'application/jsonl': {}, 'text/csv': {} },
        },
        400: error('Bad format or day (the field is named).'),
        404: error('Unknown portal (administrators only; others get 403).'),
        ...REFUSALS,
      },
    },
  },
  '/api/v1/admin/portals/{portalId}/proofs/verify': {
    get: {
      summary:
        'Verify the portal’s proof chain (galette audit verify), with the first broken record',
      security: SECURITY,
      'x-galette-permission': PERMISSION,
      parameters: [PORTAL],
      responses: {
        200: json(ref('ProofVerification'), 'The verdict.'),
        404: error('Unknown portal (administrators only; others get 403).'),
        ...REFUSALS,
      },
    },
  },
};
