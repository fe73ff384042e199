import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './group-commit-queue.js';

/** One turn of the event loop: resolves after the immediates queued before it. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommitQueue', () => {
  it('hands the calls that arrive during a flush to the next flush, together', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const queue = new GroupCommitQueue<number, string>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((i) => `ok ${i}`);
    });
    const first = queue.enqueue(0);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3].map((i) => queue.enqueue(i));
    expect(queue.pending).toBe(3);
    release();
    expect(await Promise.all([first, ...rest])).toEqual(['ok 0', 'ok 1', 'ok 2', 'ok 3']);
    expect(batches).toEqual([[0], [1, 2, 3]]);
  });

  it('runs up to maxInFlight flushes at once, handing each the calls queued so far', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        batches.push([...items]);
        await new Promise<void>((resolve) => releases.push(resolve));
        return items;
      },
      // One turn each: this test is about flushes in flight, not about batches growing.
      { maxInFlight: 2, maxTurns: 1 },
    );
    const calls = [queue.enqueue(0)];
    await turn();
    calls.push(queue.enqueue(1), queue.enqueue(2));
    await turn();
    calls.push(queue.enqueue(3));
    await turn();
    // Two flushes run; the third waits for one of them to end.
    expect(batches).toEqual([[0], [1, 2]]);
    expect(queue.pending).toBe(1);
    releases[0]!();
    await calls[0];
    await turn();
    await turn();
    expect(batches).toEqual([[0], [1, 2], [3]]);
    releases[1]!();
    releases[2]!();
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3]);
    await queue.drain();
  });

  it('flushes a lone call on the next turn of the event loop', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      batches.push([...items]);
      return items;
    });
    const call = queue.enqueue(0);
    await turn();
    expect(batches).toEqual([[0]]);
    expect(await call).toBe(0);
  });

  it('lets a batch grow while each turn brings more calls, flushing at the first quiet turn', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      batches.push([...items]);
      return items;
    });
    const calls = [queue.enqueue(0), queue.enqueue(1)];
    await turn();
    calls.push(queue.enqueue(2));
    await turn();
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([[0, 1, 2]]);
    expect(await Promise.all(calls)).toEqual([0, 1, 2]);
  });

  it('stops waiting after maxTurns turns, however fast calls keep coming', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        batches.push([...items]);
        return items;
      },
      { maxTurns: 3 },
    );
    const calls = [queue.enqueue(0)];
    for (let i = 1; batches.length === 0; i++) {
      calls.push(queue.enqueue(i));
      await turn();
    }
    expect(batches).toEqual([[0, 1, 2, 3]]);
    await Promise.all(calls);
  });

  it('splits batches at maxBatch', async () => {
    const sizes: number[] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => queue.enqueue(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('fails one call for an Error result, every call of the batch when the flush throws', async () => {
    let calls = 0;
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      if (++calls === 1) return items.map((i) => (i === 1 ? new Error('bad item') : i));
      throw new Error('database down');
    });
    const first = await Promise.allSettled([0, 1, 2].map((i) => queue.enqueue(i)));
    expect(first.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const second = await Promise.allSettled([3, 4].map((i) => queue.enqueue(i)));
    expect(second).toEqual([
      { status: 'rejected', reason: new Error('database down') },
      { status: 'rejected', reason: new Error('database down') },
    ]);
  });

  it('drains: resolves once everything enqueued has settled', async () => {
    const done: number[] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => items, { maxBatch: 2 });
    for (let i = 0; i < 5; i++) void queue.enqueue(i).then((v) => done.push(v));
    await queue.drain();
    await Promise.resolve();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails calls past the deadline while the flush hangs, starts the next batch, and drains it', async () => {
    const started: number[][] = [];
    const releases: (() => void)[] = [];
    const queue = new GroupCommitQueue<number, number>(
      (items) => {
        started.push([...items]);
        // The first flush hangs, like a query sent into a silent network; later ones answer.
        if (started.length > 1) return Promise.resolve(items);
        return new Promise((resolve) => releases.push(() => resolve(items)));
      },
      { deadlineMs: 20, late: () => new Error('too late') },
    );
    const hung = queue.enqueue(1);
    await expect(hung).rejects.toThrow('too late');
    // The hung batch no longer holds the queue: the next call is flushed and answered.
    await expect(queue.enqueue(2)).resolves.toBe(2);
    expect(started).toEqual([[1], [2]]);
    let drained = false;
    const draining = queue.drain().then(() => (drained = true));
    await turn();
    expect(drained).toBe(false); // the hung flush may still commit: drain waits for it
    releases[0]!();
    await draining;
  });

  it('without a deadline, waits for the flush however long it takes', async () => {
    let release: () => void = () => undefined;
    const queue = new GroupCommitQueue<number, number>(
      (items) => new Promise((resolve) => (release = () => resolve(items))),
    );
    let settled = false;
    const call = queue.enqueue(7).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    release();
    await expect(call).resolves.toBe(7);
  });
});
