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
];

const dir = mkdtempSync(join(tmpdir(), 'galette-shots-'));
const { child, match } = await spawnUntil(
  [GALETTE, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', `sqlite:${join(dir, 'g.db')}`],
  /http:\/\/127\.0\.0\.1:\d+/,
  { cwd: dir, env: { ...process.env, GALETTE_SECRET: 'screenshots' } },
);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  for (const shot of SHOTS) {
    const response = await page.goto(`${match[0]}${shot.path}`);
    if (response?.status() !== 200) throw new Error(`${shot.path}: ${response?.status()}`);
    const clip = shot.from ? await between(page, shot.from, shot.to) : undefined;
    await page.screenshot({
      path: join(OUT, shot.file),
      ...(clip ? { clip, fullPage: true } : {}),
    });
    console.log(`docs/screenshots/${shot.file}`);
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
