import { sha256Hex } from '@galette/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSha256Hex } from './node-sha256-hex.js';

describe('nodeSha256Hex', () => {
  it('gives the digest of the UTF-8 bytes, as core’s own SHA-256 does', () => {
    expect(nodeSha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(nodeSha256Hex(text)).toBe(sha256Hex(text));
      }),
    );
  });
});
