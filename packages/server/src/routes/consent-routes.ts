import {
  STORED_CONSENT_ID,
  GaletteError,
  REVISION_HASH,
  ValidationError,
  fieldError,
  parseConsentSubmission,
  proofCategoryIds,
  translate,
  type ConsentSubmission,
  type Revision,
} from '@galette/core';
import type { ConsentAppendResult } from '@galette/storage';
import type { Context } from 'hono';
import { servePublicRoute } from '../api-routes/api-route.js';
import { clientAddress } from '../consent/client-address.js';
import { PUBLIC_API } from '../consent/consent-api-routes.js';
import type { ConsentApi } from '../consent/consent-api.js';
import { checkConsentOrigin } from '../consent/consent-origin.js';
import { readJsonBody } from '../consent/read-json-body.js';
import { receiptPagePath, receiptRecord } from '../consent/receipt.js';
import { notFoundResponse } from '../not-found-response.js';
import { answerLanguage, languageHints } from '../request-language.js';
import { MISS } from '../revision-cache.js';
import type { RouteModule, ServerContext } from '../server-context.js';

const BASE = '/api/v1/portals/:portalId/consents';

/**
 * The consent API: `POST …/consents` records a choice and answers once it is committed;
 * `POST …/consents/validate` runs every check and stores nothing (integrators' dry run, and the
 * benchmark's baseline); `GET …/consents/{consentId}` is the visitor's receipt.
 */
export const consentRoutes: RouteModule = (app, context) => {
  app.options(BASE, (c) => preflight(c, context));
  // One preflight route also answers `…/validate`: two OPTIONS routes that both match it would make
  // Hono fall back from its RegExpRouter to the slower TrieRouter for every route of the app.
  app.options(`${BASE}/:consentId`, (c) => preflight(c, context));
  servePublicRoute(app, PUBLIC_API.submit, (c) => submit(c, context, true));
  servePublicRoute(app, PUBLIC_API.validate, (c) => submit(c, context, false));
  servePublicRoute(app, PUBLIC_API.receipt, (c) => receipt(c, context));
};

async function latest(context: ServerContext, portalId: string): Promise<Revision | undefined> {
  const cached = context.revisions.peek(portalId);
  return cached === MISS ? context.revisions.get(portalId) : cached;
}

async function preflight(c: Context, context: ServerContext): Promise<Response> {
  const portalId = c.req.param('portalId')!;
  const revision = await latest(context, portalId);
  if (!revision) return notFoundResponse(c, { portalId });
  const lang = answerLanguage(languageHints(c), revision.content);
  checkConsentOrigin(c, context.consents, revision.content, lang);
  c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  c.header('Access-Control-Allow-Headers', 'Content-Type');
  c.header('Access-Control-Max-Age', '86400');
  return c.body(null, 204);
}

function limit(c: Context, api: ConsentApi, lang: string): void {
  const wait = api.limiter?.take(clientAddress(c, api.trustProxy)) ?? 0;
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw new GaletteError('rate_limited', translate(lang, 'server.error.rateLimited'));
  }
}

async function submit(c: Context, context: ServerContext, store: boolean): Promise<Response> {
  const api = context.consents;
  const portalId = c.req.param('portalId')!;
  c.header('Cache-Control', 'no-store');
  const revision = await latest(context, portalId);
  if (!revision) return notFoundResponse(c, { portalId });
  const lang = answerLanguage(languageHints(c), revision.content);
  checkConsentOrigin(c, api, revision.content, lang);
  limit(c, api, lang);
  const body = await readJsonBody(c, api.maxBodyBytes, lang);
  const submission = await validate(body, portalId, revision, api);
  if (!store) return c.json({ valid: true, submission });
  if (!api.log) throw new GaletteError('storage', 'no consent log on this store');
  const pseudonym = api.pseudonymize?.(clientAddress(c, api.trustProxy), new Date());
  const result = await api.log.append({
    portalId,
    submission,
    ...(pseudonym === undefined ? {} : { clientPseudonym: pseudonym }),
  });
  context.metrics.consentAppended(result.duplicate ? 'duplicate' : 'stored');
  return c.json(acknowledgement(result), result.duplicate ? 200 : 201);
}

/**
 * Checks the body against the revision it names, which must be one this portal published; the
 * categories and languages allowed are that revision's.
 */
async function validate(
  body: unknown,
  portalId: string,
  latestRevision: Revision,
  api: ConsentApi,
): Promise<ConsentSubmission> {
  const named = (body as { revision?: unknown } | null)?.revision;
  const hash = typeof named === 'string' && REVISION_HASH.test(named) ? named : undefined;
  const revision =
    hash === undefined || hash === latestRevision.hash
      ? latestRevision
      : await api.published.get(portalId, hash);
  const unknownRevision =
    hash !== undefined && revision === undefined
      ? fieldError('revision', 'revision_not_published', { portalId })
      : undefined;
  let submission: ConsentSubmission;
  try {
    submission = parseConsentSubmission(
      body,
      proofCategoryIds((revision ?? latestRevision).content),
    );
  } catch (error) {
    if (error instanceof ValidationError && unknownRevision) {
      throw new ValidationError([unknownRevision, ...error.errors], 'invalid consent');
    }
    throw error;
  }
  if (unknownRevision || !revision)
    throw new ValidationError([unknownRevision!], 'invalid consent');
  if (!revision.content.languages.includes(submission.lang)) {
    const languages = revision.content.languages.join(', ');
    throw new ValidationError(
      [fieldError('lang', 'language_not_published', { portalId, languages })],
      'invalid consent',
    );
  }
  return submission;
}

function acknowledgement({ record, duplicate }: ConsentAppendResult) {
  return {
    duplicate,
    ...receiptRecord(record),
    receipt: `/api/v1/portals/${encodeURIComponent(record.portalId)}/consents/${record.consentId}`,
    receiptPage: receiptPagePath(record.portalId, record.consentId),
  };
}

async function receipt(c: Context, context: ServerContext): Promise<Response> {
  const api = context.consents;
  const portalId = c.req.param('portalId')!;
  const consentId = c.req.param('consentId')!;
  c.header('Cache-Control', 'no-store');
  // The URL holds the visitor's secret: keep it out of Referer headers and search engines.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  const revision = await latest(context, portalId);
  const lang = answerLanguage(languageHints(c), revision?.content);
  if (revision) checkConsentOrigin(c, api, revision.content, lang, { refuse: false });
  limit(c, api, lang);
  const records =
    STORED_CONSENT_ID.test(consentId) && api.log ? await api.log.history(portalId, consentId) : [];
  if (records.length === 0) {
    throw new GaletteError('not_found', translate(lang, 'consent.error.receiptNotFound'));
  }
  return c.json({ portalId, consentId, records: records.map(receiptRecord) });
}
