import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export interface StartServerOptions {
  readonly app: Hono;
  /** 0 picks a free port; the handle tells which. */
  readonly port: number;
  /** Default: every interface. */
  readonly hostname?: string;
}

export interface ServerHandle {
  /** The port actually listened on. */
  readonly port: number;
  readonly hostname: string;
  /** Stops accepting connections, lets requests in progress finish, then resolves. */
  close(): Promise<void>;
}

/** Listens with Node's HTTP server and resolves once the port is bound. */
export function startServer({ app, port, hostname }: StartServerOptions): Promise<ServerHandle> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, (info) => {
      server.off('error', reject);
      resolve(handle(info));
    });
    server.once('error', reject);

    const handle = (info: AddressInfo): ServerHandle => {
      let closing: Promise<void> | undefined;
      return {
        port: info.port,
        hostname: info.address,
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections would hold close() open until they time out.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          })),
      };
    };
  });
}
