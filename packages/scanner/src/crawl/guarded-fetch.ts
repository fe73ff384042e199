import type { NetworkGuard } from '@galette/core/node';

const MAX_REDIRECTS = 5;

/**
 * `fetch` that asks the guard before each request and follows redirects itself, so that a
 * public page cannot redirect the crawl into the server's own networks. A refused address
 * fails the fetch like an unreachable one.
 */
export function guardedFetch(guard: NetworkGuard, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    let url = input instanceof Request ? input.url : String(input);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!(await guard.allows(url))) throw new TypeError(`blocked: ${new URL(url).host}`);
      const response = await base(url, { ...init, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null) return response;
      await response.body?.cancel();
      url = new URL(location, url).href;
    }
    throw new TypeError('too many redirects');
  };
}
