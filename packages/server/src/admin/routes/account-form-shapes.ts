import { z } from '@hono/zod-openapi';

/*
 * The account page's forms as posted. The account services check the name, the language, the
 * passwords and the codes for every caller (the CLI too) and say what is wrong in the words
 * users know; these shapes bound what is sent, above the services' own limits, and refuse
 * fields the forms do not have.
 */

const text = (max: number) => z.string().max(max).default('');

/** « Profil » (`POST /admin/account/profile`). */
export const profileFormShape = z.strictObject({ name: text(1000), language: text(100) });

/** « Mot de passe » (`POST /admin/account/password`); the two new ones must agree. */
export const passwordFormShape = z.strictObject({
  // Sent for password managers only (autocomplete="username"); the account is the signed-in one.
  username: z.string().max(1000).optional(),
  currentPassword: text(1000),
  newPassword: text(1000),
  confirm: text(1000),
});

/** Turning the second factor on: the key proposed and a code it gives. */
export const secondFactorFormShape = z.strictObject({ secret: text(200), code: text(100) });

/** Turning the second factor off: a code of the current key. */
export const secondFactorCodeFormShape = z.strictObject({ code: text(100) });

/** Ending one of one's own sessions, named by its reference. */
export const endSessionFormShape = z.strictObject({ session: text(200) });
