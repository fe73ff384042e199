#!/usr/bin/env node
import { runCli } from './cli.js';

const stopSignals = ['SIGTERM', 'SIGINT'] as const;

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTTY: process.stderr.isTTY === true,
  untilStopped: () =>
    new Promise((resolve) => {
      const stop = (signal: string) => {
        for (const s of stopSignals) process.off(s, stop);
        resolve(signal);
      };
      for (const s of stopSignals) process.on(s, stop);
    }),
});
// exitCode rather than exit(): stdout may still be flushing a large charter to a pipe.
process.exitCode = status;
