import { z } from '@hono/zod-openapi';
import {
  firstLengthProblem,
  firstProblem,
  ROLES,
  shapeError,
  shapeIssue,
  SUPPORTED_LANGUAGES,
  type Grant,
  type Role,
} from '@galette/core';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hasher.js';

/*
 * What the account services accept, for every caller (console, admin API, CLI). Field paths are
 * the names users see: the console's form fields and the CLI's options (`name`, `portal`).
 * Each field reports one problem, the first in the order below.
 */

export const MAX_EMAIL_LENGTH = 254;
export const MAX_DISPLAY_NAME_LENGTH = 100;
/** Deliberately loose (one @, no spaces, a dot in the domain): the link sent is the real test. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

const firstCoded = (...args: Parameters<typeof shapeError>) => ({
  ...shapeError(...args),
  ...firstProblem,
});

/** One of `values`, refused as `not_one_of` with the value and every allowed one. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : shapeError('not_one_of', { value: String(issue.input), allowed: [...values] }).error(),
  });
}

export const emailShape = z
  .string()
  .trim()
  .min(1, firstCoded('required'))
  .max(MAX_EMAIL_LENGTH, firstLengthProblem)
  .regex(EMAIL, firstCoded('not_an_email'));

export const displayNameShape = z
  .string()
  .trim()
  .min(1, firstLengthProblem)
  .max(MAX_DISPLAY_NAME_LENGTH, firstLengthProblem)
  .regex(NO_CONTROL, firstCoded('control_characters'));

export const languageShape = oneOf(SUPPORTED_LANGUAGES);

export const passwordShape = z
  .string()
  .min(MIN_PASSWORD_LENGTH, firstCoded('password_too_short', { min: MIN_PASSWORD_LENGTH }))
  .max(MAX_PASSWORD_LENGTH, firstLengthProblem);

export const roleShape = oneOf(ROLES);

/** A user's display name when none is given: their email's local part. */
function defaultDisplayName(email: string): string {
  return (email.split('@')[0] ?? '').slice(0, MAX_DISPLAY_NAME_LENGTH) || email;
}

interface Scope {
  readonly role?: Role | undefined;
  readonly portal: readonly string[];
}

/**
 * The cross-field rule of a role and its portals: `admin` takes no portal, the other roles at
 * least one, each an existing portal listed once. Errors name `portal` when one is given, else
 * `portal[i]`. A role already refused says enough: which portals it needs would only confuse.
 */
export function grantRule(known: ReadonlySet<string>) {
  return [
    (scope: Scope, ctx: z.RefinementCtx) => {
      const { role, portal } = scope;
      if (role === undefined) return;
      if (role === 'admin') {
        if (portal.length > 0)
          ctx.addIssue(shapeIssue('admin_takes_no_portal', undefined, ['portal']));
        return;
      }
      if (portal.length === 0) {
        ctx.addIssue(shapeIssue('role_needs_portal', { role }, ['portal']));
        return;
      }
      const seen = new Set<string>();
      portal.forEach((portalId, i) => {
        const path = portal.length === 1 ? ['portal'] : ['portal', i];
        if (seen.has(portalId)) {
          ctx.addIssue(shapeIssue('listed_twice', { value: portalId }, path));
        } else if (!known.has(portalId)) {
          ctx.addIssue(shapeIssue('unknown_portal', { value: portalId }, path));
        }
        seen.add(portalId);
      });
    },
    { when: refusedNeither('role', 'portal') },
  ] as const;
}

/** The grants a checked role and its portals make. */
export function grantsOf(scope: Scope): Grant[] {
  const { role, portal } = scope;
  if (role === undefined) return [];
  if (role === 'admin') return [{ role }];
  return [...new Set(portal)].map((portalId) => ({ role, portalId }));
}

/** A cross-field check that runs while the members it reads have no problem of their own. */
function refusedNeither(...keys: readonly string[]) {
  return (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => keys.includes(String(issue.path?.[0])));
}

const portalList = z.array(z.string()).default([]);

/** Portals without a role make a viewer. */
function withRole(user: Scope): Scope {
  return { ...user, role: user.role ?? (user.portal.length > 0 ? 'viewer' : undefined) };
}

/**
 * A new user (`AccountService.addUser`). Without a role nor a portal the user holds no role yet.
 */
export function newUserShape(knownPortals: ReadonlySet<string>) {
  const [rule, when] = grantRule(knownPortals);
  return z
    .strictObject({
      email: emailShape,
      name: displayNameShape.optional(),
      language: languageShape.default('fr'),
      role: roleShape.optional(),
      portal: portalList,
      password: passwordShape.optional(),
    })
    .superRefine((user, ctx) => rule(withRole(user), ctx), when)
    .transform(({ name, ...user }) => ({
      ...user,
      name: name ?? defaultDisplayName(user.email),
      grants: grantsOf(withRole(user)),
    }));
}

/** A role given on portals (`AccountService.grant`). */
export function grantShape(knownPortals: ReadonlySet<string>) {
  const [rule, when] = grantRule(knownPortals);
  return z
    .strictObject({ role: roleShape, portal: portalList })
    .superRefine(rule, when)
    .transform((scope) => grantsOf(scope));
}

/**
 * A role taken back (`AccountService.revoke`): the admin role alone, or whatever role (or only
 * `role`) is held on each portal named, so a portal is needed unless the role is admin.
 */
export const revokeShape = z
  .strictObject({ role: roleShape.optional(), portal: portalList })
  .superRefine(
    ({ role, portal }, ctx) => {
      if (role === 'admin' && portal.length > 0) {
        ctx.addIssue(shapeIssue('admin_takes_no_portal', undefined, ['portal']));
      }
      if (role !== 'admin' && portal.length === 0) {
        ctx.addIssue(shapeIssue('role_needs_portal', { role: role ?? 'editor' }, ['portal']));
      }
    },
    { when: refusedNeither('role', 'portal') },
  );

/** What a signed-in user changes of their profile (`OwnAccountService.updateOwnProfile`). */
export const profileShape = z.strictObject({
  name: displayNameShape.optional(),
  language: languageShape.optional(),
});

/** A signed-in user's new password (`OwnAccountService.changeOwnPassword`). */
export const newPasswordShape = z.strictObject({ newPassword: passwordShape });

/** The password a link sets (`PasswordLinkService.useLink`). */
export const linkPasswordShape = z.strictObject({ password: passwordShape });

/** The first administrator, created by their link (`PasswordLinkService.useLink`). */
export const firstAdminShape = z
  .strictObject({
    email: emailShape,
    name: displayNameShape.optional(),
    language: languageShape.default('fr'),
    password: passwordShape,
  })
  .transform(({ name, ...admin }) => ({
    ...admin,
    name: name ?? defaultDisplayName(admin.email),
  }));
