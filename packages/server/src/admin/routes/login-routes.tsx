import type { ConsoleRouter } from '../console-router.js';
import { pageFrame, renderPage, type ConsolePageSettings } from '../console-page.js';
import { LoginPage } from '../pages/login-page.js';
import { rules } from '../route-rule.js';
import { safeNext } from './safe-next.js';

const NOTICES = ['signedOut', 'passwordSet', 'signInRequired'] as const;

/** `GET /admin/login`: the sign-in form (`email`, `password`, `csrftoken`). */
export function loginPageRoute(router: ConsoleRouter, settings: ConsolePageSettings): void {
  router.page('GET', '/admin/login', rules.public, async (c) => {
    const request = c.get('galetteConsole');
    if (request.principal) return c.redirect(safeNext(c.req.query('next')), 303);
    const frame = await pageFrame(c, settings);
    const notice = NOTICES.find((n) => n === c.req.query('notice'));
    const next = c.req.query('next');
    return renderPage(
      c,
      <LoginPage
        frame={frame}
        {...(notice ? { notice } : next ? { notice: 'signInRequired' as const } : {})}
        {...(next ? { next: safeNext(next) } : {})}
      />,
    );
  });
}
