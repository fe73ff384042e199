/**
 * A Galette server in a process of its own, for tests that kill it. Usage:
 * `node server.mjs <GALETTE_DB url> [thread]`; prints `{"port":…}` once listening on 127.0.0.1.
 * `thread`: SQLite proofs are written from a thread of their own. `GALETTE_TEST_SERVER` may hold
 * JSON `{ "database": DatabaseOptions, "app": { …AppOptions without the store } }`.
 */
import { openStore, type DatabaseOptions } from '@galette/storage';
import { createApp, startServer, type AppOptions } from '../src/index.js';

const url = process.argv[2];
if (!url) throw new Error('usage: consent-server-process <database url>');
const settings = JSON.parse(process.env.GALETTE_TEST_SERVER ?? '{}') as {
  database?: DatabaseOptions;
  app?: Omit<AppOptions, 'store'>;
};
const store = await openStore(url, settings.database);
const migration = await store.migrate();
if (migration.error) throw new Error(migration.error.message);
const appendThread = process.argv[3] === 'thread';
const app = createApp({
  ...settings.app,
  store,
  consents: { rateLimit: false, appendThread, ...settings.app?.consents },
});
const server = await startServer({ app, port: 0, hostname: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => store.close());
});
