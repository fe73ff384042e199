import { ValidationError, translate } from '@galette/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../error-handler.js';
import { requestHeader } from '../request-header.js';

/**
 * Reads a small JSON body without ever holding more than `maxBytes`: a declared length over the
 * limit is refused before reading, a streamed body is cut as soon as it passes it. `text/plain`
 * is accepted beside `application/json` so a page may send it without a CORS preflight.
 */
export async function readJsonBody(c: Context, maxBytes: number, lang: string): Promise<unknown> {
  const type = requestHeader(c, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== '' && type !== 'application/json' && type !== 'text/plain') {
    throw refusal(c, 415, translate(lang, 'consent.error.mediaType'));
  }
  const declared = requestHeader(c, 'content-length');
  const tooLarge = () =>
    refusal(c, 413, translate(lang, 'consent.error.bodyTooLarge', { max: maxBytes }));
  let text: string;
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    throw tooLarge();
  }
  try {
    // The HTTP parser never delivers more than a declared length.
    text =
      declared !== undefined
        ? await c.req.text()
        : await readCapped(c.req.raw.body, maxBytes, tooLarge);
  } catch (error) {
    if (error instanceof HTTPException) throw error;
    // The client went away mid-body (a closed tab, a lost network): nothing to answer, nothing
    // broken on this side, so no internal error and no stack in the log.
    throw refusal(c, 400, translate(lang, 'operations.request.aborted'));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError(
      [{ path: '', message: translate(lang, 'consent.error.malformedJson') }],
      'invalid consent',
    );
  }
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An answer in the API's error shape for the statuses the error codes do not cover. */
function refusal(c: Context, status: ContentfulStatusCode, message: string): HTTPException {
  const body: ErrorBody = { error: { code: 'invalid_input', message } };
  c.header('Cache-Control', 'no-store');
  return new HTTPException(status, { res: c.json(body, status) });
}
