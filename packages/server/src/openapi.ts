import {
  CHARTER_CONTENT_TYPES,
  CHARTER_FORMATS,
  CONSENT_ACTIONS,
  CONSENT_EVENT_ID,
  CONSENT_ID,
  STORED_CONSENT_ID,
  CONSENT_SOURCES,
  FIELD_ERROR_CODES,
  MAX_CONSENT_CHOICES,
  REVISION_HASH,
} from '@galette/core';
import { HOME_OPENAPI_PATHS } from './routes/home-routes.js';
import { PORTAL_PATHS, PORTAL_SCHEMAS } from './portals/portal-openapi.js';
import { PORTAL_API } from './portals/portal-api.js';
import { PROOFS_API } from './proofs/proofs-api.js';
import { STATISTICS_API } from './statistics/statistics-api.js';
import { apiRoutePaths, type ApiRoute } from './api-routes/api-route.js';
import { SCAN_API } from './scans/scan-api.js';
import { charterSuffix } from './charter-document.js';
import { UNCLASSIFIED_FIELD_ERROR } from './error-handler.js';

/**
 * Core keeps its language-tag pattern private; this copy is held to `parseConsentSubmission` by
 * `openapi.test.ts`, which compares the schema's verdict with the parser's.
 */
const LANGUAGE_TAG_PATTERN = '^([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8}){0,3}$';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const text = (description: string): Schema => ({ type: 'string', description });
const pattern = (regex: RegExp, description: string): Schema => ({
  type: 'string',
  pattern: regex.source,
  description,
});
const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
  type: 'object',
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
});

/** Every category but `necessary` (checked on its own) must be `value`. */
const coherentChoices = (value: boolean): Schema => ({
  type: 'object',
  properties: { necessary: true },
  additionalProperties: { const: value },
});

/**
 * Body of `POST /api/v1/portals/{portalId}/consents`, exactly what `parseConsentSubmission`
 * accepts, except one thing no static schema can know: each key of `choices` must be a category
 * of the revision named by `revision`.
 */
export const consentSubmissionSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['eventId', 'consentId', 'revision', 'choices', 'action', 'source', 'lang'],
  properties: {
    eventId: pattern(CONSENT_EVENT_ID, 'Random per event, so a retried beacon is stored once.'),
    consentId: pattern(CONSENT_ID, "The visitor's secret receipt key, 128 random bits or more."),
    revision: pattern(REVISION_HASH, 'Hash of the published revision the visitor was shown.'),
    choices: {
      type: 'object',
      description:
        'Category id → accepted. Keys must be categories of the named revision; `necessary` can only be true and is added when missing.',
      maxProperties: MAX_CONSENT_CHOICES,
      properties: { necessary: { const: true } },
      additionalProperties: { type: 'boolean' },
    },
    action: { enum: [...CONSENT_ACTIONS] },
    source: { enum: [...CONSENT_SOURCES] },
    lang: {
      type: 'string',
      pattern: LANGUAGE_TAG_PATTERN,
      description: 'BCP 47 tag; one the revision publishes. Only the primary subtag is kept.',
    },
  },
  // A proof never says "accept all" next to a refused category, nor the reverse.
  allOf: [
    {
      if: { required: ['action'], properties: { action: { const: 'accept_all' } } },
      then: { properties: { choices: coherentChoices(true) } },
    },
    {
      if: { required: ['action'], properties: { action: { enum: ['reject_all', 'withdraw'] } } },
      then: { properties: { choices: coherentChoices(false) } },
    },
  ],
};

const consentRecordSchema = object(
  {
    portalId: text('The portal host name.'),
    consentId: pattern(STORED_CONSENT_ID, 'The receipt key.'),
    eventId: pattern(CONSENT_EVENT_ID, 'The event id sent.'),
    seq: { type: 'integer', minimum: 1, description: "Position in the portal's chain." },
    revision: pattern(REVISION_HASH, 'The revision the visitor was shown.'),
    choices: { type: 'object', additionalProperties: { type: 'boolean' } },
    action: { enum: [...CONSENT_ACTIONS] },
    source: { enum: [...CONSENT_SOURCES] },
    lang: text('Primary language subtag.'),
    recordedAt: { type: 'string', format: 'date-time', description: 'Server time, UTC.' },
    expiresAt: { type: 'string', format: 'date-time', description: 'When to ask again.' },
    clientPseudonym: text('Keyed daily pseudonym of the client, when abuse tracing is on.'),
    prevHash: text("Hash of the portal's previous record."),
    hash: text('sha256: of prevHash and the canonical content; recompute it to verify.'),
  },
  ['clientPseudonym'],
);

