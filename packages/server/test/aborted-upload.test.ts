import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../src/index.js';
import { PARIS, PARIS_ORIGIN, body, consentApp, countRecords } from './consent-fixtures.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** Sends a request head and part of its body on a raw socket, then closes the connection. */
async function abortMidBody(port: number, framing: string, partial: string): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /api/v1/portals/${PARIS}/consents HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Origin: ${PARIS_ORIGIN}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n${partial}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
  await new Promise((resolve) => socket.once('close', resolve));
}

describe('a client that aborts its upload', () => {
  it('is no internal error, logs nothing, stores nothing, and the server goes on', async () => {
    const logged: unknown[] = [];
    const setup = await consentApp({ log: (error) => logged.push(error) });
    const server = await startServer({ app: setup.app, port: 0, hostname: '127.0.0.1' });
    stops.push(async () => {
      await server.close();
      await setup.store.close();
    });
    const event = JSON.stringify(body(setup.revision));
    for (let i = 0; i < 5; i++) {
      await abortMidBody(server.port, 'Content-Length: 900', event.slice(0, 40));
      await abortMidBody(
        server.port,
        'Transfer-Encoding: chunked',
        `${(40).toString(16)}\r\n${event.slice(0, 40)}\r\n`,
      );
    }
    // Whatever the handlers were doing with the aborted bodies has finished.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged).toEqual([]);
    expect(await countRecords(setup.store)).toBe(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/portals/${PARIS}/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PARIS_ORIGIN },
      body: event,
    });
    expect(res.status).toBe(201);
    expect(await countRecords(setup.store)).toBe(1);
  });
});
