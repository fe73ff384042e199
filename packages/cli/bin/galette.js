#!/usr/bin/env node
/* global process, URL */
// The `galette` command as npm links it. It must exist before anything is built (npm links bins
// at install time, and a bin pointing into dist/ made `npx galette` fail on a fresh clone), so
// it is committed and only starts dist/main.js, building the workspace first when dist/ is
// missing. Its two messages cannot use the catalogs (they are what is being built): they follow
// LANG like the CLI does, French first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const env = process.env;
const lang = (env.GALETTE_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || 'fr').toLowerCase();
const english = lang.startsWith('en');

if (!existsSync(main)) {
  const workspace = existsSync(new URL('../../../package.json', import.meta.url));
  process.stderr.write(
    english
      ? `galette: not built yet (${fileURLToPath(main)} is missing); running “npm run build” in ${root} first…\n`
      : `galette : pas encore compilé (${fileURLToPath(main)} manque) ; lancement de « npm run build » dans ${root}…\n`,
  );
  const build = workspace
    ? spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
    : { status: 1 };
  if (build.status !== 0 || !existsSync(main)) {
    process.stderr.write(
      english
        ? `galette: the build failed; run “npm run build” in ${root} and read its errors.\n`
        : `galette : la compilation a échoué ; lancez « npm run build » dans ${root} et lisez ses erreurs.\n`,
    );
    process.exit(1);
  }
}

await import(main.href);
