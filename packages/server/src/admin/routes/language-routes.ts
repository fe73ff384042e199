import { LANGUAGE_COOKIE, languageCookieMaxAge, isSupportedLanguage } from '@galette/core';
import { setConsoleCookie, type CookiePolicy } from '../auth/console-cookies.js';
import type { ConsoleRouter } from '../console-router.js';
import { rules } from '../route-rule.js';
import { safeNext } from './safe-next.js';

/**
 * `POST /admin/language` (`lang`, `next`): the language switch. Sets `galette_lang` and comes
 * back to the page it was pressed on, so it works without JavaScript.
 */
export function languageRoutes(router: ConsoleRouter, cookies: CookiePolicy): void {
  router.page('POST', '/admin/language', rules.public, async (c) => {
    const body = await c.req.parseBody();
    const lang = typeof body.lang === 'string' ? body.lang : '';
    if (isSupportedLanguage(lang)) {
      setConsoleCookie(c, cookies, {
        name: LANGUAGE_COOKIE,
        value: lang,
        // The same as on charters: one constant for what the console's charter declares.
        maxAge: languageCookieMaxAge(),
        httpOnly: false,
      });
    }
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined, {
      allowLogin: true,
    });
    // `?lang=` in the page's own address would win over the cookie just set.
    return c.redirect(withoutLang(next), 303);
  });
}

function withoutLang(path: string): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}
