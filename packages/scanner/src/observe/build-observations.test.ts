import { describe, expect, it } from 'vitest';
import type { CookieEvent, Recording } from '../browser/scenario-recorder.js';
import { buildObservations } from './build-observations.js';
import { parseSetCookie } from './parse-set-cookie.js';

const DAY = 86_400_000;
const script = { via: 'script' as const, script: 'https://a.example/m.js', stack: [], frame: '' };

/** A `document.cookie` write on page view `visit`, `day` days after the first. */
function write(text: string, visit: number, day: number): CookieEvent {
  const time = Date.UTC(2026, 0, 1) + day * DAY;
  return { ...parseSetCookie(text, time)!, host: 'a.example', time, visit, setter: script };
}

function recording(events: CookieEvent[]): Recording {
  const visits = Math.max(...events.map((e) => e.visit)) + 1;
  return {
    cookieEvents: events,
    storageEvents: [],
    requests: [],
    snapshots: [],
    initiators: new Map(),
    visitUrls: Array.from({ length: visits }, (_, i) => `https://a.example/${i}`),
  };
}

const renewed = (events: CookieEvent[]) =>
  buildObservations(recording(events), 'a.example').cookies.find((c) => c.name === '_id')!.renewed;

describe('a renewed cookie', () => {
  it('is written again on every later page view with a later expiry', () => {
    expect(
      renewed([
        write('_id=1; Max-Age=33696000', 0, 0),
        write('_id=1; Max-Age=33696000', 1, 1),
        write('_id=1; Max-Age=33696000', 2, 2),
      ]),
    ).toBe(true);
  });

  it('is not one written once, nor one rewritten with the same date', () => {
    expect(renewed([write('_id=1; Max-Age=33696000', 0, 0)])).toBe(false);
    const fixed = 'Expires=Wed, 01 Sep 2027 00:00:00 GMT';
    expect(renewed([write(`_id=1; ${fixed}`, 0, 0), write(`_id=1; ${fixed}`, 1, 1)])).toBe(false);
  });

  it('is not one deleted (by a banner, after a choice) and then created again', () => {
    expect(
      renewed([
        write('_id=1; Max-Age=33696000', 0, 0),
        write('_id=; Max-Age=0', 1, 1),
        write('_id=2; Max-Age=33696000', 2, 2),
      ]),
    ).toBe(false);
  });
});
