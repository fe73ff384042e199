/* global process, console, URL, Response */
// The server side of bench/console.mjs: Galette's app on a seeded SQLite file, each answer's
// server time (from the request to the response's headers and body string; pages are rendered
// whole before they are sent) recorded per route, read back and reset at /__bench/times.
import { createApp, startServer } from '@galette/server';
import { openStore } from '@galette/storage';

const [file, secret] = process.argv.slice(2);
const store = await openStore(`sqlite:${file}`);
const app = createApp({ store, secret, consents: { rateLimit: false } });
let times = new Map();

/** `/admin/portals/x/statistics?…` → `/admin/portals/:id/statistics`, to group the samples. */
const routeOf = (path) =>
  path
    .replace(/^\/(admin\/portals|api\/v1\/admin\/portals|p)\/[^/]+/, '/$1/:id')
    .replace(/\/consents\/[^/]+$/, '/consents/:consentId');

const timed = {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/__bench/times') {
      const answer = Object.fromEntries(times);
      times = new Map();
      return Response.json(answer);
    }
    const start = process.hrtime.bigint();
    const response = await app.fetch(request, env);
    // Pages and JSON are built as strings before they are answered; read it to count it.
    const body = await response.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const key = `${request.method} ${routeOf(url.pathname)}`;
    let list = times.get(key);
    if (!list) times.set(key, (list = []));
    list.push(ms);
    const empty = [101, 204, 205, 304].includes(response.status);
    return new Response(empty ? null : body, response);
  },
};

const server = await startServer({ app: timed, port: 0, hostname: '127.0.0.1' });
console.log(`listening ${server.port}`);
process.on('SIGTERM', async () => {
  await server.close();
  await store.close();
  process.exit(0);
});
