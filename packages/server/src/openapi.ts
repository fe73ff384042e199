import {
  CHARTER_CONTENT_TYPES,
  CHARTER_FORMATS,
  consentSubmissionSchema as coreConsentSubmission,
  jsonSchemaOf,
} from '@galette/core';
import { HOME_OPENAPI_PATHS } from './routes/home-routes.js';
import { PORTAL_PATHS, PORTAL_SCHEMAS } from './portals/portal-openapi.js';
import { PORTAL_API } from './portals/portal-api.js';
import { PROOFS_API } from './proofs/proofs-api.js';
import { STATISTICS_API } from './statistics/statistics-api.js';
import { apiRoutePaths, type ApiRoute, type PublicApiRoute } from './api-routes/api-route.js';
import { PUBLIC_API } from './consent/consent-api-routes.js';
import { SCAN_API } from './scans/scan-api.js';
import { charterSuffix } from './charter-document.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const text = (description: string): Schema => ({ type: 'string', description });
const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
  type: 'object',
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
});

/**
 * Body of `POST /api/v1/portals/{portalId}/consents`: core's zod definition, without a revision's
 * categories (each key of `choices` must be a category of the revision named by `revision`, which
 * no static schema can know).
 */
export const consentSubmissionSchema: Schema = jsonSchemaOf(coreConsentSubmission);

const SCHEMAS: Record<string, Schema> = {
  ConsentSubmission: jsonSchemaOf(coreConsentSubmission, { root: false }),
  Health: object(
    {
      status: { enum: ['ok', 'unavailable'] },
      store: text('sqlite or postgres.'),
      version: { type: 'string' },
      database: {
        enum: ['ok', 'unreachable', 'timeout', 'read_only'],
        description:
          'ok: answers and takes writes; unreachable: refused, lost or not accepting connections; timeout: no answer within the probe timeout (800 ms); read_only: answers but refuses writes (a standby, a demoted primary).',
      },
      reason: text('Why the node cannot store consents, in the request’s language (fr, en).'),
    },
    ['reason'],
  ),
  Liveness: object({ status: { enum: ['ok'] }, version: { type: 'string' } }),
  Charter: {
    ...object({
      portal: object({ id: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } }),
      revision: object({
        number: { type: 'integer' },
        hash: { type: 'string' },
        publishedAt: { type: 'string', format: 'date-time' },
      }),
      lang: { type: 'string' },
      title: { type: 'string' },
      sections: { type: 'array', items: { type: 'object' } },
      categories: { type: 'array', items: { type: 'object' } },
    }),
    description: 'The charter model every format is rendered from.',
  },
};

const param = (name: string, description: string, where = 'path'): Schema => ({
  name,
  in: where,
  ...(where === 'path' ? { required: true } : {}),
  description,
  schema: { type: 'string' },
});
const PORTAL = param('portalId', 'The portal host name, e.g. opendata.paris.fr.');
const CONSENT = param('consentId', 'The consent id (the receipt secret).');
const LANG = param(
  'lang',
  'Language; else the galette_lang cookie, then Accept-Language.',
  'query',
);

const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const NOT_MODIFIED = { description: 'If-None-Match names the current ETag.' };
const RETRY_AFTER = { 'Retry-After': { schema: { type: 'integer' } } };
const RATE_LIMITED = { ...error('Too many requests from this client.'), headers: RETRY_AFTER };

const UNAVAILABLE_WHY = 'The database does not answer (down, restarting, or locked past the wait)';
/** The same on addresses that answer with a page (and JSON for `.json` ones). */
const UNAVAILABLE_PAGE = {
  description: `${UNAVAILABLE_WHY}: an error page; retry.`,
  headers: RETRY_AFTER,
};

/** A cacheable public document: strong ETag per coding, gzip or br, 304 on revalidation. */
const document = (
  summary: string,
  type: string,
  schema: Schema = { type: 'string' },
  more: Record<string, unknown> = {},
) => ({
  get: {
    summary,
    parameters: [PORTAL, LANG],
    responses: {
      200: {
        description: 'Compressed as Accept-Encoding allows; ETag and Cache-Control set.',
        content: { [type]: { schema } },
      },
      304: NOT_MODIFIED,
      404: { description: 'No published revision for this portal.' },
      503: UNAVAILABLE_PAGE,
      ...more,
    },
  },
});

const WIDGET_FILES: Record<string, [string, string]> = {
  'widget.js': ['The widget with its configuration inlined.', 'text/javascript'],
  'preferences.js': [
    'The preferences centre and the recording of choices, loaded by the widget when the visitor acts.',
    'text/javascript',
  ],
  'widget-boot.js': [
    'Optional synchronous first stage of the two-stage load: blocks declared hosts and queues the Consent Mode default.',
    'text/javascript',
  ],
  'widget.css': ['The widget stylesheet.', 'text/css'],
  'widget.json': ['The whole widget configuration.', 'application/json'],
};

