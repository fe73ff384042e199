import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli.js';

/** The built command, as `npm start` runs it (the root `npm test` builds before testing). */
export const GALETTE = fileURLToPath(new URL('../dist/main.js', import.meta.url));
export const DEMO_DIR = fileURLToPath(new URL('../presets/demo/', import.meta.url));

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'galette-cli-'));
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment without the operator's GALETTE_* and locale, so defaults are what is tested. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, GALETTE_LANG: 'fr', ...extra };
}

export function spawnGalette(args: readonly string[], cwd: string, env = cleanEnv()): ChildProcess {
  return spawn(process.execPath, [GALETTE, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `galette <args>` to completion. */
export function galette(args: readonly string[], cwd: string, env = cleanEnv()): Promise<Run> {
  const child = spawnGalette(args, cwd, env);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * `galette …` run in this process (faster than a child; what the command prints, and its exit
 * code), in French unless `env` says otherwise; `stdin` is what `--password-stdin` reads.
 */
export async function cliInProcess(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args], {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: { GALETTE_LANG: 'fr', ...options.env },
    untilStopped: () => new Promise(() => undefined),
    ...(options.stdin === undefined ? {} : { readStdin: () => Promise.resolve(options.stdin!) }),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
