import { describe, expect, it } from 'vitest';
import { WalSyncer, type SyncableFile } from './wal-syncer.js';

/** A log file whose syncs finish when the test says so. */
function fakeFile() {
  const syncs: { release: () => void; fail: (error: Error) => void }[] = [];
  const opened: string[] = [];
  let closed = 0;
  const file: SyncableFile = {
    datasync: () =>
      new Promise<void>((release, fail) => {
        syncs.push({ release, fail });
      }),
    close: async () => {
      closed++;
    },
  };
  return {
    syncs,
    opened,
    closed: () => closed,
    open: async (path: string) => {
      opened.push(path);
      return file;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('WalSyncer', () => {
  it('syncs the log beside the database, once for all the calls made during a sync', async () => {
    const file = fakeFile();
    const syncer = new WalSyncer('/data/galette.db', file.open);
    const settled: string[] = [];
    const first = syncer.sync().then(() => settled.push('first'));
    await turn();
    expect(file.opened).toEqual(['/data/galette.db-wal']);
    expect(file.syncs).toHaveLength(1);
    // Committed while the first sync runs: it may not cover them, so they wait for another.
    const later = [1, 2, 3].map((i) => syncer.sync().then(() => settled.push(`later ${i}`)));
    await turn();
    expect(file.syncs).toHaveLength(1);
    file.syncs[0]!.release();
    await first;
    await turn();
    expect(settled).toEqual(['first']);
    expect(file.syncs).toHaveLength(2);
    file.syncs[1]!.release();
    await Promise.all(later);
    expect(settled).toEqual(['first', 'later 1', 'later 2', 'later 3']);
    expect(file.opened).toHaveLength(1);
    await syncer.close();
    expect(file.closed()).toBe(1);
  });

  it('fails the calls a failed sync covered, and syncs again for the next ones', async () => {
    const file = fakeFile();
    const syncer = new WalSyncer('/data/galette.db', file.open);
    const failed = syncer.sync();
    await turn();
    file.syncs[0]!.fail(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    const next = syncer.sync();
    await turn();
    file.syncs[1]!.release();
    await expect(next).resolves.toBeUndefined();
  });
});
