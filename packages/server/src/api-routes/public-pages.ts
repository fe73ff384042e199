import {
  CHARTER_CONTENT_TYPES,
  CHARTER_FORMATS,
  charterShape,
  type CharterFormat,
} from '@galette/core';
import { z } from '@hono/zod-openapi';
import { CHARTER_STYLESHEET_PATH, charterSuffix } from '../charter-document.js';
import { healthShape, livenessShape } from '../health-shapes.js';
import { WIDGET_CONTENT_TYPES, WIDGET_FILES, type WidgetFile } from '../widget-files.js';
import { answersJson } from '../answers-json.js';
import { publicPageRoute, type PublicApiRoute } from './api-route.js';
import { errorShape } from './error-shape.js';

/**
 * The public routes outside `/api/` (charters, widget files, receipt page, embeds, home, health,
 * metrics, demo), each defined once: their route modules serve them with `servePublicRoute`,
 * `openapi.ts` generates their entries.
 */

/**
 * Core's charter shape named as the `Charter` component: core's zod objects predate the
 * `.openapi()` extension, so the name is given through zod's own `id` metadata.
 */
const charterComponentShape = charterShape.meta({ id: 'Charter' });

const portalId = z.string().meta({ description: 'The portal host name, e.g. opendata.paris.fr.' });
const lang = z
  .string()
  .meta({ description: 'Language; else the galette_lang cookie, then Accept-Language.' })
  .optional();
const portalRequest = { params: z.object({ portalId }), query: z.object({ lang }) };

const mediaType = (contentType: string) => contentType.split(';')[0]!;
const body = (contentType: string, description: string, schema: z.ZodType = z.string()) => ({
  description,
  content: { [mediaType(contentType)]: { schema } },
});
const HTML = 'text/html; charset=utf-8';
const RETRY_AFTER = z.object({ 'Retry-After': z.number().int() });
const NOT_MODIFIED = { description: 'If-None-Match names the current ETag.' };
/**
 * A refusal on `path`: the error handler's JSON body on `.json` documents, its HTML page on every
 * other address a visitor may open (`answersJson`, which the error handler asks too).
 */
const refusal = (path: string, description: string, more: Record<string, unknown> = {}) => ({
  description,
  content: answersJson(path)
    ? { 'application/json': { schema: errorShape } }
    : { 'text/html': { schema: z.string() } },
  ...more,
});
const unpublished = (path: string) => refusal(path, 'No published revision for this portal.');
const archived = (path: string) => refusal(path, 'The portal is archived.');
const unavailable = (path: string) =>
  refusal(
    path,
    'The database does not answer (down, restarting, or locked past the wait); retry.',
    { headers: RETRY_AFTER },
  );

/** A cacheable public document: strong ETag per coding, gzip or br, 304 on revalidation. */
const document = <P extends string>(
  path: P,
  summary: string,
  contentType: string,
  schema: z.ZodType = z.string(),
  more: Record<number, unknown> = {},
) =>
  publicPageRoute({
    method: 'get',
    path,
    summary,
    request: portalRequest,
    responses: {
      200: body(
        contentType,
        'Compressed as Accept-Encoding allows; ETag and Cache-Control set.',
        schema,
      ),
      304: NOT_MODIFIED,
      404: unpublished(path),
      410: archived(path),
      503: unavailable(path),
      ...more,
    },
  });

const charter = (format: CharterFormat) =>
  document(
    `/p/{portalId}${charterSuffix(format)}`,
    `The cookie charter (${format})`,
    CHARTER_CONTENT_TYPES[format],
    format === 'json' ? charterComponentShape : undefined,
    { 301: { description: 'The portal id had capitals: to its lowercase address.' } },
  );

const WIDGET_SUMMARIES: Readonly<Record<WidgetFile, string>> = {
  'widget.js': 'The widget with its configuration inlined.',
  'preferences.js':
    'The preferences centre and the recording of choices, loaded by the widget when the visitor acts.',
  'widget-boot.js':
    'Optional synchronous first stage of the two-stage load: blocks declared hosts and queues the Consent Mode default.',
  'widget.css': 'The widget stylesheet.',
  'widget.json': 'The whole widget configuration.',
};

const embedDocument = (path: string, summary: string, description: string) =>
  publicPageRoute({
    method: 'get',
    path,
    summary,
    description,
    request: portalRequest,
    responses: {
      200: body(HTML, 'Compressed as Accept-Encoding allows; ETag and Cache-Control set.'),
      304: NOT_MODIFIED,
      404: unpublished(path),
      410: archived(path),
    },
  });

/** One definition per key, typed by key. */
function byKey<K extends string, V>(keys: readonly K[], define: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, define(key)])) as Record<K, V>;
}

