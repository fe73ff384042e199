/* global console, process */
// Which test files need Chromium (those calling `requireChromium(`), and the config's decision to
// leave them out: only where no browser is found and CI is not set, said once in a loud line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromiumMissing } from './chromium.mjs';

function testFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? testFiles(path) : /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Test files under `root` that call `requireChromium(`, relative to `root`. */
export function browserTestFiles(root) {
  return ['packages', 'bench']
    .flatMap((dir) => testFiles(join(root, dir)))
    .filter((file) => readFileSync(file, 'utf8').includes('requireChromium('))
    .map((file) => relative(root, file));
}

/** Files to exclude from this run: the browser tests when Chromium is missing outside CI. */
export function excludedBrowserTests(root, env = process.env) {
  const missing = chromiumMissing(env);
  if (missing === undefined || env.CI) return [];
  const files = browserTestFiles(root);
  console.warn(
    `\n*** ${files.length} browser test files SKIPPED (${files.join(', ')}): ${missing}. ` +
      `On CI (CI set) this is a failure.\n`,
  );
  return files;
}
