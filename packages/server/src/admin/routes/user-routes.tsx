import type { Context } from 'hono';
import { passwordLinkUrl, type AccountServices } from '../../accounts/index.js';
import { ownOrigin } from '../../consent/client-address.js';
import type { ServerContext } from '../../server-context.js';
import { formErrors, formFields, requestMeta } from '../console-forms.js';
import { pageFrame, renderPage } from '../console-page.js';
import type { FieldErrors } from '../pages/form-parts.js';
import { UsersPage, type UsersPageProps } from '../pages/users-page.js';
import { rules } from '../route-rule.js';

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
    const form = await formFields(c);
    const principal = c.get('galetteConsole').principal!;
    try {
      const { user, link } = await accounts.users.addUser(
        principal,
        {
          email: form.email ?? '',
          ...(form.name ? { displayName: form.name } : {}),
          language: c.get('galetteConsole').lang,
          role: form.role ?? 'viewer',
          portals: form.portal ? [form.portal] : [],
        },
        meta(c),
      );
      // The link is a secret shown once: in this answer, never in an address or a redirect.
      return render(
        c,
        link ? { link: { email: user.email, url: linkUrl(c, link.token), added: true } } : {},
      );
    } catch (error) {
      return refused(c, error, form);
    }
  });

  const action =
    (run: (email: string, form: Record<string, string>, c: Context) => Promise<unknown>) =>
    async (c: Context) => {
      const form = await formFields(c);
      try {
        await run(form.email ?? '', form, c);
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
    action((email, form, c) =>
      accounts.users.grant(
        principalOf(c),
        email,
        form.role ?? '',
        form.portal ? [form.portal] : [],
        meta(c),
      ),
    ),
  );
  router.page(
    'POST',
    '/admin/users/revoke',
    MANAGE,
    action((email, form, c) =>
      accounts.users.revoke(
        principalOf(c),
        email,
        { role: form.role ?? '', portals: form.portal ? [form.portal] : [] },
        meta(c),
      ),
    ),
  );
  router.page(
    'POST',
    '/admin/users/disable',
    MANAGE,
    action((email, _form, c) => accounts.users.disable(principalOf(c), email, meta(c))),
  );
  router.page(
    'POST',
    '/admin/users/sign-out',
    MANAGE,
    action(async (email, _form, c) => {
      const user = await accounts.users.get(principalOf(c), email, meta(c));
      return accounts.sessions.endAll(principalOf(c), user.id, meta(c));
    }),
  );
  router.page(
    'POST',
    '/admin/users/second-factor/reset',
    MANAGE,
    action(async (email, _form, c) => {
      const user = await accounts.users.get(principalOf(c), email, meta(c));
      return accounts.secondFactor.reset(principalOf(c), user.id, meta(c));
    }),
  );
  router.page('POST', '/admin/users/reset-password', MANAGE, async (c) => {
    const form = await formFields(c);
    try {
      const link = await accounts.users.resetPasswordLink(
        principalOf(c),
        form.email ?? '',
        meta(c),
      );
      return render(c, {
        link: { email: form.email ?? '', url: linkUrl(c, link.token), added: false },
      });
    } catch (error) {
      return refused(c, error);
    }
  });
}
