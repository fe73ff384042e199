import { jsonSchemaOf } from '@galette/core';
import { scanStartShape } from './scan-request.js';

/** The admin API's scan routes' entries in `/api/openapi.json` (merged by `openapi.ts`). */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const param = (name: string, description: string, where = 'path'): Schema => ({
  name,
  in: where,
  ...(where === 'path' ? { required: true } : {}),
  description,
  schema: { type: 'string' },
});
const PORTAL = param('portalId', 'The portal host name, e.g. opendata.paris.fr.');
const SCAN = param('scanId', 'The scan’s id (a UUID, in the order scans were asked).');
const SECURITY = [{ apiToken: [] }, { session: [] }];
const common = {
  401: error('No valid API token or session.'),
  403: error('The token or user may not do this on this portal (whether it exists or not).'),
  429: error('Too many wrong tokens from this client (10, then one per 10 s); see Retry-After.'),
  503: error('The database does not answer; retry.'),
};
const operation = (
  summary: string,
  permission: string,
  more: Record<string, unknown>,
  responses: Record<string, unknown>,
) => ({
  summary,
  security: SECURITY,
  'x-galette-permission': permission,
  ...more,
  responses: { ...responses, ...common },
});
const count = { type: 'integer', minimum: 0 } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const cookieState = {
  type: 'object',
  required: ['name', 'domain', 'category', 'party', 'lifetime'],
  properties: {
    name: { type: 'string' },
    domain: { type: 'string' },
    category: { type: 'string' },
    party: { type: 'string' },
    lifetime: { type: 'string', description: 'Whole days, or `session`.' },
  },
};

export const SCAN_SCHEMAS: Record<string, Schema> = {
  ScanStart: jsonSchemaOf(scanStartShape, { root: false }),
  ScanJob: {
    type: 'object',
    required: ['id', 'portalId', 'url', 'options', 'status', 'trigger', 'createdAt', 'attempts'],
    properties: {
      id: { type: 'string' },
      portalId: { type: 'string' },
      url: { type: 'string', description: 'Start address.' },
      options: {
        type: 'object',
        properties: {
          pages: { type: 'integer' },
          depth: { type: 'integer' },
          scenarios: { type: 'array', items: { type: 'string' } },
        },
      },
      status: { enum: ['queued', 'running', 'done', 'failed'] },
      trigger: { type: 'string', description: '`console`, `api`, `schedule` or `cli`.' },
      requestedBy: { type: 'string', description: 'Who asked: an email or a token’s name.' },
      createdAt: instant,
      startedAt: instant,
      finishedAt: instant,
      attempts: {
        type: 'integer',
        description: 'Times a worker took it; more than one means a worker stopped mid-scan.',
      },
      progress: {
        type: 'object',
        required: ['pagesDone', 'pagesTotal', 'findings'],
        properties: {
          pagesDone: count,
          pagesTotal: count,
          scenario: { type: 'string' },
          findings: count,
        },
      },
      summary: {
        type: 'object',
        required: ['errors', 'warnings', 'notices', 'cookies'],
        properties: {
          errors: count,
          warnings: count,
          notices: count,
          cookies: count,
          newErrors: {
            ...count,
            description: 'Error findings the portal’s previous finished scan had not.',
          },
        },
      },
      error: { type: 'string', description: 'Why it failed.' },
    },
  },
  ScanDiff: {
    type: 'object',
    required: ['from', 'to', 'cookies', 'findings'],
    properties: {
      from: { type: 'string' },
      to: { type: 'string' },
      cookies: {
        type: 'object',
        required: ['added', 'removed', 'changed'],
        properties: {
          added: { type: 'array', items: cookieState },
          removed: { type: 'array', items: cookieState },
          changed: {
            type: 'array',
            items: {
              type: 'object',
              required: ['before', 'after'],
              properties: { before: cookieState, after: cookieState },
            },
          },
        },
      },
      findings: {
        type: 'object',
        required: ['added', 'removed'],
        description: 'Findings as in the report (`galette.scan/1`); an id is stable across scans.',
        properties: {
          added: { type: 'array', items: { type: 'object' } },
          removed: { type: 'array', items: { type: 'object' } },
        },
      },
    },
  },
};

const NOT_FOUND = error('Unknown portal (administrators only; others get 403), or scan.');

export const SCAN_PATHS: Record<string, Schema> = {
  '/api/v1/admin/portals/{portalId}/scans': {
    get: operation(
      'The portal’s scans, newest first (the last 50)',
      'scans.read@{portalId}',
      { parameters: [PORTAL] },
      {
        200: json(
          {
            type: 'object',
            required: ['scans'],
            properties: { scans: { type: 'array', items: ref('ScanJob') } },
          },
          'The scans.',
        ),
        404: NOT_FOUND,
      },
    ),
    post: operation(
      'Queue a scan of the portal’s own site, run by a scan worker',
      'scans.run@{portalId}',
      {
        description:
          'The scan visits only pages of the portal’s sites (its url and origins, same registrable domain). Poll the scan’s address (Location) for progress, then read its report.',
        parameters: [PORTAL],
        requestBody: {
          required: false,
          content: { 'application/json': { schema: ref('ScanStart') } },
        },
      },
      {
        202: {
          ...json(
            { type: 'object', required: ['scan'], properties: { scan: ref('ScanJob') } },
            'Queued.',
          ),
          headers: { Location: { schema: { type: 'string' } } },
        },
        400: error('Invalid body, or a start address off the portal’s sites (field url).'),
        404: NOT_FOUND,
        413: error('Body over the admin API limit (2 MiB by default).'),
        415: error('Content-Type other than application/json.'),
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/scans/diff': {
    get: operation(
      'What changed between two finished scans: cookies added, gone or changed, findings new or gone',
      'scans.read@{portalId}',
      {
        parameters: [
          PORTAL,
          param('from', 'The earlier scan’s id.', 'query'),
          param('to', 'The later scan’s id.', 'query'),
        ],
      },
      {
        200: json(ref('ScanDiff'), 'The differences.'),
        400: error('from or to missing.'),
        404: error('Unknown portal, or a scan not of this portal or not finished.'),
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/scans/{scanId}': {
    get: operation(
      'One scan: its state, progress while it runs, its findings’ count once done',
      'scans.read@{portalId}',
      { parameters: [PORTAL, SCAN] },
      {
        200: json(
          { type: 'object', required: ['scan'], properties: { scan: ref('ScanJob') } },
          'The scan.',
        ),
        404: NOT_FOUND,
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/scans/{scanId}/report': {
    get: operation(
      'A finished scan’s report (format galette.scan/1, JSON Schema scanResultJsonSchema() of @galette/scanner)',
      'scans.read@{portalId}',
      { parameters: [PORTAL, SCAN] },
      {
        200: json(
          {
            type: 'object',
            required: ['format'],
            properties: { format: { const: 'galette.scan/1' } },
          },
          'The report: pages, scenarios with cookies, storage and requests and who set them, findings, coverage.',
        ),
        404: error('Unknown portal, or no finished scan of this id.'),
      },
    ),
  },
};
