import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan, ScanOptionsError } from '@galette/scanner';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

let site: FixtureSite;

beforeAll(async () => {
  site = await startFixtureSite();
}, 60_000);

afterAll(async () => {
  await site?.close();
});

describe('a scan with a network guard (as the server runs them)', () => {
  it('aborts every request the guard refuses, frames of consented third parties included', async () => {
    const refused = new Set<string>();
    const { result } = await runScan({
      url: site.url,
      revision: site.revision,
      pages: 1,
      scenarios: ['accept-all'],
      settleMs: 1000,
      browser: {
        networkGuard: {
          async allows(url) {
            const blocked = url.startsWith(site.thirdParty);
            if (blocked) refused.add(url);
            return !blocked;
          },
        },
      },
    });
    const accepted = result.scenarios.find((s) => s.id === 'accept-all')!;
    // Without the guard this scenario loads the third party's frame and gets its `tp_sess`
    // (scan-fixture.test.ts); with it, the request never leaves the browser.
    expect([...refused].some((u) => u.startsWith(`${site.thirdParty}/embed`))).toBe(true);
    expect(accepted.cookies.map((c) => c.name)).not.toContain('tp_sess');
    expect(accepted.cookies.map((c) => c.name)).toContain('stats_long');
  }, 120_000);

  it('refuses a start address the guard refuses, before any browser starts', async () => {
    await expect(
      runScan({ url: site.url, browser: { networkGuard: { allows: async () => false } } }),
    ).rejects.toBeInstanceOf(ScanOptionsError);
  });
});
