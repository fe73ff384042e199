import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.js';

describe('timeOrderedId', () => {
  it('is a version 7 UUID whose text order is creation order, within one millisecond too', () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(1_800_000_000_000));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = timeOrderedId(1_800_000_000_001 + 10);
    expect(later > ids.at(-1)!).toBe(true);
    // A clock stepping back does not reorder.
    expect(timeOrderedId(1_700_000_000_000) > later).toBe(true);
  });
});
