import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const source = (pkg: string) => join(ROOT, 'packages', pkg, 'src', 'index.ts');

/**
 * Bundles `consent-server-process.ts` with the packages' sources, so a child process runs the
 * code under test rather than a possibly stale `dist/`. The bundle goes under the repository's
 * `.vitest-tmp/`, from where its external dependencies resolve in the root `node_modules`.
 */
export async function bundleServer(): Promise<{ file: string; remove: () => void }> {
  const dir = join(ROOT, '.vitest-tmp', `consent-server-${process.pid}-${Date.now()}`);
  // `dist/` below a package.json, as in a package: the server reads its version from there.
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    '{"name":"galette-test-server","version":"0.0.0-test"}\n',
  );
  const file = join(dir, 'dist', 'server.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./consent-server-process.ts', import.meta.url))],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: {
      // Sub-entries first: an alias also matches what starts with its name.
      '@galette/core/cookie-database': join(ROOT, 'packages/core/src/cookie-database/index.ts'),
      '@galette/core/node': join(ROOT, 'packages/core/src/node/index.ts'),
      '@galette/core': source('core'),
      '@galette/storage': source('storage'),
      '@galette/widget': source('widget'),
      '@galette/server': source('server'),
    },
    logLevel: 'silent',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ChildServer {
  readonly port: number;
  readonly process: ChildProcess;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

/** Starts the bundled server on `databaseUrl` and waits until it listens. */
export function startChildServer(
  file: string,
  databaseUrl: string,
  {
    appendThread = false,
    settings,
  }: { appendThread?: boolean; settings?: Record<string, unknown> } = {},
): Promise<ChildServer> {
  const args = [file, databaseUrl, ...(appendThread ? ['thread'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: settings ? { ...process.env, GALETTE_TEST_SERVER: JSON.stringify(settings) } : process.env,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) {
        resolve({
          port: (JSON.parse(line) as { port: number }).port,
          process: child,
          exited,
          stderr: () => stderr,
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
}
