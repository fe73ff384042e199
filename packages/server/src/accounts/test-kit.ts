import { readFileSync } from 'node:fs';
import { parsePortalFile, type PortalContent } from '@galette/core';
import { SqliteStore, type Store } from '@galette/storage';
import { expect } from 'vitest';
import { createAccountServices, type AccountServicesOptions } from './account-services.js';

/** A clock tests move by hand. */
export function testClock(start = '2026-03-02T09:00:00.000Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now.getTime()),
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A portal file of the demo preset, as `galette serve` loads it. */
export function presetPortal(id: string): PortalContent {
  const url = new URL(`../../../cli/presets/demo/${id}.json`, import.meta.url);
  return parsePortalFile(JSON.parse(readFileSync(url, 'utf8')) as unknown);
}

/**
 * A migrated in-memory store with two portals of the demo preset and every account service on
 * it, on a clock the test moves.
 */
export async function accountsKit(options: AccountServicesOptions = {}) {
  const clock = testClock();
  const store: Store = await SqliteStore.open(':memory:', { now: clock.now });
  expect((await store.migrate()).error).toBeUndefined();
  for (const id of ['opendata.paris.fr', 'opendata.finistere.fr', 'galette.localhost']) {
    await store.saveAndPublish(presetPortal(id));
  }
  const services = createAccountServices(store, {
    now: clock.now,
    secret: 'test secret',
    ...options,
  });
  return { store, clock, services, close: () => store.close() };
}
