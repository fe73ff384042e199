import { CLI_PRINCIPAL } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { A, PEOPLE, TestBrowser, consoleKit } from './console-kit.js';

describe('the token form (a zod form shape)', () => {
  it('refuses an expiry it does not offer and a field it does not have, naming each, and creates nothing', async () => {
    const { app, accounts, close } = await consoleKit();
    const admin = new TestBrowser(app);
    await admin.signIn(PEOPLE.admin);
    const bad = await admin.post('/admin/tokens', {
      name: 'weekly',
      role: 'viewer',
      portals: A,
      expires: 'P10Y',
      owner: 'me',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="expires-error"');
    expect(html).toContain('P10Y');
    expect(html).toMatch(/unknown field|champ inconnu/);
    // The name typed is kept for the next try.
    expect(html).toContain('value="weekly"');
    expect((await accounts.tokens.list(CLI_PRINCIPAL)).map((t) => t.name)).not.toContain('weekly');

    const good = await admin.post('/admin/tokens', {
      name: 'weekly',
      role: 'viewer',
      portals: ` ${A} `,
    });
    expect(good.status).toBe(200);
    const created = (await accounts.tokens.list(CLI_PRINCIPAL)).find((t) => t.name === 'weekly');
    expect(created).toMatchObject({ role: 'viewer' });
    expect(created?.expiresAt).toBeDefined();
    await close();
  });
});
