import { SESSION_COOKIE, type UserPrincipal } from '@galette/core';
import type { Context } from 'hono';
import { MIN_PASSWORD_LENGTH, type AccountServices } from '../../accounts/index.js';
import { clearConsoleCookie } from '../auth/console-cookies.js';
import { buttonFormShape, formErrors, readForm, requestMeta } from '../console-forms.js';
import {
  pageFrame,
  refusedFormPage,
  renderPage,
  type ConsolePageSettings,
} from '../console-page.js';
import type { ConsoleRouter } from '../console-router.js';
import { AccountPage, type AccountPageProps } from '../pages/account-page.js';
import { SecondFactorSetupPage } from '../pages/second-factor-pages.js';
import type { FieldErrors } from '../pages/form-parts.js';
import { rules } from '../route-rule.js';
import {
  endSessionFormShape,
  passwordFormShape,
  profileFormShape,
  secondFactorCodeFormShape,
  secondFactorFormShape,
} from './account-form-shapes.js';

const NOTICES = [
  'saved',
  'passwordChanged',
  'secondFactorOn',
  'secondFactorOff',
  'sessionEnded',
] as const;
const SELF = rules.global('account.self');

/**
 * The signed-in user's own account: `GET /admin/account`, and the forms it posts to (profile,
 * password, sign out everywhere).
 */
export function accountRoutes(
  router: ConsoleRouter,
  settings: ConsolePageSettings,
  accounts: AccountServices,
): void {
  const meta = (c: Context) => requestMeta(c, settings.cookies.trustProxy);

  const render = async (
    c: Context,
    extra: Partial<Pick<AccountPageProps, 'notice' | 'form' | 'errors' | 'values'>> = {},
    status: 200 | 400 = 200,
  ) => {
    const request = c.get('galetteConsole');
    const principal = request.principal as UserPrincipal;
    const sessions = await accounts.sessions.list(principal, principal.userId);
    return renderPage(
      c,
      <AccountPage
        frame={await pageFrame(c, settings)}
        user={{ ...principal, secondFactor: principal.secondFactor === true }}
        sessions={sessions.map((s) => ({
          ref: s.idHash,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          absoluteExpiresAt: s.absoluteExpiresAt,
          ...(s.userAgent ? { userAgent: s.userAgent } : {}),
        }))}
        currentSession={request.sessionRef}
        minLength={MIN_PASSWORD_LENGTH}
        {...extra}
      />,
      status,
    );
  };

  router.page('GET', '/admin/account', SELF, (c) => {
    const notice = NOTICES.find((n) => n === c.req.query('notice'));
    return render(c, notice ? { notice } : {});
  });

  router.page('POST', '/admin/account/profile', SELF, async (c) => {
    const form = await readForm(c, profileFormShape);
    if (!form.ok) return render(c, { form: 'profile', ...form }, 400);
    const principal = c.get('galetteConsole').principal!;
    try {
      await accounts.own.updateOwnProfile(
        principal,
        { displayName: form.value.name, language: form.value.language },
        meta(c),
      );
    } catch (error) {
      const { fields, message } = formErrors(error, c.get('galetteConsole').lang);
      const errors: FieldErrors = message ? { name: message, ...fields } : fields;
      return render(c, { form: 'profile', errors, values: form.values }, 400);
    }
    return c.redirect('/admin/account?notice=saved', 303);
  });

  router.page('POST', '/admin/account/password', SELF, async (c) => {
    const form = await readForm(c, passwordFormShape);
    // Passwords are never shown again.
    if (!form.ok) return render(c, { form: 'password', errors: form.errors }, 400);
    const { currentPassword, newPassword, confirm } = form.value;
    const { principal, t, lang } = c.get('galetteConsole');
    if (newPassword !== confirm) {
      return render(c, { form: 'password', errors: { confirm: t('console.error.mismatch') } }, 400);
    }
    try {
      await accounts.own.changeOwnPassword(principal!, currentPassword, newPassword, meta(c));
    } catch (error) {
      const { fields, message } = formErrors(error, lang);
      const errors: FieldErrors = message ? { currentPassword: message, ...fields } : fields;
      return render(c, { form: 'password', errors }, 400);
    }
    return c.redirect('/admin/account?notice=passwordChanged', 303);
  });

  router.page('GET', '/admin/account/second-factor', SELF, async (c) => {
    const principal = c.get('galetteConsole').principal as UserPrincipal;
    if (principal.secondFactor) return c.redirect('/admin/account', 303);
    const proposal = accounts.secondFactor.propose(principal.email);
    // The key is a secret: nothing this page loads may carry it away in a Referer.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    return renderPage(
      c,
      <SecondFactorSetupPage
        frame={await pageFrame(c, settings)}
        {...proposal}
        required={c.req.query('required') !== undefined}
      />,
    );
  });

  router.page('POST', '/admin/account/second-factor', SELF, async (c) => {
    const form = await readForm(c, secondFactorFormShape);
    const { principal, lang } = c.get('galetteConsole');
    const user = principal as UserPrincipal;
    const refused = async (errors: FieldErrors, secret: string) => {
      // The same key is offered again when it is one, so the authenticator app need not change.
      const proposal =
        accounts.secondFactor.proposalFor(secret, user.email) ??
        accounts.secondFactor.propose(user.email);
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-store');
      return renderPage(
        c,
        <SecondFactorSetupPage
          frame={await pageFrame(c, settings)}
          {...proposal}
          errors={errors}
        />,
        400,
      );
    };
    if (!form.ok) return refused(form.errors, form.values.secret ?? '');
    const { secret, code } = form.value;
    try {
      await accounts.secondFactor.enable(user, secret, code, meta(c));
    } catch (error) {
      const { fields, message } = formErrors(error, lang);
      return refused(message ? { code: message, ...fields } : fields, secret);
    }
    return c.redirect('/admin/account?notice=secondFactorOn', 303);
  });

  router.page('POST', '/admin/account/second-factor/disable', SELF, async (c) => {
    const form = await readForm(c, secondFactorCodeFormShape);
    if (!form.ok) return render(c, { form: 'secondFactor', errors: form.errors }, 400);
    const { principal, lang } = c.get('galetteConsole');
    try {
      await accounts.secondFactor.disable(principal!, form.value.code, meta(c));
    } catch (error) {
      const { fields, message } = formErrors(error, lang);
      const errors: FieldErrors = message ? { code: message, ...fields } : fields;
      return render(c, { form: 'secondFactor', errors }, 400);
    }
    return c.redirect('/admin/account?notice=secondFactorOff', 303);
  });

  router.page('POST', '/admin/account/sessions/end', SELF, async (c) => {
    const form = await readForm(c, endSessionFormShape);
    if (!form.ok) return render(c, { form: 'sessions', errors: form.errors }, 400);
    const principal = c.get('galetteConsole').principal as UserPrincipal;
    await accounts.sessions.endOne(principal, principal.userId, form.value.session, meta(c));
    return c.redirect('/admin/account?notice=sessionEnded', 303);
  });

  router.page('POST', '/admin/account/sign-out-everywhere', SELF, async (c) => {
    const form = await readForm(c, buttonFormShape);
    if (!form.ok) return refusedFormPage(c, settings, form.problems);
    const principal = c.get('galetteConsole').principal as UserPrincipal;
    await accounts.sessions.endAll(principal, principal.userId, meta(c));
    clearConsoleCookie(c, settings.cookies, SESSION_COOKIE);
    return c.redirect('/admin/login?notice=signedOut', 303);
  });
}
