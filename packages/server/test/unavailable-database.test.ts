import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnavailableError } from '@galette/core';
import { PostgresStore, SqliteStore, sqliteConnectionOf, type Store } from '@galette/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, createApp, createRevisionCache } from '../src/index.js';
import { PARIS, body, countRecords, post } from './consent-fixtures.js';
import { portal } from './fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const RETRY_AFTER = String(UNAVAILABLE_RETRY_AFTER_SECONDS);
/** What the server logs: each 503 is logged, for the operator. */
const logged: unknown[] = [];
afterEach(() => {
  logged.length = 0;
});

describe('a database that does not answer', () => {
  it('answers 503 with Retry-After, on the APIs and on the pages (PostgreSQL, nothing listens)', async () => {
    // Port 1 has no listener on a test machine: every connection is refused at once.
    const store = await PostgresStore.open('postgres://postgres@127.0.0.1:1/galette');
    cleanups.push(() => store.close());
    const app = createApp({
      store,
      consents: { rateLimit: false },
      log: (error) => logged.push(error),
    });

    const charter = await app.request(`/p/${PARIS}/charte-cookies.json`);
    expect(charter.status).toBe(503);
    expect(charter.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(await charter.json()).toEqual({
      error: {
        code: 'unavailable',
        message:
          'Le service est momentanément indisponible : sa base de données ne répond pas. Réessayez dans quelques instants.',
      },
    });

    const page = await app.request(`/p/${PARIS}/charte-cookies`, {
      headers: { 'accept-language': 'en' },
    });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('its database does not answer');

    const consent = await post(app, body({ hash: `sha256:${'a'.repeat(64)}` }));
    expect(consent.status).toBe(503);
    expect(consent.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(logged).toHaveLength(3);
  });

  it('answers a consent 503, and stores it on the retry, while another process holds SQLite past the wait', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galette-unavailable-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'galette.db');
    const store = await SqliteStore.open(path);
    cleanups.push(() => store.close());
    await store.migrate();
    const revision = await store.saveAndPublish(portal(PARIS));
    const app = createApp({
      store,
      consents: { rateLimit: false },
      log: (error) => logged.push(error),
    });
    // The revision is cached by a first request, as on a server that has been running.
    expect((await app.request(`/p/${PARIS}/charte-cookies.json`)).status).toBe(200);
    sqliteConnectionOf(store.database)!.pragma('busy_timeout = 20');

    // Another process (a purge, say) holds the write lock longer than the server waits.
    const other = await SqliteStore.open(path);
    cleanups.push(() => other.close());
    const lock = sqliteConnectionOf(other.database)!;
    lock.prepare('begin immediate').run([]);
    const sent = body(revision);
    const refused = await post(app, sent);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable');

    lock.prepare('rollback').run([]);
    const retried = await post(app, sent);
    expect(retried.status).toBe(201);
    expect(await countRecords(store)).toBe(1);
  });

  it('keeps serving the charters and the widget it already knew while the database is down', async () => {
    const store = await SqliteStore.open(':memory:');
    cleanups.push(() => store.close());
    await store.migrate();
    await store.saveAndPublish(portal(PARIS));
    let down = false;
    // The real store, except that reading a revision fails as an unreachable database does.
    const flaky = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'latestRevision') return Reflect.get(target, key, receiver) as unknown;
        return (portalId: string) =>
          down
            ? Promise.reject(new UnavailableError(`latestRevision(${portalId}): ECONNREFUSED`))
            : target.latestRevision(portalId);
      },
    }) as Store;
    // Nothing stays fresh: every request asks the store, as after the TTL on a running server.
    const revisions = createRevisionCache({ store: flaky, ttlMs: 0 });
    const app = createApp({ store: flaky, revisions, log: (error) => logged.push(error) });
    const charter = await app.request(`/p/${PARIS}/charte-cookies.json`);
    expect(charter.status).toBe(200);
    expect((await app.request(`/p/${PARIS}/widget.js`)).status).toBe(200);

    down = true;
    const stale = await app.request(`/p/${PARIS}/charte-cookies.json`);
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(await charter.text());
    expect((await app.request(`/p/${PARIS}/widget.js`)).status).toBe(200);
    // A portal this node never served has nothing to fall back on.
    expect((await app.request('/p/opendata.finistere.fr/charte-cookies.json')).status).toBe(503);
    expect(logged).toHaveLength(1);
  });
});
