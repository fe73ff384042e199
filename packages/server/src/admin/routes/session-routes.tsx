import { SESSION_COOKIE } from '@galette/core';
import type { AccountServices } from '../../accounts/index.js';
import { clearConsoleCookie } from '../auth/console-cookies.js';
import { enterSession } from '../auth/session-cookie.js';
import { rotateCsrfSecret } from '../auth/csrf.js';
import { buttonFormShape, formErrors, readForm, requestMeta } from '../console-forms.js';
import {
  pageFrame,
  refusedFormPage,
  renderPage,
  type ConsolePageSettings,
} from '../console-page.js';
import type { ConsoleRouter } from '../console-router.js';
import { LoginPage } from '../pages/login-page.js';
import { SecondFactorSignInPage } from '../pages/second-factor-pages.js';
import { SetPasswordPage } from '../pages/set-password-page.js';
import { rules } from '../route-rule.js';
import { safeNext } from './safe-next.js';
import {
  secondFactorSignInFormShape,
  setPasswordFormShape,
  signInFormShape,
} from './session-form-shapes.js';
import { nextSignInStep } from './sign-in-steps.js';
import { cookieValue } from '../../request-language.js';
import { requestHeader } from '../../request-header.js';
import { MIN_PASSWORD_LENGTH } from '../../accounts/index.js';

const NOTICES = ['signedOut', 'passwordSet'] as const;

/**
 * Sign-in, sign-out and password links: `GET|POST /admin/login`, `POST /admin/logout`,
 * `GET|POST /admin/set-password`.
 */
