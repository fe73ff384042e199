import { describe, expect, it } from 'vitest';
import { addLifetime, lifetimeDays, parseLifetime } from './lifetime.js';
import { portalFileSchema } from './portal-file-schema.js';

const duration = (text: string) => {
  const lifetime = parseLifetime(text);
  if (lifetime?.kind !== 'duration') throw new Error(`not a duration: ${text}`);
  return lifetime;
};
const plus = (at: string, text: string) => addLifetime(new Date(at), duration(text)).toISOString();
const minus = (at: string, text: string) =>
  addLifetime(new Date(at), duration(text), -1).toISOString();

describe('parseLifetime', () => {
  it.each([
    ['PT1S', 1 / 86_400],
    ['P1Y2M', 365.25 + 2 * 30.4375],
    ['P1W', 7],
    ['PT36H', 1.5],
    ['P1W3D', 10],
    ['P1DT12H', 1.5],
    ['PT90M', 1.0 / 16],
    ['P13M', 13 * 30.4375],
    ['P1.5D', 1.5],
    ['PT0,5S', 0.5 / 86_400],
    ['PT1M30.25S', 90.25 / 86_400],
    ['P1Y2M3W4DT5H6M7S', 365.25 + 60.875 + 21 + 4 + 5 / 24 + 6 / 1440 + 7 / 86_400],
  ])('reads %s', (text, days) => {
    expect(lifetimeDays(parseLifetime(text)!)).toBeCloseTo(days, 9);
  });

  it.each([
    ['P0D', 'zero: gone at once'],
    ['PT0S', 'zero'],
    ['P0Y0M', 'zero'],
    ['P', 'no figure'],
    ['PT', 'no figure after T'],
    ['P1DT', 'T without a figure'],
    ['P1H', 'hours before T'],
    ['PT1D', 'days after T'],
    ['P1M1Y', 'units out of order'],
    ['P1.5Y', 'a fraction of a calendar year'],
    ['P0.5M', 'a fraction of a calendar month'],
    ['P1.5DT2H', 'a fraction before the last figure'],
    ['P-1D', 'negative'],
    ['p1d', 'lower case'],
    ['P0001-02-03', 'the alternative form'],
    ['1 year', 'words'],
    ['P1D ', 'trailing space'],
  ])('refuses %s (%s)', (text) => {
    expect(parseLifetime(text)).toBeUndefined();
  });

  it('reads session', () => {
    expect(parseLifetime('session')).toEqual({ kind: 'session' });
  });

  it('reads every combination of units that ISO 8601 writes, in order', () => {
    const units = ['Y', 'M', 'W', 'D', 'H', 'M', 'S'];
    for (let mask = 1; mask < 1 << units.length; mask++) {
      let date = 'P';
      let time = '';
      units.forEach((unit, i) => {
        if (!(mask & (1 << i))) return;
        if (i < 4) date += `${i + 1}${unit}`;
        else time += `${i + 1}${unit}`;
      });
      const text = time === '' ? date : `${date}T${time}`;
      expect(parseLifetime(text), text).toBeDefined();
    }
  });
});

describe('addLifetime', () => {
  it('counts months and years on the calendar, keeping the day or the month’s last', () => {
    expect(plus('2026-01-31T10:00:00.000Z', 'P1M')).toBe('2026-02-28T10:00:00.000Z');
    expect(plus('2028-01-31T10:00:00.000Z', 'P1M')).toBe('2028-02-29T10:00:00.000Z');
    expect(plus('2028-02-29T00:00:00.000Z', 'P1Y')).toBe('2029-02-28T00:00:00.000Z');
    expect(plus('2026-03-15T00:00:00.000Z', 'P1Y2M')).toBe('2027-05-15T00:00:00.000Z');
    expect(plus('2026-11-30T00:00:00.000Z', 'P3M')).toBe('2027-02-28T00:00:00.000Z');
    expect(minus('2026-03-31T00:00:00.000Z', 'P1M')).toBe('2026-02-28T00:00:00.000Z');
    expect(minus('2026-01-15T00:00:00.000Z', 'P13M')).toBe('2024-12-15T00:00:00.000Z');
  });

  it('adds weeks, days and smaller units as fixed lengths', () => {
    expect(plus('2026-01-01T00:00:00.000Z', 'PT1S')).toBe('2026-01-01T00:00:01.000Z');
    expect(plus('2026-01-01T00:00:00.000Z', 'PT36H')).toBe('2026-01-02T12:00:00.000Z');
    expect(plus('2026-01-01T00:00:00.000Z', 'P1W')).toBe('2026-01-08T00:00:00.000Z');
    expect(plus('2026-01-31T00:00:00.000Z', 'P1M1D')).toBe('2026-03-01T00:00:00.000Z');
    expect(plus('2026-01-01T00:00:00.000Z', 'PT0.5S')).toBe('2026-01-01T00:00:00.500Z');
  });
});

describe('the portal file schema’s lifetime pattern', () => {
  it('accepts what parseLifetime reads and refuses the rest (zero aside)', () => {
    const schema = portalFileSchema as unknown as {
      $defs: { declaration: { properties: { lifetime: { pattern: string } } } };
    };
    const pattern = new RegExp(schema.$defs.declaration.properties.lifetime.pattern);
    const texts = [
      'session',
      'PT1S',
      'P1Y2M',
      'P1W',
      'PT36H',
      'P1W3D',
      'P1.5D',
      'PT0,5S',
      'PT1M30.25S',
      'P1Y2M3W4DT5H6M7S',
      'P',
      'PT',
      'P1DT',
      'P1H',
      'PT1D',
      'P1M1Y',
      'P1.5Y',
      'P0.5M',
      'P1.5DT2H',
      'P-1D',
      'p1d',
      'P0001-02-03',
      '1 year',
      'P1D ',
    ];
    for (const text of texts) {
      expect(pattern.test(text), text).toBe(parseLifetime(text) !== undefined);
    }
    // A pattern cannot say "longer than zero": the import does.
    expect(pattern.test('P0D')).toBe(true);
    expect(parseLifetime('P0D')).toBeUndefined();
  });
});
