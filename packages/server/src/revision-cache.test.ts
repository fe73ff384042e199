import { StorageError, UnavailableError, type Revision } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { MISS, createRevisionCache } from './revision-cache.js';

function fakeStore() {
  const latest = new Map<string, Revision>();
  const calls: string[] = [];
  let failure: Error | undefined;
  let silent = false;
  const store = {
    latestRevision(portalId: string) {
      calls.push(portalId);
      if (silent) return new Promise<Revision | undefined>(() => undefined);
      return failure ? Promise.reject(failure) : Promise.resolve(latest.get(portalId));
    },
  };
  const publish = (portalId: string, number: number) =>
    latest.set(portalId, { portalId, number, hash: `sha256:${number}` } as unknown as Revision);
  /** From now on every query fails with `error` (none: the database answers again). */
  const fail = (error?: Error) => {
    failure = error;
  };
  /** From now on no query ever answers (a silent network), or they answer again. */
  const silence = (on: boolean) => {
    silent = on;
  };
  return { store, calls, publish, fail, silence };
}

describe('createRevisionCache', () => {
  it('asks the store once per TTL and answers synchronously in between', async () => {
    let now = 1_000;
    const { store, calls, publish } = fakeStore();
    publish('a', 1);
    const cache = createRevisionCache({ store, ttlMs: 100, now: () => now });
    expect(cache.peek('a')).toBe(MISS);
    expect((await cache.get('a'))?.number).toBe(1);
    expect((cache.peek('a') as Revision).number).toBe(1);
    publish('a', 2);
    now += 99;
    expect((await cache.get('a'))?.number).toBe(1);
    now += 1;
    expect(cache.peek('a')).toBe(MISS);
    expect((await cache.get('a'))?.number).toBe(2);
    expect(calls).toEqual(['a', 'a']);
  });

  it('remembers that a portal has nothing published', async () => {
    const { store, calls } = fakeStore();
    const cache = createRevisionCache({ store, ttlMs: 1_000 });
    expect(await cache.get('none')).toBeUndefined();
    expect(cache.peek('none')).toBeUndefined();
    expect(calls).toEqual(['none']);
  });

  it('shares one query between concurrent requests', async () => {
    const { store, calls, publish } = fakeStore();
    publish('a', 1);
    const cache = createRevisionCache({ store });
    await Promise.all([cache.get('a'), cache.get('a'), cache.get('a')]);
    expect(calls).toEqual(['a']);
  });

  it('forgets a portal on onPublish, even while a query for it is in flight', async () => {
    const { store, publish } = fakeStore();
    publish('a', 1);
    const cache = createRevisionCache({ store, ttlMs: 60_000 });
    const before = cache.get('a');
    cache.onPublish('a');
    publish('a', 2);
    expect((await before)?.number).toBe(1);
    expect(cache.peek('a')).toBe(MISS);
    expect((await cache.get('a'))?.number).toBe(2);
  });

  it('keeps answering with the last revision while the database does not answer', async () => {
    let now = 1_000;
    const { store, calls, publish, fail } = fakeStore();
    publish('a', 1);
    const cache = createRevisionCache({ store, ttlMs: 100, now: () => now });
    expect((await cache.get('a'))?.number).toBe(1);
    fail(new UnavailableError('postgres store: latestRevision(a) failed: connect ECONNREFUSED'));
    now += 100;
    expect((await cache.get('a'))?.number).toBe(1);
    // Asked again once per TTL, not at every request.
    now += 99;
    expect((cache.peek('a') as Revision).number).toBe(1);
    expect(calls).toEqual(['a', 'a']);
    // A portal never seen before has nothing to fall back on.
    await expect(cache.get('b')).rejects.toBeInstanceOf(UnavailableError);
    now += 1;
    fail();
    publish('a', 2);
    expect((await cache.get('a'))?.number).toBe(2);
  });

  it('does not hide other storage failures behind the last answer', async () => {
    let now = 1_000;
    const { store, publish, fail } = fakeStore();
    publish('a', 1);
    const cache = createRevisionCache({ store, ttlMs: 100, now: () => now });
    await cache.get('a');
    fail(new StorageError('sqlite store: latestRevision(a) failed: no such table: revisions'));
    now += 100;
    await expect(cache.get('a')).rejects.toBeInstanceOf(StorageError);
  });

  it('keeps at most maxEntries portals', async () => {
    const { store, publish } = fakeStore();
    for (const id of ['a', 'b', 'c']) publish(id, 1);
    const cache = createRevisionCache({ store, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) await cache.get(id);
    expect(cache.peek('a')).toBe(MISS);
    expect(cache.peek('c')).not.toBe(MISS);
  });

  it('serves the last revision when a refresh does not answer in time, and keeps it for a TTL', async () => {
    let now = 1_000;
    const { store, calls, publish, silence } = fakeStore();
    publish('a', 1);
    const cache = createRevisionCache({ store, ttlMs: 100, staleWaitMs: 5, now: () => now });
    expect((await cache.get('a'))?.number).toBe(1);
    silence(true);
    now += 100;
    expect((await cache.get('a'))?.number).toBe(1);
    // Kept for another TTL: the next requests are answered at once, without asking again.
    expect((cache.peek('a') as Revision).number).toBe(1);
    expect(calls).toEqual(['a', 'a']);
    // Once the database answers again, the next refresh brings the new revision.
    silence(false);
    publish('a', 2);
    now += 100;
    expect((await cache.get('a'))?.number).toBe(2);
  });
});
