import { translator } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.js';
import { consoleSettings, oidcSettings } from './console-settings.js';

const t = translator('en');

describe('consoleSettings', () => {
  it('defaults to nothing required and the default theme', () => {
    expect(consoleSettings({}, t)).toEqual({});
    expect(consoleSettings({ GALETTE_REQUIRE_SECOND_FACTOR: 'none' }, t)).toEqual({});
  });

  it('reads the theme and who must have a second factor', () => {
    expect(
      consoleSettings(
        { GALETTE_CONSOLE_THEME: 'Neutral', GALETTE_REQUIRE_SECOND_FACTOR: ' admins ' },
        t,
      ),
    ).toEqual({ consoleTheme: 'neutral', requireSecondFactor: 'admins' });
  });

  it('names the variable and the values it takes when one is wrong', () => {
    expect(() => consoleSettings({ GALETTE_REQUIRE_SECOND_FACTOR: 'yes' }, t)).toThrow(
      new UsageError(
        'GALETTE_REQUIRE_SECOND_FACTOR: invalid value "yes" (expected: none | admins | all).',
      ),
    );
    expect(() => consoleSettings({ GALETTE_CONSOLE_THEME: 'dark' }, t)).toThrow(UsageError);
  });
});

describe('oidcSettings', () => {
  it('is off without an issuer, and reads the provider, domains and first sign-in rule', () => {
    expect(oidcSettings({}, t)).toBeUndefined();
    expect(
      oidcSettings(
        {
          GALETTE_OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2',
          GALETTE_OIDC_CLIENT_ID: 'galette',
          GALETTE_OIDC_CLIENT_SECRET: 's3cret',
          GALETTE_OIDC_ALLOWED_DOMAINS: 'Agglo.example.fr, @ville.example.fr',
          GALETTE_OIDC_NEW_USERS: 'viewer@opendata.paris.fr,editor@opendata.finistere.fr',
        },
        t,
      ),
    ).toEqual({
      issuer: 'https://auth.agentconnect.gouv.fr/api/v2',
      clientId: 'galette',
      clientSecret: 's3cret',
      allowedDomains: ['agglo.example.fr', 'ville.example.fr'],
      newUsers: {
        grants: [
          { role: 'viewer', portalId: 'opendata.paris.fr' },
          { role: 'editor', portalId: 'opendata.finistere.fr' },
        ],
      },
      scopes: 'openid email profile',
      label: 'OpenID Connect',
    });
    const proConnect = oidcSettings(
      {
        GALETTE_OIDC_ISSUER: 'https://proconnect.gouv.fr/api/v2',
        GALETTE_OIDC_CLIENT_ID: 'galette',
        GALETTE_OIDC_NEW_USERS: 'refuse',
        GALETTE_OIDC_TRUST_EMAIL: 'True',
      },
      t,
    );
    expect(proConnect).toMatchObject({
      trustEmail: true,
      newUsers: 'refuse',
      label: 'ProConnect',
      scopes: 'openid email given_name usual_name',
    });
    expect(proConnect).not.toHaveProperty('allowedDomains');
  });

  it('names the variable that is wrong', () => {
    const base = { GALETTE_OIDC_ISSUER: 'https://idp.example', GALETTE_OIDC_CLIENT_ID: 'x' };
    expect(() => oidcSettings({ ...base, GALETTE_OIDC_ISSUER: 'not a url' }, t)).toThrow(
      /^GALETTE_OIDC_ISSUER: invalid value/,
    );
    expect(() => oidcSettings({ ...base, GALETTE_OIDC_CLIENT_ID: ' ' }, t)).toThrow(
      /^GALETTE_OIDC_CLIENT_ID/,
    );
    expect(() => oidcSettings({ ...base, GALETTE_OIDC_NEW_USERS: 'editor' }, t)).toThrow(
      /^GALETTE_OIDC_NEW_USERS/,
    );
    expect(() =>
      oidcSettings({ ...base, GALETTE_OIDC_ALLOWED_DOMAINS: 'not a domain' }, t),
    ).toThrow(/^GALETTE_OIDC_ALLOWED_DOMAINS/);
    expect(() => oidcSettings({ ...base, GALETTE_OIDC_TRUST_EMAIL: 'yes' }, t)).toThrow(
      /^GALETTE_OIDC_TRUST_EMAIL: invalid value.*true \| false/,
    );
    expect(oidcSettings({ ...base, GALETTE_OIDC_TRUST_EMAIL: 'false' }, t)).not.toHaveProperty(
      'trustEmail',
    );
  });
});
