/**
 * `npx galette` on a fresh clone: npm links the bin at install time, before any build, so the
 * bin must be a committed file that starts the built command (building it when missing).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanEnv, tempDir } from './run-galette.js';

const cliDir = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
};
const bin = join(cliDir, manifest.bin.galette!);

describe('the galette bin', () => {
  it('is a committed file outside dist/, executable, and shipped', () => {
    expect(manifest.bin.galette).not.toMatch(/(^|\/)dist\//);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(bin, constants.X_OK);
    expect(manifest.files).toContain(manifest.bin.galette!.split('/')[1]);
  });

  it('runs the built command', () => {
    const run = spawnSync(process.execPath, [bin, '--help'], { env: cleanEnv(), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}serve /m);
  });

  it('says so, in the reader’s language, when there is nothing built and nothing to build', () => {
    // The launcher alone in a folder: no dist/main.js, no workspace around it to build.
    const lonely = join(tempDir(), 'packages', 'cli', 'bin');
    mkdirSync(lonely, { recursive: true });
    copyFileSync(bin, join(lonely, 'galette.js'));
    const run = (lang: string) =>
      spawnSync(process.execPath, [join(lonely, 'galette.js'), '--help'], {
        env: cleanEnv({ GALETTE_LANG: lang }),
        encoding: 'utf8',
      });
    const fr = run('fr');
    expect(fr.status).toBe(1);
    expect(fr.stderr).toContain('pas encore compilé');
    expect(fr.stderr).toContain('npm run build');
    expect(run('en').stderr).toContain('the build failed');
  });
});
