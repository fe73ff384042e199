import { z } from '@hono/zod-openapi';
import { rules } from '../admin/route-rule.js';
import { adminApiRoute, errorAnswer } from '../api-routes/api-route.js';
import { scanStartShape } from './scan-request.js';

/**
 * The admin API's scan routes, each defined once (path, parameters, body, answers, rule):
 * `scan-api-routes.ts` serves them, `openapi.ts` documents them.
 */
const count = z.number().int().min(0);
const instant = z.iso.datetime();

export const scanJobShape = z
  .object({
    id: z.string(),
    portalId: z.string(),
    url: z.string().meta({ description: 'Start address.' }),
    options: z.object({
      pages: z.number().int().optional(),
      depth: z.number().int().optional(),
      scenarios: z.array(z.string()).optional(),
    }),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    trigger: z.string().meta({ description: '`console`, `api`, `schedule` or `cli`.' }),
    requestedBy: z
      .string()
      .optional()
      .meta({ description: 'Who asked: an email or a token’s name.' }),
    createdAt: instant,
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
    attempts: z.number().int().meta({
      description: 'Times a worker took it; more than one means a worker stopped mid-scan.',
    }),
    progress: z
      .object({
        pagesDone: count,
        pagesTotal: count,
        scenario: z.string().optional(),
        findings: count,
      })
      .optional(),
    summary: z
      .object({
        errors: count,
        warnings: count,
        notices: count,
        cookies: count,
        newErrors: count
          .optional()
          .meta({ description: 'Error findings the portal’s previous finished scan had not.' }),
      })
      .optional(),
    error: z.string().optional().meta({ description: 'Why it failed.' }),
    evidencePruned: z
      .object({
        at: instant,
        keep: count.meta({ description: 'Newer finished scans of the portal that kept theirs.' }),
      })
      .optional()
      .meta({
        description:
          'Set once the retention rule (`GALETTE_SCAN_KEEP_EVIDENCE`) deleted its screenshots and HTML and Markdown reports; its findings, JSON report and manifest stay.',
      }),
  })
  .openapi('ScanJob');

const cookieState = z.object({
  name: z.string(),
  domain: z.string(),
  category: z.string(),
  party: z.string(),
  lifetime: z.string().meta({ description: 'Whole days, or `session`.' }),
});

export const scanDiffShape = z
  .object({
    from: z.string(),
    to: z.string(),
    cookies: z.object({
      added: z.array(cookieState),
      removed: z.array(cookieState),
      changed: z.array(z.object({ before: cookieState, after: cookieState })),
    }),
    findings: z
      .object({
        added: z.array(z.record(z.string(), z.unknown())),
        removed: z.array(z.record(z.string(), z.unknown())),
      })
      .meta({
        description: 'Findings as in the report (`galette.scan/1`); an id is stable across scans.',
      }),
  })
  .openapi('ScanDiff');

const portalId = z.string().meta({ description: 'The portal host name, e.g. opendata.paris.fr.' });
const scanParams = z.object({
  portalId,
  scanId: z
    .string()
    .meta({ description: 'The scan’s id (a UUID, in the order scans were asked).' }),
});
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const oneScan = z.object({ scan: scanJobShape });
const read = rules.portal('scans.read');
const NOT_FOUND = errorAnswer('Unknown portal (administrators only; others get 403), or scan.');
const SCANS = '/api/v1/admin/portals/{portalId}/scans';

export const SCAN_API = {
  list: adminApiRoute(read, {
    method: 'get',
    path: SCANS,
    summary: 'The portal’s scans, newest first (the last 50)',
    request: { params: z.object({ portalId }) },
    responses: {
      200: json(z.object({ scans: z.array(scanJobShape) }), 'The scans.'),
      404: NOT_FOUND,
    },
  }),
  start: adminApiRoute(rules.portal('scans.run'), {
    method: 'post',
    path: SCANS,
    summary: 'Queue a scan of the portal’s own site, run by a scan worker',
    description:
      'The scan visits only pages of the portal’s sites (its url and origins, same registrable domain). Poll the scan’s address (Location) for progress, then read its report.',
    request: {
      params: z.object({ portalId }),
      body: {
        required: false,
        content: { 'application/json': { schema: scanStartShape.openapi('ScanStart') } },
      },
    },
    responses: {
      202: { ...json(oneScan, 'Queued.'), headers: z.object({ Location: z.string() }) },
      400: errorAnswer('Invalid body, or a start address off the portal’s sites (field url).'),
      404: NOT_FOUND,
      413: errorAnswer('Body over the admin API limit (2 MiB by default).'),
      415: errorAnswer('Content-Type other than application/json.'),
    },
  }),
  diff: adminApiRoute(read, {
    method: 'get',
    path: `${SCANS}/diff`,
    summary:
      'What changed between two finished scans: cookies added, gone or changed, findings new or gone',
    request: {
      params: z.object({ portalId }),
      query: z.object({
        from: z.string().meta({ description: 'The earlier scan’s id.' }),
        to: z.string().meta({ description: 'The later scan’s id.' }),
      }),
    },
    responses: {
      200: json(scanDiffShape, 'The differences.'),
      400: errorAnswer('from or to missing.'),
      404: errorAnswer('Unknown portal, or a scan not of this portal or not finished.'),
    },
  }),
  one: adminApiRoute(read, {
    method: 'get',
    path: `${SCANS}/{scanId}`,
    summary: 'One scan: its state, progress while it runs, its findings’ count once done',
    request: { params: scanParams },
    responses: { 200: json(oneScan, 'The scan.'), 404: NOT_FOUND },
  }),
  report: adminApiRoute(read, {
    method: 'get',
    path: `${SCANS}/{scanId}/report`,
    summary:
      'A finished scan’s report (format galette.scan/1, JSON Schema scanResultJsonSchema() of @galette/scanner)',
    request: { params: scanParams },
    responses: {
      200: json(
        z.looseObject({ format: z.literal('galette.scan/1') }),
        'The report: pages, scenarios with cookies, storage and requests and who set them, findings, coverage.',
      ),
      404: errorAnswer('Unknown portal, or no finished scan of this id.'),
    },
  }),
};