/**
 * The routes defined with their zod shapes (`api-routes/api-route.ts`): their entries are
 * generated. The others' entries are still written below and in the `*-openapi.ts` files.
 */
/** The public routes under `/api/`, defined the same way (no rule). */
export const DEFINED_PUBLIC_ROUTES: readonly PublicApiRoute[] = Object.values(PUBLIC_API);

export const DEFINED_API_ROUTES: readonly ApiRoute[] = [
  ...Object.values(PORTAL_API),
  ...Object.values(STATISTICS_API),
  ...Object.values(PROOFS_API),
  ...Object.values(SCAN_API),
];

/** Galette's public HTTP API as an OpenAPI 3.1 document. */
export function openApiDocument(version: string): Schema {
  const paths: Record<string, Record<string, unknown>> = {};
  const generated = apiRoutePaths([...DEFINED_PUBLIC_ROUTES, ...DEFINED_API_ROUTES]);
  for (const [path, item] of Object.entries(generated.paths)) {
    paths[path] = { ...paths[path], ...item };
  }
  for (const format of CHARTER_FORMATS) {
    paths[`/p/{portalId}${charterSuffix(format)}`] = document(
      `The cookie charter (${format})`,
      CHARTER_CONTENT_TYPES[format].split(';')[0]!,
      format === 'json' ? ref('Charter') : undefined,
      { 301: { description: 'The portal id had capitals: to its lowercase address.' } },
    );
  }
  for (const [file, [summary, type]] of Object.entries(WIDGET_FILES)) {
    paths[`/p/{portalId}/${file}`] = document(summary, type);
  }
  paths['/p/{portalId}/consents/{consentId}'] = {
    get: {
      summary: 'The receipt as a page',
      parameters: [PORTAL, CONSENT, LANG],
      responses: {
        200: {
          description: 'HTML page.',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        404: { description: 'Unknown portal or id (the same page for both).' },
        429: RATE_LIMITED,
        503: UNAVAILABLE_PAGE,
      },
    },
  };
  Object.assign(paths, HOME_OPENAPI_PATHS); // routes/home-routes.ts
  Object.assign(paths, PORTAL_PATHS); // portals/portal-openapi.ts
  paths['/healthz'] = {
    get: {
      summary: 'Readiness: this node and its database can store consents',
      description:
        'Probes the database with one cheap query (answer within 800 ms, reused for a second). `?live` answers like `/livez`.',
      parameters: [
        {
          ...param('live', 'Present: answer liveness only, as /livez.', 'query'),
          schema: { type: 'string' },
          allowEmptyValue: true,
        },
      ],
      responses: {
        200: json(ref('Health'), 'The database answers and takes writes.'),
        503: json(ref('Health'), 'The database is unreachable, too slow or read-only.'),
      },
    },
  };
  paths['/metrics'] = {
    get: {
      summary: 'Prometheus metrics',
      description:
        'Requests by route pattern and status, latency histograms, consent appends, group-commit batch sizes, revision-cache lookups, store errors and process metrics. Only with `Authorization: Bearer` and the token of GALETTE_METRICS_TOKEN or, when it is unset, from a loopback address through no proxy.',
      responses: {
        200: { description: 'Text exposition format 0.0.4.', content: { 'text/plain': {} } },
        403: { description: 'Neither the token nor a direct loopback request.' },
      },
    },
  };
  paths['/livez'] = {
    get: {
      summary: 'Liveness: the process serves requests, whatever its database does',
      responses: { 200: json(ref('Liveness'), 'Alive.') },
    },
  };
  paths['/assets/charter.css'] = {
    get: {
      summary: "The charter page's stylesheet",
      responses: { 200: { description: 'CSS.', content: { 'text/css': {} } }, 304: NOT_MODIFIED },
    },
  };
  paths['/demo/{portalId}'] = {
    get: {
      summary: 'A sample portal page with the widget and gated scripts',
      parameters: [PORTAL, LANG],
      responses: {
        200: { description: 'HTML page.' },
        404: { description: 'Unknown portal.' },
        503: UNAVAILABLE_PAGE,
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Galette',
      version,
      description: 'Cookie charters, consent widget and consent proofs for a network of portals.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    paths,
    components: {
      schemas: {
        ...SCHEMAS,
        ...PORTAL_SCHEMAS,
        ...generated.schemas,
      },
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (`galette_…`) made by an administrator with `galette tokens create` or on the console’s tokens page; it acts with its role on its portals.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sessionid',
          description:
            'A console session. State-changing requests also need the `csrftoken` cookie’s value in an `X-CSRFToken` header.',
        },
      },
    },
  };
}
