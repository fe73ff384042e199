import { z } from '@hono/zod-openapi';
import { parseLifetime, shapeError, shapeIssue } from '@galette/core';
import { grantRule, grantsOf, roleShape } from './account-shapes.js';

export const MAX_TOKEN_NAME_LENGTH = 64;
const TOKEN_NAME = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MAX_TOKEN_NAME_LENGTH - 1}}$`);

/** An ISO 8601 duration from now (`P90D`, `P1Y`); without one the token does not expire. */
export const tokenExpiryShape = z.string().superRefine((text, ctx) => {
  if (parseLifetime(text)?.kind !== 'duration') {
    ctx.addIssue(shapeIssue('bad_duration', { value: text }));
  }
});

/**
 * A new API token (`TokenService.create`): its name, its role and the portals it acts on (none
 * for admin), its lifetime.
 */
export function tokenInputShape(knownPortals: ReadonlySet<string>) {
  const [rule, when] = grantRule(knownPortals);
  return z
    .strictObject({
      name: z.string().regex(TOKEN_NAME, shapeError('not_a_token_name')),
      role: roleShape,
      portal: z.array(z.string()).default([]),
      expires: tokenExpiryShape.optional(),
    })
    .superRefine(rule, when)
    .transform(({ portal, ...token }) => ({
      ...token,
      portals: grantsOf({ role: token.role, portal }).flatMap((g) =>
        g.role === 'admin' ? [] : [g.portalId],
      ),
    }));
}