const SCHEMAS: Record<string, Schema> = {
  Error: object({
    error: object(
      {
        code: {
          enum: [
            'invalid_input',
            'unauthorized',
            'forbidden',
            'not_found',
            'conflict',
            'gone',
            'unprocessable',
            'rate_limited',
            'storage',
            'unavailable',
            'internal',
          ],
        },
        message: text('Human-readable, in the negotiated language.'),
        fields: {
          type: 'array',
          description: 'For invalid_input: every bad field.',
          items: object({
            path: text('e.g. choices.statistics'),
            code: {
              enum: [...FIELD_ERROR_CODES, UNCLASSIFIED_FIELD_ERROR],
              description: `Stable, for programs; ${UNCLASSIFIED_FIELD_ERROR} when unclassified.`,
            },
            message: text('Human-readable, in the negotiated language.'),
          }),
        },
        details: {
          type: 'object',
          description:
            'What a program needs to act on the error: the current draft version of a 409, the findings of a 422.',
        },
      },
      ['fields', 'details'],
    ),
  }),
  ConsentSubmission: consentSubmissionSchema,
  ConsentRecord: consentRecordSchema,
  ConsentAcknowledgement: {
    allOf: [
      ref('ConsentRecord'),
      object({
        duplicate: { type: 'boolean', description: 'True when this eventId was already stored.' },
        receipt: text('Path of the JSON receipt.'),
        receiptPage: text('Path of the HTML receipt page.'),
      }),
    ],
  },
  ConsentValidation: object({ valid: { const: true }, submission: ref('ConsentSubmission') }),
  ConsentReceipt: object({
    portalId: { type: 'string' },
    consentId: { type: 'string' },
    records: { type: 'array', items: ref('ConsentRecord'), description: 'Oldest first.' },
  }),
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
const UNAVAILABLE = { ...error(`${UNAVAILABLE_WHY}; retry.`), headers: RETRY_AFTER };
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

const consentPost = (summary: string, ok: Record<string, unknown>) => ({
  post: {
    summary,
    parameters: [PORTAL],
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: ref('ConsentSubmission') },
        'text/plain': { schema: ref('ConsentSubmission') },
      },
    },
    responses: {
      ...ok,
      400: error('A field is invalid, or the revision was never published for this portal.'),
      403: error('The Origin is not one of the portal’s.'),
      404: error('No published revision for this portal.'),
      413: error('Body larger than the limit (8 KiB by default).'),
      415: error('Content-Type other than application/json or text/plain.'),
      429: RATE_LIMITED,
      503: UNAVAILABLE,
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
export const DEFINED_API_ROUTES: readonly ApiRoute[] = [
  ...Object.values(PORTAL_API),
  ...Object.values(STATISTICS_API),
  ...Object.values(PROOFS_API),
  ...Object.values(SCAN_API),
];

/** Galette's public HTTP API as an OpenAPI 3.1 document. */
export function openApiDocument(version: string): Schema {
  const paths: Record<string, Record<string, unknown>> = {};
  const generated = apiRoutePaths(DEFINED_API_ROUTES);
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
  paths['/api/v1/portals/{portalId}/consents'] = consentPost('Record a consent proof', {
    201: json(ref('ConsentAcknowledgement'), 'Stored and committed.'),
    200: json(ref('ConsentAcknowledgement'), 'This eventId was already stored: same record.'),
  });
  paths['/api/v1/portals/{portalId}/consents/validate'] = consentPost(
    'Run every check of a consent POST, store nothing',
    { 200: json(ref('ConsentValidation'), 'Valid; the normalised submission.') },
  );
  paths['/api/v1/portals/{portalId}/banner-views'] = {
    post: {
      summary: 'The widget’s anonymous “banner shown” beacon',
      description:
        'Sent with `navigator.sendBeacon` when the banner is shown: the body is only the hash of the published revision shown (`text/plain`, so no preflight). No identifier, cookie or address is stored; counts are added per portal, UTC day and revision, written once a second. Always 204: beacons from unknown portals, other origins, unpublished revisions or over the rate limit are simply not counted.',
      parameters: [PORTAL],
      requestBody: {
        required: true,
        content: { 'text/plain': { schema: pattern(REVISION_HASH, 'The revision shown.') } },
      },
      responses: { 204: { description: 'Received (counted when valid).' } },
    },
  };
  for (const [name, what] of [
    ['consents', 'choices'],
    ['banner-views', '“banner shown” beacons'],
  ] as const) {
    paths[`/api/v1/preview/${name}`] = {
      post: {
        summary: `Where the console’s draft preview sends its widget’s ${what}: nothing is stored`,
        description:
          'The console previews a draft with the real widget on a sample page; its configuration points here instead of the consent API, so nothing done in a preview becomes a proof or a statistic. The body is not read. Always 204.',
        responses: { 204: { description: 'Received; nothing read, stored or counted.' } },
      },
    };
  }
  paths['/api/v1/portals/{portalId}/consents/{consentId}'] = {
    get: {
      summary: "The visitor's receipt: every choice recorded under this consent id",
      parameters: [PORTAL, CONSENT],
      responses: {
        200: json(ref('ConsentReceipt'), 'The history, oldest first.'),
        404: error('Nothing recorded under this id.'),
        429: RATE_LIMITED,
        503: UNAVAILABLE,
      },
    },
  };
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
  paths['/api/openapi.json'] = {
    get: {
      summary: 'This document',
      responses: { 200: { description: 'OpenAPI 3.1.' }, 304: NOT_MODIFIED },
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
