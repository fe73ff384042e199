import { can, type GlobalAction, type PortalAction, type Principal } from '@galette/core';

/**
 * Who may call a console page or admin API route. Every route names one; the registry refuses
 * to serve a route that has none.
 */
export type RouteRule =
  /** Anyone, signed in or not: sign-in, password links, the language switch, static files. */
  | { readonly kind: 'public' }
  /** Any signed-in user; the page shows only what the user's grants allow. */
  | { readonly kind: 'signed-in' }
  /** A global action (`users.manage`, `tokens.manage`, `account.self`…). */
  | { readonly kind: 'global'; readonly action: GlobalAction }
  /** An action on the portal named by a path parameter. */
  | { readonly kind: 'portal'; readonly action: PortalAction; readonly param: string };

export const rules = {
  public: { kind: 'public' },
  signedIn: { kind: 'signed-in' },
  global: (action: GlobalAction): RouteRule => ({ kind: 'global', action }),
  portal: (action: PortalAction, param = 'portalId'): RouteRule => ({
    kind: 'portal',
    action,
    param,
  }),
} as const satisfies Record<string, RouteRule | ((...args: never[]) => RouteRule)>;

/** The rule's verdict for one request: allowed, or refused as unknown (401) or not allowed (403). */
export function ruleAllows(
  rule: RouteRule,
  principal: Principal | undefined,
  param: (name: string) => string | undefined,
): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (rule.kind === 'public') return 'allowed';
  if (principal === undefined) return 'unauthenticated';
  switch (rule.kind) {
    case 'signed-in':
      return 'allowed';
    case 'global':
      return can(principal, rule.action) ? 'allowed' : 'forbidden';
    case 'portal':
      return can(principal, rule.action, param(rule.param)) ? 'allowed' : 'forbidden';
  }
}

/** A rule as documentation and tests read it: `public`, `users.manage`, `stats.read@{portalId}`. */
export function describeRule(rule: RouteRule): string {
  switch (rule.kind) {
    case 'public':
    case 'signed-in':
      return rule.kind;
    case 'global':
      return rule.action;
    case 'portal':
      return `${rule.action}@{${rule.param}}`;
  }
}
