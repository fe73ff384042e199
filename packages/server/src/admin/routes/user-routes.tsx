import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { passwordLinkUrl, type AccountServices } from '../../accounts/index.js';
import { ownOrigin } from '../../consent/client-address.js';
import type { ServerContext } from '../../server-context.js';
import { formErrors, readForm, requestMeta } from '../console-forms.js';
import { pageFrame, renderPage } from '../console-page.js';
import type { FieldErrors } from '../pages/form-parts.js';
import { UsersPage, type UsersPageProps } from '../pages/users-page.js';
import { rules } from '../route-rule.js';
import { addUserFormShape, grantFormShape, userFormShape } from './user-form-shapes.js';

const MANAGE = rules.global('users.manage');

/**
 * `GET /admin/users` and its forms (add, grant, revoke, password link, end sessions, disable),
 * for administrators. Each form names its user by email, as the account services do.
 */
export function userRoutes(context: ServerContext, accounts: AccountServices): void {
  const { admin: router, consolePages: settings, store } = context;
  const meta = (c: Context) => requestMeta(c, settings.cookies.trustProxy);
  const linkUrl = (c: Context, token: string) =>
    passwordLinkUrl(context.publicOrigin ?? ownOrigin(c, settings.cookies.trustProxy), token);

  const render = async (
    c: Context,
    extra: Partial<Pick<UsersPageProps, 'link' | 'done' | 'errors' | 'values'>> = {},
    status: 200 | 400 = 200,
  ) => {
    const principal = c.get('galetteConsole').principal!;
    const [users, portals] = await Promise.all([
      accounts.users.list(principal, meta(c)),
      store.listPortals(),
    ]);
    return renderPage(
      c,
      <UsersPage
        frame={await pageFrame(c, settings)}
        users={users}
        portals={portals.map((p) => p.id)}
        {...extra}
      />,
      status,
    );
  };
  const refused = (c: Context, error: unknown, values: Record<string, string> = {}) => {
    const { fields, message } = formErrors(error, c.get('galetteConsole').lang);
    const errors: FieldErrors = message ? { email: message, ...fields } : fields;
    return render(c, { errors, values }, 400);
  };

  router.page('GET', '/admin/users', MANAGE, (c) =>
    render(c, c.req.query('notice') === 'done' ? { done: true } : {}),
  );

  router.page('POST', '/admin/users', MANAGE, async (c) => {
    const form = await readForm(c, addUserFormShape);
    if (!form.ok) return render(c, { errors: form.errors, values: form.values }, 400);
    const { email, name, role, portal } = form.value;
    const principal = c.get('galetteConsole').principal!;
    try {
      const { user, link } = await accounts.users.addUser(
        principal,
        {
          email,
          ...(name ? { displayName: name } : {}),
          language: c.get('galetteConsole').lang,
          role,
          portals: portal,
        },
        meta(c),
      );
      // The link is a secret shown once: in this answer, never in an address or a redirect.
      return render(
        c,
        link ? { link: { email: user.email, url: linkUrl(c, link.token), added: true } } : {},
      );
    } catch (error) {
      return refused(c, error, form.values);
    }
  });

  const action =
    <S extends typeof grantFormShape | typeof userFormShape>(
      shape: S,
      run: (form: z.output<S>, c: Context) => Promise<unknown>,
    ) =>
    async (c: Context) => {
      const form = await readForm(c, shape);
      if (!form.ok) return render(c, { errors: form.errors }, 400);
      try {
        await run(form.value, c);
      } catch (error) {
        return refused(c, error);
      }
      return c.redirect('/admin/users?notice=done', 303);
    };
  const principalOf = (c: Context) => c.get('galetteConsole').principal!;

  router.page(
    'POST',
    '/admin/users/grant',
    MANAGE,
    action(grantFormShape, ({ email, role, portal }, c) =>
      accounts.users.grant(principalOf(c), email, role, portal, meta(c)),
    ),
  );
  router.page(
    'POST',
    '/admin/users/revoke',
    MANAGE,
    action(grantFormShape, ({ email, role, portal }, c) =>
      accounts.users.revoke(principalOf(c), email, { role, portals: portal }, meta(c)),
    ),
  );
  router.page(
    'POST',
    '/admin/users/disable',
    MANAGE,
    action(userFormShape, ({ email }, c) => accounts.users.disable(principalOf(c), email, meta(c))),
  );
  router.page(
    'POST',
    '/admin/users/sign-out',
    MANAGE,
    action(userFormShape, async ({ email }, c) => {
      const user = await accounts.users.get(principalOf(c), email, meta(c));
      return accounts.sessions.endAll(principalOf(c), user.id, meta(c));
    }),
  );
  router.page(
    'POST',
    '/admin/users/second-factor/reset',
    MANAGE,
    action(userFormShape, async ({ email }, c) => {
      const user = await accounts.users.get(principalOf(c), email, meta(c));
      return accounts.secondFactor.reset(principalOf(c), user.id, meta(c));
    }),
  );
  router.page('POST', '/admin/users/reset-password', MANAGE, async (c) => {
    const form = await readForm(c, userFormShape);
    if (!form.ok) return render(c, { errors: form.errors }, 400);
    const { email } = form.value;
    try {
      const link = await accounts.users.resetPasswordLink(principalOf(c), email, meta(c));
      return render(c, { link: { email, url: linkUrl(c, link.token), added: false } });
    } catch (error) {
      return refused(c, error);
    }
  });
}
