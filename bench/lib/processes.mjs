/* global process */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Spawns a node process and resolves with it and the first stdout match of `pattern`. */
export function spawnUntil(args, pattern, { cwd, env, input } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: env ?? process.env,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin.end(input);
  let out = '';
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => {
      out += b;
      const match = pattern.exec(out);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}\n${err}`)));
  });
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
