import { CLI_PRINCIPAL } from '@galette/core';
import type { Context } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { accountsKit } from '../accounts/test-kit.js';
import { createRefusalAudit, REFUSAL_WINDOW_MS, type Refusal } from './refusal-audit.js';

let kit: Awaited<ReturnType<typeof accountsKit>>;
afterEach(() => kit.close());

const refusal = (route: string, portalId?: string): Refusal => ({
  action: 'access.denied',
  principal: undefined,
  method: 'GET',
  route,
  portalId,
});

describe('createRefusalAudit', () => {
  it('records a refusal once a minute per client and route, each client and route apart', async () => {
    kit = await accountsKit();
    let t = Date.parse('2026-03-02T09:00:59.990Z');
    const clients = new Map<Context, string>();
    const record = createRefusalAudit({
      audit: kit.services.audit,
      client: (c) => clients.get(c)!,
      now: () => t,
    });
    const one = {} as Context;
    const two = {} as Context;
    clients.set(one, '192.0.2.1').set(two, '192.0.2.2');
    const total = async () => (await kit.services.audit.query(CLI_PRINCIPAL, {})).total;
    const before = await total();
    // Repeated across a minute's boundary: still once.
    for (let i = 0; i < 5; i++) {
      await record(one, refusal('/admin/users'));
      t += 5;
    }
    expect(await total()).toBe(before + 1);
    await record(two, refusal('/admin/users'));
    await record(one, refusal('/admin/portals/:portalId/scans', 'opendata.paris.fr'));
    expect(await total()).toBe(before + 3);
    t += REFUSAL_WINDOW_MS;
    await record(one, refusal('/admin/users'));
    expect(await total()).toBe(before + 4);
    const { entries } = await kit.services.audit.query(CLI_PRINCIPAL, { action: 'access.denied' });
    expect(entries.map((e) => [e.actor.kind, e.object, e.portalId, e.outcome])).toContainEqual([
      'anonymous',
      'GET /admin/portals/:portalId/scans',
      'opendata.paris.fr',
      'denied',
    ]);
    expect(entries.every((e) => e.clientPseudonym !== undefined)).toBe(true);
  });
});
