import { z } from '@hono/zod-openapi';

/*
 * The users page's forms as posted. Each form names its user by email; the account services
 * check the email, the name, the role and the portals for every caller (the CLI too), so these
 * shapes only bound what is sent and refuse fields the forms do not have.
 */

const email = z.string().max(1000).default('');
const role = z.string().max(100);
// One portal per form (the select); none means a global grant.
const portals = z
  .string()
  .max(200)
  .optional()
  .transform((portal) => (portal ? [portal] : []));

/** « Ajouter » (`POST /admin/users`). */
export const addUserFormShape = z.strictObject({
  email,
  name: z.string().max(1000).optional(),
  role: role.default('viewer'),
  portal: portals,
});

/** « Accorder » and « Retirer » (`POST /admin/users/grant`, `/admin/users/revoke`). */
export const grantFormShape = z.strictObject({ email, role: role.default(''), portal: portals });

/** The forms that name a user and nothing else (disable, sign out, reset). */
export const userFormShape = z.strictObject({ email });
