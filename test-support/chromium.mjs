/* global process */
// The one way tests, benchmarks and screenshot scripts start Debian's Chromium: the system
// binary through playwright-core (no browser download), with the flags this closed machine needs.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GALETTE_CHROMIUM ?? '/usr/lib/chromium/chromium';

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
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
