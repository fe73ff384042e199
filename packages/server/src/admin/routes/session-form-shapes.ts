import { z } from '@hono/zod-openapi';

/*
 * The sign-in and password-link forms as posted. They refuse fields they do not have and values
 * far beyond any real one; whether an email and a password sign someone in stays the sign-in
 * service's answer, the same generic failure (and throttling) whatever was wrong, so no one
 * learns which accounts exist. What a shape refuses depends on the text sent only.
 */

const text = (max: number) => z.string().max(max).default('');
// Checked again by safeNext before any redirect.
const next = z.string().max(2000).optional();

/** `POST /admin/login`. */
export const signInFormShape = z.strictObject({ email: text(1000), password: text(1000), next });

/** `POST /admin/login/second-factor`: the challenge the password step gave, and a code. */
export const secondFactorSignInFormShape = z.strictObject({
  challenge: text(1000),
  code: text(100),
  next,
});

/** `POST /admin/set-password`; email and name are asked of the first administrator only. */
export const setPasswordFormShape = z.strictObject({
  token: text(1000),
  email: text(1000),
  name: z.string().max(1000).optional(),
  // Sent for password managers only (autocomplete="username").
  username: z.string().max(1000).optional(),
  password: text(1000),
  confirm: text(1000),
});
