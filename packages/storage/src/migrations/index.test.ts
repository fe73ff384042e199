import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.js';

describe('MIGRATIONS', () => {
  it('are uniquely named NNNN-name, listed in the alphabetical order Kysely applies them in', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(names.every((n) => /^\d{4}-[a-z0-9-]+$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort());
  });
});
