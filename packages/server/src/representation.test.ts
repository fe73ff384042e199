import { describe, expect, it } from 'vitest';
import {
  createRepresentation,
  etagMatches,
  negotiateEncoding,
  respondWith,
} from './representation.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.1, gzip;q=1', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['deflate', 'identity'],
    ['GZIP', 'gzip'],
  ] as const)('%s → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('etagMatches', () => {
  it('uses the weak comparison', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches('"a', '"a"')).toBe(false);
  });
});

describe('respondWith', () => {
  const representation = createRepresentation('bonjour '.repeat(100), {
    contentType: 'text/plain; charset=utf-8',
    cacheControl: 'public, max-age=60',
    vary: ['Accept-Language'],
    headers: { 'content-language': 'fr' },
  });

  it('precomputes smaller compressed bodies with distinct ETags', () => {
    const { identity, gzip, br } = representation;
    expect(gzip.body.byteLength).toBeLessThan(identity.body.byteLength);
    expect(br.body.byteLength).toBeLessThan(identity.body.byteLength);
    expect(new Set([identity.etag, gzip.etag, br.etag]).size).toBe(3);
  });

  it('answers 200 with the variant’s headers', async () => {
    const res = respondWith(representation, 'gzip', undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Language, Accept-Encoding');
    expect(res.headers.get('content-language')).toBe('fr');
    expect(res.headers.get('content-length')).toBe(String(representation.gzip.body.byteLength));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(representation.gzip.body));
  });

  it('answers 304 without a body or a content type when the ETag matches', async () => {
    const res = respondWith(representation, undefined, representation.identity.etag);
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(representation.identity.etag);
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.body).toBeNull();
  });
});
