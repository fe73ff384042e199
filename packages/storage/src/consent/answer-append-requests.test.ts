import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { answerAppendRequests, type AppendTransaction } from './answer-append-requests.js';
import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';
import type { AppendRequest } from './sqlite-append-thread.js';

/** Items are told apart by their event id; results echo it, which is all these tests read. */
const item = (eventId: string) =>
  ({ portalId: 'p.example', submission: { eventId } }) as ConsentAppend;
const request = (id: number, ...eventIds: string[]): AppendRequest => ({
  id,
  items: eventIds.map(item),
  now: Date.UTC(2026, 10, 29),
  consentLifetimeMonths: 6,
});
const echoed = (items: readonly ConsentAppend[]) =>
  items.map(
    (i) => ({ duplicate: false, record: { eventId: i.submission.eventId } }) as ConsentAppendResult,
  );
const eventIds = (results: ConsentAppendResult[]) => results.map((r) => r.record.eventId);

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('answerAppendRequests', () => {
  it('answers only once a sync begun after the commit has completed', async () => {
    const steps: string[] = [];
    const disk = deferred();
    const transaction: AppendTransaction = (items) => {
      steps.push(`commit ${items.length}`);
      return echoed(items);
    };
    let answered = false;
    const answer = answerAppendRequests(
      [request(1, 'a'), request(2, 'b', 'c')],
      transaction,
      () => {
        steps.push('sync');
        return disk.promise;
      },
    ).then((replies) => ((answered = true), replies));
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(steps).toEqual(['commit 3', 'sync']);
    expect(answered).toBe(false);
    disk.resolve();
    const replies = await answer;
    expect(replies.map((r) => ('results' in r ? [r.id, eventIds(r.results)] : r))).toEqual([
      [1, ['a']],
      [2, ['b', 'c']],
    ]);
  });

  it('acknowledges nothing when the sync fails: committed, perhaps not on disk', async () => {
    const replies = await answerAppendRequests([request(7, 'a')], echoed, () =>
      Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })),
    );
    expect(replies).toEqual([
      { id: 7, error: { message: 'EIO: i/o error, fdatasync', code: 'EIO' } },
    ]);
  });

  it('runs joined requests one by one when their transaction fails, so one cannot sink another', async () => {
    const transaction: AppendTransaction = (items) => {
      if (items.some((i) => i.submission.eventId === 'bad')) {
        throw Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT' });
      }
      return echoed(items);
    };
    let syncs = 0;
    const replies = await answerAppendRequests(
      [request(1, 'a'), request(2, 'bad'), request(3, 'c')],
      transaction,
      async () => void syncs++,
    );
    expect(replies).toEqual([
      { id: 1, results: echoed([item('a')]) },
      { id: 2, error: { message: 'CHECK constraint failed', code: 'SQLITE_CONSTRAINT' } },
      { id: 3, results: echoed([item('c')]) },
    ]);
    expect(syncs).toBe(1);
  });

  it('does not wait for the disk when nothing was stored', async () => {
    const replies = await answerAppendRequests(
      [request(4, 'a')],
      () => {
        throw new Error('database is locked');
      },
      () => new Promise(() => {}),
    );
    expect(replies).toEqual([{ id: 4, error: { message: 'database is locked' } }]);
  });
});
