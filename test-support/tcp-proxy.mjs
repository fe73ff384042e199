// A TCP proxy on 127.0.0.1 that can go silent, for fault tests and `bench/faults.mjs`: while
// paused it forwards nothing in either direction and opens no new upstream connection, but
// closes nothing either — a network partition as a server sees it (packets dropped, no RST).
// Held bytes are delivered on resume, as TCP would retransmit them.
/* global Buffer */
import net from 'node:net';

/** Starts a proxy to `target` (`{ host, port }`); resolves with `{ port, pause, resume, close }`. */
export async function startTcpProxy(target) {
  let paused = false;
  const waiting = new Set();
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const held = [];
    client.on('data', (chunk) => held.push(chunk));
    const open = () => {
      const upstream = net.connect(target.port, target.host);
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      const link = (from, to, queue) => {
        from.removeAllListeners('data');
        from.on('data', (chunk) => {
          if (paused) queue.push(chunk);
          else to.write(chunk);
        });
      };
      const toUpstream = held;
      const toClient = [];
      link(client, upstream, toUpstream);
      link(upstream, client, toClient);
      const flush = () => {
        upstream.write(Buffer.concat(toUpstream.splice(0)));
        if (toClient.length > 0) client.write(Buffer.concat(toClient.splice(0)));
      };
      upstream.once('connect', () => {
        if (paused) waiting.add(flush);
        else flush();
      });
      const onResume = () => {
        if (!paused && upstream.readyState === 'open') flush();
      };
      flushes.add(onResume);
      client.on('close', () => flushes.delete(onResume));
    };
    if (paused) waiting.add(open);
    else open();
  });
  const flushes = new Set();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    /** Stops forwarding: bytes are held, new connections wait. */
    pause() {
      paused = true;
    },
    /** Delivers what was held and forwards again. */
    resume() {
      paused = false;
      for (const run of [...waiting]) {
        waiting.delete(run);
        run();
      }
      for (const flush of flushes) flush();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
