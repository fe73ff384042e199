import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './group-commit-queue.js';

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
      { maxInFlight: 2 },
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
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
});
