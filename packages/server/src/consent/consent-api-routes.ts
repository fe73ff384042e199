import {
  CONSENT_ACTIONS,
  CONSENT_EVENT_ID,
  CONSENT_SOURCES,
  REVISION_HASH,
  STORED_CONSENT_ID,
} from '@galette/core';
import { z } from '@hono/zod-openapi';
import { componentRef, errorAnswer, publicApiRoute } from '../api-routes/api-route.js';

/**
 * The public API routes under `/api/`, each defined once (path, parameters, body, answers):
 * their route modules serve them, `openapi.ts` documents them. The submission itself is core's
 * zod definition (`consentSubmissionSchema`), referenced as the `ConsentSubmission` component.
 */
const text = (description: string) => z.string().meta({ description });
const pattern = (regex: RegExp, description: string) =>
  z.string().regex(regex).meta({ description });
const instant = z.iso.datetime();

export const consentRecordShape = z
  .object({
    portalId: text('The portal host name.'),
    consentId: pattern(STORED_CONSENT_ID, 'The receipt key.'),
    eventId: pattern(CONSENT_EVENT_ID, 'The event id sent.'),
    seq: z.number().int().min(1).meta({ description: "Position in the portal's chain." }),
    revision: pattern(REVISION_HASH, 'The revision the visitor was shown.'),
    choices: z.record(z.string(), z.boolean()),
    action: z.enum(CONSENT_ACTIONS as [string, ...string[]]),
    source: z.enum(CONSENT_SOURCES as [string, ...string[]]),
    lang: text('Primary language subtag.'),
    recordedAt: instant.meta({ description: 'Server time, UTC.' }),
    expiresAt: instant.meta({ description: 'When to ask again.' }),
    clientPseudonym: text(
      'Keyed daily pseudonym of the client, when abuse tracing is on.',
    ).optional(),
    prevHash: text("Hash of the portal's previous record."),
    hash: text('sha256: of prevHash and the canonical content; recompute it to verify.'),
  })
  .openapi('ConsentRecord');

export const consentAcknowledgementShape = z
  .intersection(
    consentRecordShape,
    z.object({
      duplicate: z.boolean().meta({ description: 'True when this eventId was already stored.' }),
      receipt: text('Path of the JSON receipt.'),
      receiptPage: text('Path of the HTML receipt page.'),
    }),
  )
  .openapi('ConsentAcknowledgement');

const submission = z.unknown().openapi(componentRef('ConsentSubmission'));

export const consentValidationShape = z
  .object({ valid: z.literal(true), submission })
  .openapi('ConsentValidation');

export const consentReceiptShape = z
  .object({
    portalId: z.string(),
    consentId: z.string(),
    records: z.array(consentRecordShape).meta({ description: 'Oldest first.' }),
  })
  .openapi('ConsentReceipt');

const portalId = z.string().meta({ description: 'The portal host name, e.g. opendata.paris.fr.' });
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const RETRY_AFTER = z.object({ 'Retry-After': z.number().int() });
const RATE_LIMITED = {
  ...errorAnswer('Too many requests from this client.'),
  headers: RETRY_AFTER,
};
const UNAVAILABLE = {
  ...errorAnswer(
    'The database does not answer (down, restarting, or locked past the wait); retry.',
  ),
  headers: RETRY_AFTER,
};

const consentPost = (path: string, summary: string, ok: Record<number, unknown>) =>
  publicApiRoute({
    method: 'post',
    path,
    summary,
    request: {
      params: z.object({ portalId }),
      body: {
        required: true,
        content: {
          'application/json': { schema: submission },
          'text/plain': { schema: submission },
        },
      },
    },
    responses: {
      ...ok,
      400: errorAnswer('A field is invalid, or the revision was never published for this portal.'),
      403: errorAnswer('The Origin is not one of the portal’s.'),
      404: errorAnswer('No published revision for this portal.'),
      413: errorAnswer('Body larger than the limit (8 KiB by default).'),
      415: errorAnswer('Content-Type other than application/json or text/plain.'),
      429: RATE_LIMITED,
      503: UNAVAILABLE,
    },
  });

const previewSink = (name: string, what: string) =>
  publicApiRoute({
    method: 'post',
    path: `/api/v1/preview/${name}`,
    summary: `Where the console’s draft preview sends its widget’s ${what}: nothing is stored`,
    description:
      'The console previews a draft with the real widget on a sample page; its configuration points here instead of the consent API, so nothing done in a preview becomes a proof or a statistic. The body is not read. Always 204.',
    responses: { 204: { description: 'Received; nothing read, stored or counted.' } },
  });

export const PUBLIC_API = {
  submit: consentPost('/api/v1/portals/{portalId}/consents', 'Record a consent proof', {
    201: json(consentAcknowledgementShape, 'Stored and committed.'),
    200: json(consentAcknowledgementShape, 'This eventId was already stored: same record.'),
  }),
  validate: consentPost(
    '/api/v1/portals/{portalId}/consents/validate',
    'Run every check of a consent POST, store nothing',
    { 200: json(consentValidationShape, 'Valid; the normalised submission.') },
  ),
  receipt: publicApiRoute({
    method: 'get',
    path: '/api/v1/portals/{portalId}/consents/{consentId}',
    summary: "The visitor's receipt: every choice recorded under this consent id",
    request: {
      params: z.object({
        portalId,
        consentId: z.string().meta({ description: 'The consent id (the receipt secret).' }),
      }),
    },
    responses: {
      200: json(consentReceiptShape, 'The history, oldest first.'),
      404: errorAnswer('Nothing recorded under this id.'),
      429: RATE_LIMITED,
      503: UNAVAILABLE,
    },
  }),
  bannerViews: publicApiRoute({
    method: 'post',
    path: '/api/v1/portals/{portalId}/banner-views',
    summary: 'The widget’s anonymous “banner shown” beacon',
    description:
      'Sent with `navigator.sendBeacon` when the banner is shown: the body is only the hash of the published revision shown (`text/plain`, so no preflight). No identifier, cookie or address is stored; counts are added per portal, UTC day and revision, written once a second. Always 204: beacons from unknown portals, other origins, unpublished revisions or over the rate limit are simply not counted.',
    request: {
      params: z.object({ portalId }),
      body: {
        required: true,
        content: { 'text/plain': { schema: pattern(REVISION_HASH, 'The revision shown.') } },
      },
    },
    responses: { 204: { description: 'Received (counted when valid).' } },
  }),
  previewConsents: previewSink('consents', 'choices'),
  previewBannerViews: previewSink('banner-views', '“banner shown” beacons'),
  openApi: publicApiRoute({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    responses: {
      200: { description: 'OpenAPI 3.1.' },
      304: { description: 'If-None-Match names the current ETag.' },
    },
  }),
};
