import { translator } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.js';
import { DEFAULT_SCAN_KEEP_EVIDENCE, scanKeepEvidence } from './scan-settings.js';

const t = translator('en');

describe('scanKeepEvidence', () => {
  it('keeps the newest 30 scans’ files unless told another count, or all', () => {
    expect(scanKeepEvidence({}, t)).toBe(DEFAULT_SCAN_KEEP_EVIDENCE);
    expect(DEFAULT_SCAN_KEEP_EVIDENCE).toBe(30);
    expect(scanKeepEvidence({ GALETTE_SCAN_KEEP_EVIDENCE: ' 7 ' }, t)).toBe(7);
    expect(scanKeepEvidence({ GALETTE_SCAN_KEEP_EVIDENCE: 'All' }, t)).toBe('all');
  });

  it('names the variable and what it takes when the value is wrong', () => {
    expect(() => scanKeepEvidence({ GALETTE_SCAN_KEEP_EVIDENCE: 'ten' }, t)).toThrow(
      new UsageError('GALETTE_SCAN_KEEP_EVIDENCE: invalid value "ten" (expected: 1–100000 | all).'),
    );
    for (const value of ['0', '-3', '2.5', '100001']) {
      expect(() => scanKeepEvidence({ GALETTE_SCAN_KEEP_EVIDENCE: value }, t)).toThrow(UsageError);
    }
  });
});
