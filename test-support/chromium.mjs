/* global process, console */
// The one way tests, benchmarks and screenshot scripts start Chromium: a browser already on the
// machine, through playwright-core (no browser download), with the flags this closed machine
// needs. Where none is found, the browser test files are left out of the run with one loud line
// (vitest.config.ts asks `chromiumMissing()`); on CI (CI set) they run and fail instead.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, it } from 'vitest';

/** Where users have Chromium or Chrome, in the order they are tried after GALETTE_CHROMIUM. */
export const CHROMIUM_CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

const HOW_TO_ENABLE =
  'install Chromium or Google Chrome, run `npx playwright-core install chromium`, or set ' +
  'GALETTE_CHROMIUM to a Chromium executable';

/**
 * The browser to use: GALETTE_CHROMIUM when set (and only it, so a wrong value is noticed), else
 * the first of CHROMIUM_CANDIDATES that exists, else a browser Playwright installed; undefined
 * when there is none.
 */
export function findChromium(env = process.env) {
  if (env.GALETTE_CHROMIUM)
    return existsSync(env.GALETTE_CHROMIUM) ? env.GALETTE_CHROMIUM : undefined;
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  try {
    const installed = chromium.executablePath();
    return installed && existsSync(installed) ? installed : undefined;
  } catch {
    return undefined;
  }
}

export const CHROMIUM_PATH = findChromium();

/** Why browser tests cannot run here, with how to enable them; undefined when they can. */
export function chromiumMissing(env = process.env) {
  if (findChromium(env)) return undefined;
  const where = env.GALETTE_CHROMIUM
    ? `GALETTE_CHROMIUM=${env.GALETTE_CHROMIUM} does not exist`
    : `no Chromium found (${CHROMIUM_CANDIDATES.slice(0, 3).join(', ')}, Google Chrome, Playwright's)`;
  return `${where}; to enable them, ${HOW_TO_ENABLE}`;
}

/**
 * The per-file hook of a browser test file: marks it as one (vitest.config.ts leaves such files
 * out where Chromium is missing, outside CI) and, on CI without a browser, adds a failing test.
 */
export function requireChromium(what) {
  const missing = chromiumMissing();
  if (missing === undefined) return true;
  if (process.env.CI) {
    describe('Chromium on CI', () => {
      it(`is there, because CI must run ${what}`, () => {
        throw new Error(missing);
      });
    });
  } else {
    console.warn(`\n*** ${what} SKIPPED: ${missing}.\n`);
  }
  return false;
}

// Without the background-networking flags Chromium keeps dialling Google hosts that the
// machine's closed network refuses.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {readonly string[]} [extraArgs] flags added after the common ones
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium(extraArgs = []) {
  const executablePath = findChromium();
  if (!executablePath)
    return Promise.reject(new Error(`cannot start Chromium: ${chromiumMissing()}`));
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
