import { StorageError, UnavailableError, translator } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { serverErrorLog } from './server-error-log.js';

describe('serverErrorLog', () => {
  it('logs one line per window while the database does not answer, with the count left out', () => {
    const lines: unknown[] = [];
    let now = 0;
    const log = serverErrorLog({
      t: translator('en'),
      write: (entry) => lines.push(entry),
      windowMs: 10_000,
      now: () => now,
    });
    const down = new UnavailableError('postgres consent log: append failed: connect ECONNREFUSED');
    log(down);
    for (now = 1; now < 10_000; now += 1000) log(down);
    expect(lines).toEqual([
      'Database out of reach, requests refused (503): postgres consent log: append failed: connect ECONNREFUSED',
    ]);
    now = 10_000;
    log(down);
    expect(lines[1]).toBe(
      'Database still out of reach, 10 request(s) refused (503) since the last line: postgres consent log: append failed: connect ECONNREFUSED',
    );
    // Other server errors keep their stack, every time, even during an outage.
    const bug = new StorageError('sqlite store: savePortal failed: no such column');
    const crash = new TypeError('x is undefined');
    log(bug);
    log(crash);
    log(down);
    expect(lines.slice(2)).toEqual([bug, crash]);
  });
});
