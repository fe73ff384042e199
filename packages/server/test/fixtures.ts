import { parsePortalFile, type PortalContent } from '@galette/core';
import { openStore, type Store } from '@galette/storage';
import { createAccountServices } from '../src/accounts/index.js';
import { createApp, type AppOptions } from '../src/index.js';

/** A valid portal, through the same parser as imports; `overrides` replace top-level keys. */
export function portal(id: string, overrides: Record<string, unknown> = {}): PortalContent {
  return parsePortalFile({
    format: 'galette.portal/1',
    id,
    name: `Portail ${id}`,
    url: `https://${id}`,
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
    declarations: [
      {
        provider: 'Opendatasoft',
        service: { fr: 'Authentification', en: 'Authentication' },
        name: 'sessionid',
        purpose: { fr: 'Garder la session ouverte.', en: 'Keep the session open.' },
        category: 'necessary',
      },
      {
        provider: 'Matomo',
        service: { fr: 'Mesure d’audience', en: 'Audience measurement' },
        name: '_pk_id.*',
        purpose: { fr: 'Compter les visites.', en: 'Count visits.' },
        category: 'statistics',
        lifetime: 'P13M',
      },
    ],
    ...overrides,
  });
}

/** A migrated in-memory SQLite store and an app on it. */
export async function testApp(options: Partial<AppOptions> = {}) {
  const store: Store = await openStore('sqlite::memory:');
  const migration = await store.migrate();
  if (migration.error) throw new Error(migration.error.message);
  const accounts =
    options.accounts ??
    createAccountServices(store, options.secret ? { secret: options.secret } : {});
  const app = createApp({ store, accounts, ...options });
  return { store, app, accounts };
}
