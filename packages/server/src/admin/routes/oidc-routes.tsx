import { UnavailableError } from '@galette/core';
import {
  OIDC_CALLBACK_PATH,
  OIDC_FLOW_COOKIE,
  OIDC_FLOW_LIFETIME_S,
  type AccountServices,
} from '../../accounts/index.js';
import { ownOrigin } from '../../consent/client-address.js';
import { cookieValue } from '../../request-language.js';
import { requestHeader } from '../../request-header.js';
import { clearConsoleCookie, setConsoleCookie } from '../auth/console-cookies.js';
import { requestMeta } from '../console-forms.js';
import { pageFrame, renderPage, type ConsolePageSettings } from '../console-page.js';
import type { ConsoleRouter } from '../console-router.js';
import { LoginPage } from '../pages/login-page.js';
import { rules } from '../route-rule.js';
import { safeNext } from './safe-next.js';
import { nextSignInStep } from './sign-in-steps.js';

/**
 * Single sign-on: `GET /admin/login/oidc` sends the browser to the provider, and
 * `GET /admin/login/oidc/callback` takes its answer. Registered whether or not a provider is
 * configured (404 then), so that the access matrix always sees them.
 */
export function oidcRoutes(
  router: ConsoleRouter,
  settings: ConsolePageSettings,
  accounts: AccountServices,
  publicOrigin: string | undefined,
): void {
  const { cookies } = settings;
  const callbackUrl = (c: Parameters<typeof ownOrigin>[0]) =>
    `${publicOrigin ?? ownOrigin(c, cookies.trustProxy)}${OIDC_CALLBACK_PATH}`;

  router.page('GET', '/admin/login/oidc', rules.public, async (c) => {
    const oidc = accounts.oidc;
    if (oidc === undefined) return c.notFound();
    const next = c.req.query('next');
    try {
      const { url, cookie } = await oidc.start(
        callbackUrl(c),
        next === undefined ? undefined : safeNext(next),
      );
      setConsoleCookie(c, cookies, {
        name: OIDC_FLOW_COOKIE,
        value: cookie,
        maxAge: OIDC_FLOW_LIFETIME_S,
        httpOnly: true,
      });
      return c.redirect(url, 303);
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error;
      return renderPage(
        c,
        <LoginPage
          frame={await pageFrame(c, settings)}
          singleSignOn={oidc.settings.label}
          singleSignOnRefusal="unavailable"
        />,
        503,
      );
    }
  });

  router.page('GET', OIDC_CALLBACK_PATH, rules.public, async (c) => {
    const oidc = accounts.oidc;
    if (oidc === undefined) return c.notFound();
    const cookie = cookieValue(requestHeader(c, 'cookie'), OIDC_FLOW_COOKIE);
    // The provider's answer is read against the address it was sent to, not the one a proxy
    // forwarded to (the token request must repeat it exactly).
    const answer = new URL(callbackUrl(c));
    answer.search = new URL(c.req.url).search;
    const next = oidc.nextOf(cookie);
    clearConsoleCookie(c, cookies, OIDC_FLOW_COOKIE);
    const { lang } = c.get('galetteConsole');
    let result;
    try {
      result = await oidc.finish(
        answer,
        cookie,
        lang === 'en' ? 'en' : 'fr',
        requestMeta(c, cookies.trustProxy),
      );
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error;
      result = { outcome: 'unavailable' as const };
    }
    const step = await nextSignInStep(c, settings, result, next);
    if (step) return step;
    const refusal =
      result.outcome === 'refused'
        ? result.reason
        : result.outcome === 'unavailable'
          ? 'unavailable'
          : 'provider-error';
    return renderPage(
      c,
      <LoginPage
        frame={await pageFrame(c, settings)}
        singleSignOn={oidc.settings.label}
        singleSignOnRefusal={refusal}
        {...(next ? { next } : {})}
      />,
      refusal === 'unavailable' ? 503 : 403,
    );
  });
}
