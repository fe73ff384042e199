import type { CookieDatabase } from '@galette/core/cookie-database';

/**
 * The Open Cookie Database for the publication gate, loaded on the first publication (not at
 * start-up) from where `galette import` reads it (`GALETTE_COOKIE_DATABASE`, else the shipped
 * copy). A file that cannot be read leaves the gate without it rather than refusing to publish:
 * the database only adds the `known-tracker-necessary` check.
 */
export function lazyCookieDatabase(): () => Promise<CookieDatabase | undefined> {
  let loading: Promise<CookieDatabase | undefined> | undefined;
  return () => {
    loading ??= import('@galette/core/node')
      .then(({ loadCookieDatabase }) => loadCookieDatabase())
      .catch(() => undefined);
    return loading;
  };
}
