import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { newConsentId } from '@galette/core';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { DEMO_DIR, cleanEnv, galette, spawnGalette, tempDir } from './run-galette.js';
import type { ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [];
/** Every portal file of the demo preset is loaded: the five seeds, the console, and any added. */
const PRESET_SIZE = readdirSync(DEMO_DIR).filter((n) => n.endsWith('.json')).length;
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `galette serve` and resolves once it printed its address. */
async function serve(dir: string, args: string[] = [], env = cleanEnv()) {
  const child = spawnGalette(['serve', '--port', '0', '--host', '127.0.0.1', ...args], dir, env);
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match && stdout.includes('\n', match.index)) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, url, output: () => ({ stdout, stderr }) };
}

describe('galette serve', () => {
  it('loads the demo preset on first start, serves charters and stops on SIGTERM', async () => {
    const dir = tempDir();
    const { child, url, output } = await serve(dir);
    expect(url).not.toMatch(/:0$/);
    const charterUrls = (output().stdout.match(/^ {2}http:\/\/\S+\/charte-cookies$/gm) ?? []).map(
      (l) => l.trim(),
    );
    expect(PRESET_SIZE).toBeGreaterThanOrEqual(6);
    expect(charterUrls).toHaveLength(PRESET_SIZE);
    expect(output().stdout).toContain(`(${PRESET_SIZE} portails publiés)`);
    for (const id of ['opendata.paris.fr', 'data.explore.star.fr', 'galette.localhost']) {
      expect(charterUrls).toContain(`${url}/p/${id}/charte-cookies`);
    }
    expect(output().stderr).toContain('GALETTE_SECRET');
    // What a random secret breaks across nodes: throttling, the second factor, single sign-on.
    for (const consequence of ['freinage', 'double authentification', 'OpenID Connect', 'nœuds']) {
      expect(output().stderr).toContain(consequence);
    }

    const page = await fetch(`${url}/p/opendata.paris.fr/charte-cookies`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Paris Data');
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');

    // What `galette charter` prints is byte for byte what the server sends.
    for (const [query, args] of [
      ['', []],
      ['.md?lang=en', ['--format', 'md', '--lang', 'en']],
      ['.json', ['--format', 'json']],
    ] as const) {
      const served = Buffer.from(
        await (
          await fetch(`${url}/p/opendata.paris.fr/charte-cookies${query}`, {
            headers: { 'accept-encoding': 'identity' },
          })
        ).arrayBuffer(),
      );
      const printed = await galette(['charter', 'opendata.paris.fr', ...args], dir);
      expect(printed.code, printed.stderr).toBe(0);
      expect(Buffer.from(printed.stdout, 'utf8').equals(served), query).toBe(true);
    }

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output().stdout).toContain('Serveur arrêté.');
  });

  it('prints a first-administrator link while no user exists, a new one each start', async () => {
    const dir = tempDir();
    const links: string[] = [];
    for (let start = 0; start < 2; start += 1) {
      const { child, output } = await serve(dir);
      child.kill('SIGTERM');
      await once(child, 'exit');
      expect(output().stdout).toContain(
        'Aucun utilisateur pour l’instant. Créez le premier administrateur',
      );
      const link = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/admin\/set-password\?token=[\w-]{43})$/m.exec(
        output().stdout,
      );
      expect(link, output().stdout).not.toBeNull();
      links.push(link![1]!);
    }
    expect(links[0]).not.toBe(links[1]);
    const added = await galette(['users', 'add', 'root@example.org', '--role', 'admin'], dir);
    expect(added.code, added.stderr).toBe(0);
    const { child, output } = await serve(dir);
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(output().stdout).toContain('Serveur arrêté.');
    expect(output().stdout).not.toContain('set-password');
    expect(output().stderr).not.toContain('sessions ne survivront pas');
  });

  it('does not load the preset again into a store that has portals', async () => {
    const dir = tempDir();
    const db = `sqlite:${join(dir, 'second.db')}`;
    const first = await serve(dir, ['--db', db]);
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    const second = await serve(
      dir,
      [],
      cleanEnv({ GALETTE_DB: db, GALETTE_SECRET: 'a-secret-of-at-least-32-bytes-for-tests' }),
    );
    expect(second.output().stdout).not.toContain('préréglage');
    expect(second.output().stdout.match(/charte-cookies$/gm)).toHaveLength(PRESET_SIZE);
    expect(second.output().stderr).not.toContain('GALETTE_SECRET');
    second.child.kill('SIGINT');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('starts with no portal when the demo preset is declined', async () => {
    for (const [args, env] of [
      [['--no-demo'], cleanEnv()],
      [[], cleanEnv({ GALETTE_DEMO: 'off' })],
    ] as const) {
      const dir = tempDir();
      const { child, url, output } = await serve(dir, [...args], env);
      expect(output().stdout).not.toContain('préréglage');
      expect(output().stdout).toContain('Aucun portail publié');
      expect((await fetch(`${url}/p/opendata.paris.fr/charte-cookies`)).status).toBe(404);
      child.kill('SIGTERM');
      expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
    }
  });

  it('refuses a GALETTE_SECRET shorter than 32 bytes, in the operator’s language', async () => {
    for (const [lang, words] of [
      ['fr', 'GALETTE_SECRET est trop court : 6 octet(s), il en faut au moins 32'],
      ['en', 'GALETTE_SECRET is too short: 6 byte(s), at least 32 are needed'],
    ] as const) {
      const env = cleanEnv({ GALETTE_SECRET: 's3cret', GALETTE_LANG: lang });
      const run = await galette(['serve', '--port', '0', '--no-demo'], tempDir(), env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(words);
      expect(run.stderr).toContain('randomBytes(32)');
    }
  });

  it('exits 2 on a bad port', async () => {
    const run = await galette(['serve', '--port', 'http'], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('http');
  });
});

describe('the demo portal’s address', () => {
  const DEMO = 'demo.galette.localhost';
  const SECRET = 'a-secret-of-at-least-32-bytes-for-tests';

  /** The demo portal's declared url, and the answer to a consent from its own origin. */
  async function demoPortal(url: string) {
    const port = new URL(url).port;
    const charter = (await (await fetch(`${url}/p/${DEMO}/charte-cookies.json`)).json()) as {
      portal: { url: string };
      revision: { hash: string };
    };
    const consent = await fetch(`${url}/api/v1/portals/${DEMO}/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://${DEMO}:${port}` },
      body: JSON.stringify({
        eventId: randomUUID(),
        consentId: newConsentId(),
        revision: charter.revision.hash,
        choices: { statistics: false },
        action: 'custom',
        source: 'banner',
        lang: 'fr',
      }),
    });
    return { port, declared: charter.portal.url, consent: consent.status };
  }

  it('follows the port the server listens on, at first start and after a restart on another', async () => {
    const dir = tempDir();
    const db = `sqlite:${join(dir, 'demo.db')}`;
    const env = cleanEnv({ GALETTE_SECRET: SECRET });
    const first = await serve(dir, ['--db', db], env);
    const before = await demoPortal(first.url);
    expect(before.port).not.toBe('8080');
    expect(before.declared).toBe(`http://${DEMO}:${before.port}`);
    expect(before.consent).toBe(201);
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    const second = await serve(dir, ['--db', db], env);
    const after = await demoPortal(second.url);
    expect(after.declared).toBe(`http://${DEMO}:${after.port}`);
    expect(after.consent).toBe(201);
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  });
});