export function sessionRoutes(
  router: ConsoleRouter,
  settings: ConsolePageSettings,
  accounts: AccountServices,
): void {
  const { cookies } = settings;
  const meta = (c: Parameters<typeof requestMeta>[0]) => requestMeta(c, cookies.trustProxy);

  const sso = accounts.oidc ? { singleSignOn: accounts.oidc.settings.label } : {};
  router.page('GET', '/admin/login', rules.public, async (c) => {
    const request = c.get('galetteConsole');
    if (request.principal) return c.redirect(safeNext(c.req.query('next')), 303);
    const notice = NOTICES.find((n) => n === c.req.query('notice'));
    const next = c.req.query('next');
    return renderPage(
      c,
      <LoginPage
        {...sso}
        frame={await pageFrame(c, settings)}
        {...(notice ? { notice } : next ? { notice: 'signInRequired' as const } : {})}
        {...(next ? { next: safeNext(next) } : {})}
      />,
    );
  });

  router.page('POST', '/admin/login', rules.public, async (c) => {
    const form = await readForm(c, signInFormShape);
    if (!form.ok) {
      const sent = form.values.next;
      return renderPage(
        c,
        <LoginPage
          {...sso}
          frame={await pageFrame(c, settings)}
          email={(form.values.email ?? '').slice(0, 1000)}
          errors={form.errors}
          {...(sent ? { next: safeNext(sent) } : {})}
        />,
        400,
      );
    }
    const { email } = form.value;
    const next = form.value.next === undefined ? undefined : safeNext(form.value.next);
    const result = await accounts.signIn.signIn(email, form.value.password, meta(c));
    const step = await nextSignInStep(c, settings, result, next);
    if (step) return step;
    if (result.outcome === 'throttled') c.header('Retry-After', String(result.retryAfterSeconds));
    return renderPage(
      c,
      <LoginPage
        {...sso}
        frame={await pageFrame(c, settings)}
        email={email}
        failure={result.outcome === 'throttled' ? 'throttled' : 'failed'}
        {...(next ? { next } : {})}
      />,
      result.outcome === 'throttled' ? 429 : 200,
    );
  });

  router.page('POST', '/admin/login/second-factor', rules.public, async (c) => {
    const form = await readForm(c, secondFactorSignInFormShape);
    if (!form.ok) {
      const sent = form.values.next;
      return renderPage(
        c,
        <SecondFactorSignInPage
          frame={await pageFrame(c, settings)}
          challenge={(form.values.challenge ?? '').slice(0, 1000)}
          errors={form.errors}
          {...(sent ? { next: safeNext(sent) } : {})}
        />,
        400,
      );
    }
    const { challenge, code } = form.value;
    const next = form.value.next === undefined ? undefined : safeNext(form.value.next);
    const result = await accounts.signIn.completeSecondFactor(challenge, code, meta(c));
    if (result.outcome === 'signed-in') return enterSession(c, cookies, result.session, next);
    if (result.outcome === 'expired' || result.outcome === 'failed') {
      return renderPage(
        c,
        <LoginPage
          {...sso}
          frame={await pageFrame(c, settings)}
          notice="secondFactorExpired"
          {...(next ? { next } : {})}
        />,
        400,
      );
    }
    if (result.outcome === 'throttled') c.header('Retry-After', String(result.retryAfterSeconds));
    return renderPage(
      c,
      <SecondFactorSignInPage
        frame={await pageFrame(c, settings)}
        challenge={challenge}
        failure={result.outcome === 'throttled' ? 'throttled' : 'failed'}
        {...(next ? { next } : {})}
      />,
      result.outcome === 'throttled' ? 429 : 400,
    );
  });

  router.page('POST', '/admin/logout', rules.public, async (c) => {
    const form = await readForm(c, buttonFormShape);
    if (!form.ok) return refusedFormPage(c, settings, form.problems);
    const id = cookieValue(requestHeader(c, 'cookie'), SESSION_COOKIE);
    await accounts.sessions.end(id, meta(c));
    clearConsoleCookie(c, cookies, SESSION_COOKIE);
    rotateCsrfSecret(c, cookies);
    return c.redirect('/admin/login?notice=signedOut', 303);
  });

  router.page('GET', '/admin/set-password', rules.public, async (c) => {
    const token = c.req.query('token') ?? '';
    const info = token ? await accounts.links.inspectLink(token) : undefined;
    // The token is a secret: it must not leak through the Referer of anything this page loads.
    c.header('Referrer-Policy', 'no-referrer');
    return renderPage(
      c,
      <SetPasswordPage
        frame={await pageFrame(c, settings)}
        {...(info ? { token } : {})}
        {...(info?.email ? { email: info.email } : {})}
        askEmail={info?.purpose === 'first-admin'}
        minLength={MIN_PASSWORD_LENGTH}
      />,
      info ? 200 : 404,
    );
  });

  router.page('POST', '/admin/set-password', rules.public, async (c) => {
    const form = await readForm(c, setPasswordFormShape);
    const values = form.values;
    const token = form.ok ? form.value.token : (values.token ?? '').slice(0, 1000);
    const info = token ? await accounts.links.inspectLink(token) : undefined;
    const lang = c.get('galetteConsole').lang;
    const t = c.get('galetteConsole').t;
    c.header('Referrer-Policy', 'no-referrer');
    const render = async (errors: Record<string, string>, status: 200 | 400 | 404) =>
      renderPage(
        c,
        <SetPasswordPage
          frame={await pageFrame(c, settings)}
          {...(info ? { token } : {})}
          {...(info?.email ? { email: info.email } : {})}
          askEmail={info?.purpose === 'first-admin'}
          values={{ email: values.email ?? '', name: values.name ?? '' }}
          errors={errors}
          minLength={MIN_PASSWORD_LENGTH}
        />,
        status,
      );
    if (!info) return render({}, 404);
    if (!form.ok) return render(form.errors, 400);
    const { password, confirm, email, name } = form.value;
    if (password !== confirm) {
      return render({ confirm: t('console.error.mismatch') }, 400);
    }
    try {
      await accounts.links.useLink(
        token,
        {
          password,
          ...(info.purpose === 'first-admin'
            ? {
                email,
                ...(name ? { displayName: name } : {}),
                language: lang,
              }
            : {}),
        },
        meta(c),
      );
    } catch (error) {
      const { fields, message } = formErrors(error, lang);
      return render(message ? { password: message, ...fields } : fields, 400);
    }
    return c.redirect('/admin/login?notice=passwordSet', 303);
  });
}
