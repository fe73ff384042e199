/* global process, console, URL */
// The original seed charters live outside the repository (`../shared/seeds/` beside it, or
// GALETTE_SEEDS_DIR). Their facts are a fixture inside the repository; only the checks that need
// the documents themselves (the fixture still matches them, no sentence of theirs was copied)
// use them. Locally their absence skips those checks loudly; on CI (CI set) it fails.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'vitest';

const repositoryRoot = new URL('../', import.meta.url);

/** Where the seed charters are looked for. */
export const SHARED_SEEDS_DIR = process.env.GALETTE_SEEDS_DIR
  ? pathToFileURL(process.env.GALETTE_SEEDS_DIR.replace(/\/?$/, '/'))
  : new URL('../shared/seeds/', repositoryRoot);

/**
 * Whether the seed documents are there for `what`. When not: one warning saying why and how to
 * enable the checks, and on CI a failing test. Call it once per test file, at collection.
 */
export function requireSharedSeeds(what) {
  if (existsSync(SHARED_SEEDS_DIR)) return true;
  const where = SHARED_SEEDS_DIR.pathname;
  if (process.env.CI) {
    describe('seed charters on CI', () => {
      it(`are at ${where}, because CI must run ${what}`, () => {
        throw new Error(`${where} not found; set GALETTE_SEEDS_DIR to the seed charters`);
      });
    });
  } else {
    console.warn(
      `\n*** ${what.charAt(0).toUpperCase()}${what.slice(1)} SKIPPED: the original seed charters are not at ${where}.\n` +
        `*** Put them there or set GALETTE_SEEDS_DIR to enable it. On CI (CI set) this is a failure.\n`,
    );
  }
  return false;
}
