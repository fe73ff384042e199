import type { Page, Request } from 'playwright-core';

/**
 * Knows when a page's network has gone quiet: no request of any of its frames in flight for a
 * while. Playwright's `networkidle` waits a fixed 500 ms of silence after every page view; a
 * scan of many pages spends most of its time there, so the silence is counted here instead, with
 * a window of the caller's choosing.
 */
export class NetworkQuiet {
  private readonly inflight = new Set<Request>();
  private lastChange = Date.now();

  constructor(page: Page) {
    page.on('request', (r) => {
      this.inflight.add(r);
      this.lastChange = Date.now();
    });
    const done = (r: Request) => {
      if (this.inflight.delete(r)) this.lastChange = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }

  /** Forgets requests of the page left behind (a navigation cancels them without a word). */
  reset(): void {
    this.inflight.clear();
    this.lastChange = Date.now();
  }

  /** Resolves once nothing has been in flight for `idleMs`, or after `maxMs` at most. */
  async wait(idleMs: number, maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    for (;;) {
      const now = Date.now();
      if (now >= end) return;
      const quietFor = now - this.lastChange;
      if (this.inflight.size === 0 && quietFor >= idleMs) return;
      const step = this.inflight.size === 0 ? idleMs - quietFor : 50;
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, Math.min(step, end - now))));
    }
  }
}
