import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AccountServices } from '../../accounts/index.js';
import type { ServerContext } from '../../server-context.js';
import { formErrors, readForm, requestMeta } from '../console-forms.js';
import { pageFrame, renderPage } from '../console-page.js';
import type { FieldErrors } from '../pages/form-parts.js';
import { TOKEN_EXPIRIES, TokensPage, type TokensPageProps } from '../pages/tokens-page.js';
import { rules } from '../route-rule.js';

const MANAGE = rules.global('tokens.manage');

/**
 * The token form as posted. The form checks what only it knows (the expiry offered, portals as
 * one text); the token service checks the name, the role and the portals for every caller.
 */
export const tokenFormShape = z.strictObject({
  name: z.string().max(1000).default(''),
  role: z.string().max(100).default(''),
  portals: z
    .string()
    .max(20_000)
    .default('')
    .transform((text) => text.split(/[\s,]+/).filter(Boolean)),
  expires: z.enum(TOKEN_EXPIRIES).default('P90D'),
});

/** « Révoquer »: the token named. */
export const revokeTokenFormShape = z.strictObject({ name: z.string().max(1000).default('') });

/** `GET /admin/tokens`, `POST /admin/tokens` (create, shown once), `POST /admin/tokens/revoke`. */
export function tokenRoutes(context: ServerContext, accounts: AccountServices): void {
  const { admin: router, consolePages: settings, store } = context;
  const meta = (c: Context) => requestMeta(c, settings.cookies.trustProxy);

  const render = async (
    c: Context,
    extra: Partial<Pick<TokensPageProps, 'created' | 'revoked' | 'errors' | 'values'>> = {},
    status: 200 | 400 = 200,
  ) => {
    const principal = c.get('galetteConsole').principal!;
    const [tokens, portals] = await Promise.all([
      accounts.tokens.list(principal, meta(c)),
      store.listPortals(),
    ]);
    return renderPage(
      c,
      <TokensPage
        frame={await pageFrame(c, settings)}
        tokens={tokens}
        portals={portals.map((p) => p.id)}
        {...extra}
      />,
      status,
    );
  };

  router.page('GET', '/admin/tokens', MANAGE, (c) => {
    const revoked = c.req.query('revoked');
    return render(c, revoked ? { revoked } : {});
  });

  router.page('POST', '/admin/tokens', MANAGE, async (c) => {
    const form = await readForm(c, tokenFormShape);
    const { values } = form;
    if (!form.ok) return render(c, { errors: form.errors, values }, 400);
    const { principal, lang } = c.get('galetteConsole');
    const { name, role, portals, expires } = form.value;
    try {
      const { token, record } = await accounts.tokens.create(
        principal!,
        { name, role, portals, ...(expires === 'never' ? {} : { expires }) },
        meta(c),
      );
      // Shown in this answer only (no-store): never in an address, a redirect or the store.
      return render(c, { created: { name: record.name, secret: token } });
    } catch (error) {
      const { fields, message } = formErrors(error, lang, { portal: 'portals' });
      const errors: FieldErrors = message ? { name: message, ...fields } : fields;
      return render(c, { errors, values }, 400);
    }
  });

  router.page('POST', '/admin/tokens/revoke', MANAGE, async (c) => {
    const form = await readForm(c, revokeTokenFormShape);
    if (!form.ok) return render(c, { errors: form.errors }, 400);
    const { principal, lang } = c.get('galetteConsole');
    try {
      const revoked = await accounts.tokens.revoke(principal!, form.value.name, meta(c));
      return c.redirect(`/admin/tokens?revoked=${encodeURIComponent(revoked.name)}`, 303);
    } catch (error) {
      const { fields, message } = formErrors(error, lang);
      return render(c, { errors: message ? { name: message, ...fields } : fields }, 400);
    }
  });
}
