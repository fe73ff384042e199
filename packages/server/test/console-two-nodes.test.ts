import { CLI_PRINCIPAL } from '@galette/core';
import { PostgresStore } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountServices } from '../src/accounts/index.js';
import { bundleServer, startChildServer, type ChildServer } from './consent-child-server.js';
import { PASSWORD } from './console-kit.js';
import { requirePostgres, scratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the console on two nodes');
const SECRET = 'two nodes share one secret of 32+ bytes';
const EMAIL = 'agent@example.org';

/** A browser's cookie jar over plain fetch, across both nodes (as behind one load balancer). */
class Jar {
  readonly cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (/max-age=0/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  /** Posts a form with the CSRF token of `page` (the page the form is on). */
  async post(url: string, fields: Record<string, string>, page: string): Promise<Response> {
    const html = await (await this.go(page)).text();
    const token = /name="csrftoken" value="([^"]+)"/.exec(html)![1]!;
    return this.go(url, {
      method: 'POST',
      body: new URLSearchParams({ ...fields, csrftoken: token }),
    });
  }
}

describe.runIf(postgres)('the console on two nodes sharing one PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let bundle: { file: string; remove: () => void };
  const nodes: ChildServer[] = [];

  beforeAll(async () => {
    database = await scratchDatabase('galette_two_nodes');
    const store = await PostgresStore.open(database.url);
    await store.migrate();
    await createAccountServices(store).users.addUser(CLI_PRINCIPAL, {
      email: EMAIL,
      role: 'admin',
      password: PASSWORD,
    });
    await store.close();
    bundle = await bundleServer();
    for (let i = 0; i < 2; i += 1) {
      nodes.push(
        await startChildServer(bundle.file, database.url, {
          settings: { app: { secret: SECRET } },
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) {
      node.process.kill('SIGTERM');
      await node.exited;
    }
    bundle?.remove();
    await database?.drop();
  });

  it('knows on one node the session made on the other, and ends it there for both', async () => {
    const [one, two] = nodes.map((n) => `http://127.0.0.1:${n.port}`) as [string, string];
    const browser = new Jar();
    const signIn = await browser.post(
      `${one}/admin/login`,
      { email: EMAIL, password: PASSWORD },
      `${one}/admin/login`,
    );
    expect(signIn.status).toBe(303);
    const session = browser.cookies.get('sessionid')!;
    expect(session).toBeDefined();

    const other = await browser.go(`${two}/admin/users`);
    expect(other.status).toBe(200);
    expect(await other.text()).toContain(EMAIL);

    // Signing out on the second node ends the session the first one made.
    expect((await browser.post(`${two}/admin/logout`, {}, `${two}/admin/account`)).status).toBe(
      303,
    );
    const replay = await fetch(`${one}/admin/users`, {
      headers: { cookie: `sessionid=${session}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/admin\/login/);
  });
});
