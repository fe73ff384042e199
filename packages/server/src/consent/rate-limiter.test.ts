import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows a burst, then one request per refill, per client', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 2, perSecond: 0.5, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 2]);
    expect(limiter.take('b')).toBe(0);
    now = 2000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 2]);
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('a');
    limiter.take('c');
    // 'a' was kept, 'b' was forgotten and starts again with a full bucket.
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
  });
});
