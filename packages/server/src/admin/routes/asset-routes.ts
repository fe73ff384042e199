import { respondWith } from '../../representation.js';
import { requestHeader } from '../../request-header.js';
import { consoleAssets, CONSOLE_ASSETS } from '../assets/console-assets.js';
import type { ConsoleRouter } from '../console-router.js';
import { rules } from '../route-rule.js';

/** The console's stylesheets, fonts and icons: public, immutable, compressed once. */
export function consoleAssetRoutes(router: ConsoleRouter): void {
  router.page('GET', `${CONSOLE_ASSETS}/*`, rules.public, (c) => {
    const name = c.req.path.slice(CONSOLE_ASSETS.length + 1);
    const file = consoleAssets().file(name);
    if (!file) return c.notFound();
    return respondWith(
      file,
      requestHeader(c, 'accept-encoding'),
      requestHeader(c, 'if-none-match'),
    );
  });
}
