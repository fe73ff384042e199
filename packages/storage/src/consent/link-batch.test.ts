import { describe, expect, it } from 'vitest';
import { addMonths } from './link-batch.js';

describe('addMonths', () => {
  it('moves by calendar months in UTC, clamping to the last day of the month', () => {
    const at = (iso: string, months: number) => addMonths(new Date(iso), months).toISOString();
    expect(at('2026-01-15T10:00:00.000Z', 6)).toBe('2026-07-15T10:00:00.000Z');
    expect(at('2026-08-31T23:59:59.999Z', 6)).toBe('2027-02-28T23:59:59.999Z');
    expect(at('2027-08-31T00:00:00.000Z', 6)).toBe('2028-02-29T00:00:00.000Z');
    expect(at('2026-12-31T00:00:00.000Z', 13)).toBe('2028-01-31T00:00:00.000Z');
  });
});
