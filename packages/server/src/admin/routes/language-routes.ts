import {
  LANGUAGE_COOKIE,
  languageCookieMaxAge,
  shapeError,
  SUPPORTED_LANGUAGES,
} from '@galette/core';
import { z } from '@hono/zod-openapi';
import { setConsoleCookie, type CookiePolicy } from '../auth/console-cookies.js';
import { readForm } from '../console-forms.js';
import type { ConsoleRouter } from '../console-router.js';
import { rules } from '../route-rule.js';
import { safeNext } from './safe-next.js';

/** The switch's form: a language the console offers, and the page it was pressed on. */
export const languageFormShape = z.strictObject({
  lang: z.enum(SUPPORTED_LANGUAGES, shapeError('not_offered')),
  next: z.string().max(10_000).optional(),
});

/**
 * `POST /admin/language` (`lang`, `next`): the language switch. Sets `galette_lang` and comes
 * back to the page it was pressed on, so it works without JavaScript. A form its shape refuses
 * (a language not offered, a field the switch does not have) changes nothing and only comes
 * back: the switch has no page to show an error on.
 */
export function languageRoutes(router: ConsoleRouter, cookies: CookiePolicy): void {
  router.page('POST', '/admin/language', rules.public, async (c) => {
    const form = await readForm(c, languageFormShape);
    if (form.ok) {
      setConsoleCookie(c, cookies, {
        name: LANGUAGE_COOKIE,
        value: form.value.lang,
        // The same as on charters: one constant for what the console's charter declares.
        maxAge: languageCookieMaxAge(),
        httpOnly: false,
      });
    }
    const next = safeNext(form.ok ? form.value.next : form.values.next, { allowLogin: true });
    // `?lang=` in the page's own address would win over the cookie just set.
    return c.redirect(withoutLang(next), 303);
  });
}

function withoutLang(path: string): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}
