import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainApp } from '../src/index.js';
import { PARIS, PARIS_ORIGIN, consentApp } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
let setup: Setup;
beforeAll(async () => {
  setup = await consentApp();
});
afterAll(() => setup.store.close());

const today = () => new Date().toISOString().slice(0, 10);

function beacon(body: string, headers: Record<string, string> = {}, portal = PARIS) {
  return setup.app.request(`/api/v1/portals/${portal}/banner-views`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'content-length': String(Buffer.byteLength(body)),
      origin: PARIS_ORIGIN,
      ...headers,
    },
    body,
  });
}

describe('POST /api/v1/portals/{portalId}/banner-views', () => {
  it('counts banners shown per portal, day and published revision, and nothing else', async () => {
    const { revision, log } = setup;
    const answers = await Promise.all([
      beacon(revision.hash),
      beacon(revision.hash),
      beacon(`${revision.hash}\n`),
      beacon(`sha256:${'0'.repeat(64)}`), // never published
      beacon('not a hash'),
      beacon(revision.hash, { origin: 'https://elsewhere.example' }),
      beacon(revision.hash, {}, 'unknown.example'),
      beacon(`${revision.hash}${' '.repeat(200)}`), // longer than any beacon
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(204));
    expect(answers[0]!.headers.get('access-control-allow-origin')).toBe(PARIS_ORIGIN);
    expect(answers[0]!.headers.get('set-cookie')).toBeNull();
    // Counted in memory, written once a second or when the app drains.
    await drainApp(setup.app);
    expect(await log.bannerViews(PARIS, today(), today())).toEqual([
      { portalId: PARIS, day: today(), revision: revision.hash, shown: 3 },
    ]);
    await beacon(revision.hash);
    await drainApp(setup.app);
    expect((await log.bannerViews(PARIS, today(), today()))[0]!.shown).toBe(4);
  });
});
