import { setTimeout as sleep } from 'node:timers/promises';
import { CLI_PRINCIPAL } from '@galette/core';
import { openStore, type Store } from '@galette/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountServices, PasswordHasher } from '../src/index.js';
import { requirePostgres, scratchDatabase } from '../../../test-support/postgres.mjs';

const postgres = await requirePostgres('the two-node sign-in throttling test');

/** Wrong about every password, 50 ms per check (argon2's order); one count for both nodes. */
let checks = 0;
class SlowWrongHasher extends PasswordHasher {
  override async verify(): Promise<boolean> {
    checks += 1;
    await sleep(50);
    return false;
  }
  override async verifyNothing(): Promise<false> {
    checks += 1;
    await sleep(50);
    return false;
  }
}

/**
 * Two nodes (two stores, two connection pools) on one PostgreSQL database of this test's own:
 * wrong passwords sent to both at once share the account's free attempts.
 */
describe.runIf(postgres)('sign-in throttling across two nodes on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const stores: Store[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase('galette_throttle');
    for (let i = 0; i < 2; i += 1) stores.push(await openStore(scratch.url));
    const migration = await stores[0]!.migrate();
    if (migration.error) throw new Error(migration.error.message);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await scratch?.drop();
  });

  it('lets no more than the free attempts check a password when both nodes get them at once', async () => {
    const nodes = stores.map((store) =>
      createAccountServices(store, { secret: 'nodes', hasher: new SlowWrongHasher() }),
    );
    await nodes[0]!.users.addUser(CLI_PRINCIPAL, {
      email: 'agent@example.org',
      password: 'correct horse battery',
    });
    checks = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        nodes[i % 2]!.signIn.signIn('agent@example.org', `wrong guess ${i}`, {
          clientAddress: `192.0.2.${i}`,
        }),
      ),
    );
    expect(checks).toBeLessThanOrEqual(4);
    expect(results.filter((r) => r.outcome === 'failed')).toHaveLength(checks);
    expect(results.filter((r) => r.outcome === 'throttled').length).toBeGreaterThanOrEqual(16);
    const audit = await nodes[1]!.audit.query(CLI_PRINCIPAL, {
      action: 'auth.sign-in',
      limit: 100,
    });
    expect(audit.entries).toHaveLength(20);
  });
});
