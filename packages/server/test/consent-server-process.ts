/**
 * A Galette server in a process of its own, for tests that kill it. Usage:
 * `node server.mjs <GALETTE_DB url> [thread]`; prints `{"port":…}` once listening on 127.0.0.1.
 * `thread`: SQLite proofs are written from a thread of their own.
 */
import { openStore } from '@galette/storage';
import { createApp, startServer } from '../src/index.js';

const url = process.argv[2];
if (!url) throw new Error('usage: consent-server-process <database url>');
const store = await openStore(url);
const migration = await store.migrate();
if (migration.error) throw new Error(migration.error.message);
const appendThread = process.argv[3] === 'thread';
const app = createApp({ store, consents: { rateLimit: false, appendThread } });
const server = await startServer({ app, port: 0, hostname: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => store.close());
});
