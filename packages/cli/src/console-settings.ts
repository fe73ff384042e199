import { ROLES, type Grant, type Translator } from '@galette/core';
import type { OidcSettings } from '@galette/server';
import { UsageError } from './command.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ConsoleSettings {
  readonly consoleTheme?: 'dsfr' | 'neutral';
  readonly requireSecondFactor?: 'admins' | 'all';
  readonly oidc?: OidcSettings;
}

/**
 * The back office's settings, from the environment:
 * - `GALETTE_CONSOLE_THEME`: `dsfr` (the French state's design system, default) or `neutral`,
 *   for operators that are not state bodies (the DSFR's marks are reserved to them);
 * - `GALETTE_REQUIRE_SECOND_FACTOR`: `none` (default), `admins` or `all`: who must set up a
 *   second factor (TOTP) before using the console;
 * - `GALETTE_OIDC_*`: single sign-on, see `oidcSettings`.
 */
export function consoleSettings(env: Env, t: Translator): ConsoleSettings {
  const theme = choice(env, 'GALETTE_CONSOLE_THEME', ['dsfr', 'neutral'] as const, t);
  const second = choice(
    env,
    'GALETTE_REQUIRE_SECOND_FACTOR',
    ['none', 'admins', 'all'] as const,
    t,
  );
  const oidc = oidcSettings(env, t);
  return {
    ...(oidc === undefined ? {} : { oidc }),
    ...(theme === undefined ? {} : { consoleTheme: theme }),
    ...(second === undefined || second === 'none' ? {} : { requireSecondFactor: second }),
  };
}

function choice<V extends string>(
  env: Env,
  name: string,
  values: readonly V[],
  t: Translator,
): V | undefined {
  const value = env[name]?.trim().toLowerCase();
  if (!value) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw new UsageError(
      t('consent.cli.badSetting', { name, value: env[name]!, expected: values.join(' | ') }),
    );
  }
  return value as V;
}

/**
 * Single sign-on through an OpenID Connect provider, on when `GALETTE_OIDC_ISSUER` is set:
 * - `GALETTE_OIDC_ISSUER`, `GALETTE_OIDC_CLIENT_ID`, `GALETTE_OIDC_CLIENT_SECRET` (the client
 *   registered at the provider, with `<public URL>/admin/login/oidc/callback` as redirect URI);
 * - `GALETTE_OIDC_ALLOWED_DOMAINS`: comma-separated email domains that may sign in this way;
 *   unset, only people who already have an account can, and none is made;
 * - `GALETTE_OIDC_NEW_USERS`: what a first sign-in from an allowed domain gets: `no-role`
 *   (default: an account without role, granted later by an admin), `refuse`, or grants such as
 *   `viewer@opendata.paris.fr,editor@opendata.finistere.fr`;
 * - `GALETTE_OIDC_SCOPES` (`openid email profile`; ProConnect's own for a ProConnect issuer),
 *   `GALETTE_OIDC_LABEL` (the button's name);
 * - `GALETTE_OIDC_TRUST_EMAIL`: `true` takes an email sent without `email_verified` as verified
 *   (ProConnect); `false` (default) needs `email_verified: true`.
 */
export function oidcSettings(env: Env, t: Translator): OidcSettings | undefined {
  const issuer = env.GALETTE_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const bad = (name: string, expected: string): never => {
    throw new UsageError(t('consent.cli.badSetting', { name, value: env[name] ?? '', expected }));
  };
  let url: URL | undefined;
  try {
    url = new URL(issuer);
  } catch {
    bad('GALETTE_OIDC_ISSUER', 'https://…');
  }
  if (url!.protocol !== 'https:' && url!.protocol !== 'http:')
    bad('GALETTE_OIDC_ISSUER', 'https://…');
  const clientId = env.GALETTE_OIDC_CLIENT_ID?.trim();
  if (!clientId) bad('GALETTE_OIDC_CLIENT_ID', '<client id>');
  const clientSecret = env.GALETTE_OIDC_CLIENT_SECRET?.trim();
  const domains = env.GALETTE_OIDC_ALLOWED_DOMAINS?.split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  if (domains?.some((d) => !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(d))) {
    bad('GALETTE_OIDC_ALLOWED_DOMAINS', 'agglo.example.fr,ville.example.fr');
  }
  const newUsers = env.GALETTE_OIDC_NEW_USERS?.trim() || 'no-role';
  let policy: OidcSettings['newUsers'];
  if (newUsers === 'refuse') policy = 'refuse';
  else if (newUsers === 'no-role') policy = { grants: [] };
  else {
    const grants: Grant[] = [];
    for (const item of newUsers.split(',').map((g) => g.trim())) {
      const [role, portalId] = item.split('@') as [string, string | undefined];
      if (role === 'admin' && portalId === undefined) grants.push({ role: 'admin' });
      else if ((role === 'editor' || role === 'viewer') && portalId)
        grants.push({ role, portalId });
      else bad('GALETTE_OIDC_NEW_USERS', `no-role | refuse | ${ROLES.join('|')}@<portal>,…`);
    }
    policy = { grants };
  }
  const trustEmail = choice(env, 'GALETTE_OIDC_TRUST_EMAIL', ['true', 'false'] as const, t);
  const proConnect = /proconnect/i.test(url!.hostname);
  return {
    issuer,
    clientId: clientId!,
    ...(clientSecret ? { clientSecret } : {}),
    ...(domains && domains.length > 0 ? { allowedDomains: domains } : {}),
    newUsers: policy,
    // ProConnect has no `profile` scope: names come with `given_name` and `usual_name`.
    scopes:
      env.GALETTE_OIDC_SCOPES?.trim() ||
      (proConnect ? 'openid email given_name usual_name' : 'openid email profile'),
    label: env.GALETTE_OIDC_LABEL?.trim() || (proConnect ? 'ProConnect' : 'OpenID Connect'),
    ...(trustEmail === 'true' ? { trustEmail: true } : {}),
  };
}
