import { randomUUID } from 'node:crypto';
import { CLI_PRINCIPAL, newConsentId, type Revision } from '@galette/core';
import { KyselyStore, openConsentLog, type Store } from '@galette/storage';
import type { Hono } from 'hono';
import type { AppOptions } from '../src/index.js';
import { portal, testApp } from './fixtures.js';

export const PARIS = 'opendata.paris.fr';
export const PARIS_ORIGIN = 'https://opendata.paris.fr';

/** An app on a fresh in-memory store with Paris published, and a reader of its consent log. */
export async function consentApp(options: Partial<AppOptions> = {}) {
  const { store, app, accounts } = await testApp({
    ...options,
    consents: { rateLimit: false, ...options.consents },
  });
  const revision = await store.saveAndPublish(portal(PARIS));
  if (!(store instanceof KyselyStore)) throw new Error('expected a KyselyStore');
  // An administrator's API token, as `galette tokens create --role admin` makes one.
  const { token: adminToken } = await accounts.tokens.create(CLI_PRINCIPAL, {
    name: 'test-admin',
    role: 'admin',
  });
  return { store, app, accounts, adminToken, revision, log: openConsentLog(store.database) };
}

export function body(revision: Pick<Revision, 'hash'>, overrides: Record<string, unknown> = {}) {
  return {
    eventId: randomUUID(),
    consentId: newConsentId(),
    revision: revision.hash,
    choices: { statistics: true },
    action: 'custom',
    source: 'banner',
    lang: 'fr',
    ...overrides,
  };
}

export function post(
  app: Hono,
  payload: unknown,
  headers: Record<string, string> = {},
  path = `/api/v1/portals/${PARIS}/consents`,
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PARIS_ORIGIN, ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

/** Every record of a portal, read straight from the database. */
export async function countRecords(store: Store): Promise<number> {
  const { db } = (store as KyselyStore).database;
  const row = await db
    .selectFrom('consent_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
