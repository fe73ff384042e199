import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** A content coding the server can answer with. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** One encoded body with everything needed to answer without further work. */
export interface EncodedVariant {
  readonly coding: ContentCoding;
  readonly body: Uint8Array;
  /** Strong ETag: a hash of exactly these bytes, so each coding has its own. */
  readonly etag: string;
  /** Complete headers of the 200 answer (Content-Length included). */
  readonly headers: Readonly<Record<string, string>>;
  /** Headers of the 304 answer. */
  readonly notModifiedHeaders: Readonly<Record<string, string>>;
}

/**
 * A cacheable document precomputed in every coding. Built once per (document, revision), then
 * every request only picks a variant and compares an ETag.
 */
export interface Representation {
  readonly identity: EncodedVariant;
  readonly gzip: EncodedVariant;
  readonly br: EncodedVariant;
}

export interface RepresentationOptions {
  readonly contentType: string;
  /** `Cache-Control` of the 200 and 304 answers. */
  readonly cacheControl: string;
  /** Request headers the document depends on besides `Accept-Encoding`. */
  readonly vary?: readonly string[];
  /** Extra headers sent with every answer, e.g. `Content-Language`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export function createRepresentation(
  content: string | Uint8Array,
  options: RepresentationOptions,
): Representation {
  const identity = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const gzip = gzipSync(identity, { level: 9 });
  const br = brotliCompressSync(identity, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
      [zlib.BROTLI_PARAM_SIZE_HINT]: identity.byteLength,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
    },
  });
  const vary = [...(options.vary ?? []), 'Accept-Encoding'].join(', ');
  const variant = (coding: ContentCoding, body: Uint8Array): EncodedVariant => {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const common: Record<string, string> = {
      ...options.headers,
      'cache-control': options.cacheControl,
      vary,
      etag,
    };
    if (coding !== 'identity') common['content-encoding'] = coding;
    return Object.freeze({
      coding,
      body,
      etag,
      headers: Object.freeze({
        ...common,
        'content-type': options.contentType,
        'content-length': String(body.byteLength),
      }),
      notModifiedHeaders: Object.freeze(common),
    });
  };
  return Object.freeze({
    identity: variant('identity', identity),
    gzip: variant('gzip', gzip),
    br: variant('br', br),
  });
}

/**
 * The answer to a GET of `representation`: 304 when `If-None-Match` names the chosen variant's
 * ETag, else 200 with the precomputed bytes. Synchronous and allocation-light: this is the hot
 * path of every public page.
 */
export function respondWith(
  representation: Representation,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): Response {
  const variant = representation[negotiateEncoding(acceptEncoding)];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, variant.etag)) {
    return new Response(null, { status: 304, headers: variant.notModifiedHeaders });
  }
  // zlib and TextEncoder buffers are never backed by a SharedArrayBuffer, which is all the DOM
  // lib's BodyInit rules out.
  return new Response(variant.body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: variant.headers,
  });
}

/**
 * `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`, and `*`
 * matches any current representation.
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  for (const raw of ifNoneMatch.split(',')) {
    const tag = raw.trim();
    if (tag === '*') return true;
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}

const codingCache = new Map<string, ContentCoding>();
const CODING_CACHE_LIMIT = 256;

/**
 * Best coding the client accepts, br over gzip over identity. Clients send few distinct headers,
 * so results are memoised by the raw header value.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const known = codingCache.get(acceptEncoding);
  if (known !== undefined) return known;
  const coding = parseAcceptEncoding(acceptEncoding);
  if (codingCache.size >= CODING_CACHE_LIMIT) codingCache.clear();
  codingCache.set(acceptEncoding, coding);
  return coding;
}

function parseAcceptEncoding(header: string): ContentCoding {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const accepts = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || accepts('x-gzip')) return 'gzip';
  return 'identity';
}
