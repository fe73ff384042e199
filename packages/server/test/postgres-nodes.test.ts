import { CLI_PRINCIPAL, toPortalFile } from '@galette/core';
import { openStore } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountServices } from '../src/index.js';
import { bundleServer, startChildServer, type ChildServer } from './consent-child-server.js';
import { PARIS } from './consent-fixtures.js';
import { portal } from './fixtures.js';
import { requirePostgres, scratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the two-node publication test');

/**
 * Two server processes on one PostgreSQL database of this test's own. Their revision caches keep
 * an answer for a minute, so only the notification can bring the second node a publication made
 * on the first within a second.
 */
describe.runIf(postgres)('a publication on one node, served by another', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let bundle: Awaited<ReturnType<typeof bundleServer>>;
  let nodes: ChildServer[] = [];
  let token: string;

  beforeAll(async () => {
    scratch = await scratchDatabase('galette_nodes');
    const store = await openStore(scratch.url);
    try {
      const migration = await store.migrate();
      if (migration.error) throw new Error(migration.error.message);
      await store.saveAndPublish(portal(PARIS));
      const accounts = createAccountServices(store, { secret: 'nodes' });
      token = (await accounts.tokens.create(CLI_PRINCIPAL, { name: 'nodes', role: 'admin' })).token;
    } finally {
      await store.close();
    }
    bundle = await bundleServer();
    const settings = { app: { revisionTtlMs: 60_000, secret: 'nodes' } };
    nodes = await Promise.all([
      startChildServer(bundle.file, scratch.url, { settings }),
      startChildServer(bundle.file, scratch.url, { settings }),
    ]);
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) node.process.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    bundle?.remove();
    await scratch?.drop();
  });

  const at = (node: ChildServer, path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${node.port}${path}`, init);
  const admin = (node: ChildServer, path: string, method: string, json?: unknown) =>
    at(node, `/api/v1/admin/portals/${PARIS}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  const servedRevision = async (node: ChildServer) => {
    const charter = (await (await at(node, `/p/${PARIS}/charte-cookies.json`)).json()) as {
      revision: { number: number; hash: string };
    };
    const widget = await (await at(node, `/p/${PARIS}/widget.js`)).text();
    return { number: charter.revision.number, hash: charter.revision.hash, widget };
  };

  it('shows the second node the new charter and widget.js within one second', async () => {
    const [first, second] = nodes as [ChildServer, ChildServer];
    const before = await servedRevision(second);
    expect(before.number).toBe(1);
    // The second node now holds revision 1 for a minute, unless told otherwise.

    const file = toPortalFile(portal(PARIS));
    const edited = {
      ...file,
      declarations: [
        ...file.declarations,
        {
          provider: 'YouTube',
          service: { fr: 'Vidéos', en: 'Videos' },
          name: 'VISITOR_INFO1_LIVE',
          purpose: { fr: 'Préférences du lecteur', en: 'Player preferences' },
          category: 'marketing',
          lifetime: 'P6M',
          party: 'third',
          domain: 'youtube.com',
          storage: 'cookie',
          hosts: ['www.youtube.com'],
        },
      ],
    };
    expect((await admin(first, '/draft', 'PUT', edited)).status).toBe(200);
    const published = await admin(first, '/publish', 'POST', { acknowledgeAll: true });
    expect(published.status).toBe(201);
    const { revision } = (await published.json()) as { revision: { number: number; hash: string } };
    expect(revision.number).toBe(2);

    const start = Date.now();
    let seen = before;
    while (Date.now() - start < 1_000) {
      seen = await servedRevision(second);
      if (seen.number === 2 && seen.widget.includes(revision.hash)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const elapsed = Date.now() - start;
    expect(seen.number, `second node after ${elapsed} ms`).toBe(2);
    expect(seen.hash).toBe(revision.hash);
    expect(seen.widget).toContain(revision.hash);
    expect(elapsed).toBeLessThan(1_000);

    // An archive on the first node closes the second's public pages as fast.
    expect((await admin(first, '/archive', 'POST')).status).toBe(200);
    const archivedAt = Date.now();
    let status = 200;
    while (Date.now() - archivedAt < 1_000 && status !== 410) {
      status = (await at(second, `/p/${PARIS}/charte-cookies`)).status;
      if (status !== 410) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(410);
  }, 30_000);
});
