/* global process, console, URL, scrollY */
// Regenerates the README's screenshots: node docs/screenshots/take-screenshots.mjs (after
// `npx tsc -b`). Starts the built server on a temporary SQLite file with the demo preset and
// photographs pages in the system Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { spawnUntil, stop } from '../../bench/lib/processes.mjs';
import { launchChromium } from '../../test-support/chromium.mjs';

const GALETTE = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));
const OUT = fileURLToPath(new URL('./', import.meta.url));
const SHOTS = [
  { file: 'charter-paris-fr.png', path: '/p/opendata.paris.fr/charte-cookies?lang=fr' },
  { file: 'charter-paris-en.png', path: '/p/opendata.paris.fr/charte-cookies?lang=en' },
  // The declared cookies: from the usage section's heading to the end of its tables.
  {
    file: 'charter-paris-fr-cookies.png',
    path: '/p/opendata.paris.fr/charte-cookies?lang=fr',
    from: '#section-usage',
    to: '#section-choices',
  },
  // The widget on the demo portal, as a French visitor first meets it, then its preferences.
  {
    file: 'widget-banner-fr.png',
    path: '/demo/demo.galette.localhost?lang=fr',
    viewport: { width: 1100, height: 800 },
    waitFor: '[data-galette-banner]',
  },
  {
    file: 'widget-preferences-fr.png',
    path: '/demo/demo.galette.localhost?lang=fr',
    viewport: { width: 1100, height: 800 },
    waitFor: '[data-galette-banner]',
    click: '[data-galette-action="customise"]',
    then: '[data-galette-preferences]',
  },
];

const dir = mkdtempSync(join(tmpdir(), 'galette-shots-'));
const { child, match } = await spawnUntil(
  [GALETTE, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', `sqlite:${join(dir, 'g.db')}`],
  /http:\/\/127\.0\.0\.1:\d+/,
  { cwd: dir, env: { ...process.env, GALETTE_SECRET: 'screenshots-secret-of-32-bytes-or-more' } },
);
const browser = await launchChromium();
try {
  for (const shot of SHOTS) {
    // A fresh context per shot: no consent cookie carried from one picture to the next.
    const context = await browser.newContext({
      viewport: shot.viewport ?? { width: 1100, height: 1400 },
      locale: 'fr-FR',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const response = await page.goto(`${match[0]}${shot.path}`);
    if (response?.status() !== 200) throw new Error(`${shot.path}: ${response?.status()}`);
    if (shot.waitFor) await page.waitForSelector(shot.waitFor);
    if (shot.click) await page.click(shot.click);
    if (shot.then) await page.waitForSelector(shot.then);
    const clip = shot.from ? await between(page, shot.from, shot.to) : undefined;
    await page.screenshot({
      path: join(OUT, shot.file),
      ...(clip ? { clip, fullPage: true } : {}),
    });
    console.log(`docs/screenshots/${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await stop(child);
  rmSync(dir, { recursive: true, force: true });
}

/** The page area from the top of `from` to the top of `to`, full width. */
async function between(page, from, to) {
  const top = await page.locator(from).evaluate((e) => e.getBoundingClientRect().top + scrollY);
  const bottom = await page.locator(to).evaluate((e) => e.getBoundingClientRect().top + scrollY);
  const width = page.viewportSize().width;
  return { x: 0, y: Math.max(0, top - 24), width, height: bottom - top };
}