/** `/p/{portalId}/charte-cookies` and its `.md`, `.txt`, `.json` variants. */
export const CHARTER_ROUTES = byKey(CHARTER_FORMATS, charter);

/** `/p/{portalId}/widget.js` and the other widget files. */
export const WIDGET_FILE_ROUTES = byKey(WIDGET_FILES, (file) =>
  document(`/p/{portalId}/${file}`, WIDGET_SUMMARIES[file], WIDGET_CONTENT_TYPES[file]),
);

const RECEIPT_PAGE = '/p/{portalId}/consents/{consentId}';
const DEMO_PAGE = '/demo/{portalId}';

export const PUBLIC_PAGES = {
  receiptPage: publicPageRoute({
    method: 'get',
    path: RECEIPT_PAGE,
    summary: 'The receipt as a page',
    request: {
      params: z.object({
        portalId,
        consentId: z.string().meta({ description: 'The consent id (the receipt secret).' }),
      }),
      query: z.object({ lang }),
    },
    responses: {
      200: body(HTML, 'HTML page.'),
      404: refusal(RECEIPT_PAGE, 'Unknown portal or id (the same page for both).'),
      429: refusal(RECEIPT_PAGE, 'Too many requests from this client.', { headers: RETRY_AFTER }),
      503: unavailable(RECEIPT_PAGE),
    },
  }),
  charterFragment: embedDocument(
    '/p/{portalId}/charte-cookies.fragment.html',
    'The published charter as an HTML fragment, for a portal’s own page',
    'One <section class="galette-charter"> with headings, texts, tables and the version note; no document, script or style. Access-Control-Allow-Origin: *.',
  ),
  charterEmbed: embedDocument(
    '/p/{portalId}/charte-cookies/embed',
    'The published charter page for an iframe on the portal',
    'Content-Security-Policy frame-ancestors lists the portal’s declared origins only.',
  ),
  home: publicPageRoute({
    method: 'get',
    path: '/',
    summary: 'Landing page: the published portals with their charter and demo links (fr/en)',
    request: { query: z.object({ lang }) },
    responses: { 200: body(HTML, 'HTML page.') },
  }),
  favicon: publicPageRoute({
    method: 'get',
    path: '/favicon.ico',
    summary: "Galette's icon",
    responses: { 200: body('image/svg+xml', 'SVG image.') },
  }),
  health: publicPageRoute({
    method: 'get',
    path: '/healthz',
    summary: 'Readiness: this node and its database can store consents',
    description:
      'Probes the database with one cheap query (answer within 800 ms, reused for a second). `?live` answers like `/livez`.',
    request: {
      query: z.object({
        live: z
          .string()
          .optional()
          .openapi({
            description: 'Present: answer liveness only, as /livez.',
            param: { allowEmptyValue: true },
          }),
      }),
    },
    responses: {
      200: body('application/json', 'The database answers and takes writes.', healthShape),
      503: body(
        'application/json',
        'The database is unreachable, too slow or read-only.',
        healthShape,
      ),
    },
  }),
  liveness: publicPageRoute({
    method: 'get',
    path: '/livez',
    summary: 'Liveness: the process serves requests, whatever its database does',
    responses: { 200: body('application/json', 'Alive.', livenessShape) },
  }),
  metrics: publicPageRoute({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    description:
      'Requests by route pattern and status, latency histograms, consent appends, group-commit batch sizes, revision-cache lookups, store errors and process metrics. Only with `Authorization: Bearer` and the token of GALETTE_METRICS_TOKEN or, when it is unset, from a loopback address through no proxy.',
    responses: {
      200: body('text/plain', 'Text exposition format 0.0.4.'),
      403: refusal('/metrics', 'Neither the token nor a direct loopback request.'),
    },
  }),
  charterStylesheet: publicPageRoute({
    method: 'get',
    path: CHARTER_STYLESHEET_PATH,
    summary: "The charter page's stylesheet",
    responses: { 200: body('text/css', 'CSS.'), 304: NOT_MODIFIED },
  }),
  demo: publicPageRoute({
    method: 'get',
    path: DEMO_PAGE,
    summary: 'A sample portal page with the widget and gated scripts',
    request: portalRequest,
    responses: {
      200: body(HTML, 'HTML page.'),
      404: refusal(DEMO_PAGE, 'Unknown portal.'),
      410: archived(DEMO_PAGE),
      503: unavailable(DEMO_PAGE),
    },
  }),
};

/** Every definition above, for `openapi.ts` and the tests. */
export const PUBLIC_PAGE_ROUTES: readonly PublicApiRoute[] = [
  ...Object.values(CHARTER_ROUTES),
  ...Object.values(WIDGET_FILE_ROUTES),
  ...Object.values(PUBLIC_PAGES),
];
