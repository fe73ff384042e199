/* global process, console, URL, scrollY, fetch, setTimeout */
// Regenerates the README's screenshots: node docs/screenshots/take-screenshots.mjs (after
// `npx tsc -b`). Starts the built server on a temporary SQLite file with the demo preset and
// photographs pages in the system Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Sqlite from 'better-sqlite3';

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

/** Console pages, photographed signed in as an administrator, on the demo portal. */
const PORTAL = 'demo.galette.localhost';
const CONSOLE_SHOTS = [
  { file: 'console-portals-fr.png', path: '/admin/' },
  { file: 'console-editor-fr.png', path: `/admin/portals/${PORTAL}/edit` },
  { file: 'console-statistics-fr.png', path: `/admin/portals/${PORTAL}/statistics?period=30d` },
  { file: 'console-revisions-fr.png', path: `/admin/portals/${PORTAL}/revisions` },
  { file: 'console-diff-fr.png', path: `/admin/portals/${PORTAL}/diff?from=1&to=2` },
  { file: 'console-proofs-fr.png', path: `/admin/portals/${PORTAL}/proofs` },
];
const ADMIN = { email: 'admin@example.org', password: 'a screenshot password' };

const dir = mkdtempSync(join(tmpdir(), 'galette-shots-'));
const db = `sqlite:${join(dir, 'g.db')}`;
const { child, match } = await spawnUntil(
  [GALETTE, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db],
  /http:\/\/127\.0\.0\.1:\d+/,
  { cwd: dir, env: { ...process.env, GALETTE_SECRET: 'screenshots-secret-of-32-bytes-or-more' } },
);
// The demo preset is loaded once the server listens: wait for the demo portal's charter.
for (let i = 0; i < 100; i += 1) {
  const res = await fetch(`${match[0]}/p/${PORTAL}/charte-cookies`).catch(() => undefined);
  if (res?.status === 200) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const added = spawnSync(
  process.execPath,
  [GALETTE, 'users', 'add', ADMIN.email, '--role', 'admin', '--password-stdin', '--db', db],
  { cwd: dir, input: ADMIN.password, encoding: 'utf8' },
);
if (added.status !== 0) throw new Error(added.stderr);
publishSecondRevision();
seedStatistics(join(dir, 'g.db'), PORTAL);
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
  const context = await browser.newContext({
    viewport: { width: 1200, height: 1000 },
    locale: 'fr-FR',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(`${match[0]}/admin/login`);
  await page.fill('#email', ADMIN.email);
  await page.fill('#password', ADMIN.password);
  await Promise.all([
    page.waitForURL(/\/admin\/$/),
    page.click('form[action="/admin/login"] button'),
  ]);
  for (const shot of CONSOLE_SHOTS) {
    const response = await page.goto(`${match[0]}${shot.path}`);
    if (response?.status() !== 200) throw new Error(`${shot.path}: ${response?.status()}`);
    await page.screenshot({ path: join(OUT, shot.file), fullPage: true });
    console.log(`docs/screenshots/${shot.file}`);
  }
  await context.close();
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

/**
 * A second revision of the demo portal, as an editor would publish it: YouTube's cookies gone,
 * a statistics cookie's purpose reworded, so that the diff and the statistics' time axis show it.
 */
function publishSecondRevision() {
  // The draft as the server published it (its address follows the port it listens on).
  const exported = spawnSync(process.execPath, [GALETTE, 'export', PORTAL, '--db', db], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (exported.status !== 0) throw new Error(exported.stderr);
  const file = JSON.parse(exported.stdout);
  file.declarations = file.declarations.filter((d) => d.category !== 'marketing');
  const pk = file.declarations.find((d) => d.name === '_pk_id.*');
  pk.purpose = {
    fr: 'Reconnaître un navigateur d’une visite à l’autre pour compter les visiteurs uniques, sans les identifier.',
    en: 'Recognise a browser from one visit to the next to count unique visitors, without identifying them.',
  };
  const changed = join(dir, 'demo-v2.json');
  writeFileSync(changed, JSON.stringify(file));
  const run = spawnSync(process.execPath, [GALETTE, 'import', changed, '--publish', '--db', db], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
}

/**
 * Sixty days of choices on `portal`'s published revision, written as the consent log's daily
 * counters are (a statistics page with a single day would show little).
 */
function seedStatistics(file, portal) {
  const sqlite = new Sqlite(file);
  try {
    // The second revision published twenty days ago, the first before it.
    const hashes = sqlite
      .prepare('SELECT hash FROM revisions WHERE portal_id = ? ORDER BY number')
      .all(portal)
      .map((r) => r.hash);
    const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString();
    const dated = sqlite.prepare(
      'UPDATE revisions SET published_at = ? WHERE portal_id = ? AND number = ?',
    );
    dated.run(daysAgo(61), portal, 1);
    dated.run(daysAgo(20), portal, 2);
    const categories = sqlite
      .prepare('SELECT DISTINCT category FROM declarations WHERE portal_id = ?')
      .all(portal)
      .map((r) => r.category);
    const day = sqlite.prepare(
      'INSERT OR REPLACE INTO consent_daily_stats (portal_id, day, revision, total, accept_all, reject_all, custom, withdraw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const category = sqlite.prepare(
      'INSERT OR REPLACE INTO consent_daily_category_stats (portal_id, day, revision, category, chosen, accepted) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const shown = sqlite.prepare(
      'INSERT OR REPLACE INTO banner_daily_views (portal_id, day, revision, shown) VALUES (?, ?, ?, ?)',
    );
    sqlite.transaction(() => {
      for (let d = 59; d >= 0; d -= 1) {
        const date = new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
        const hash = hashes[d >= 20 ? 0 : hashes.length - 1];
        // Weekly rhythm: fewer visitors at the weekend.
        const weekday = new Date(date).getUTCDay();
        const scale = weekday === 0 || weekday === 6 ? 0.45 : 1;
        const accept = Math.round((420 + ((d * 37) % 90)) * scale);
        const reject = Math.round((300 + ((d * 53) % 70)) * scale);
        const custom = Math.round((60 + ((d * 11) % 25)) * scale);
        const withdraw = Math.round((6 + (d % 5)) * scale);
        const total = accept + reject + custom + withdraw;
        day.run(portal, date, hash, total, accept, reject, custom, withdraw);
        for (const c of categories) {
          category.run(
            portal,
            date,
            hash,
            c,
            total,
            c === 'necessary' ? total : accept + (custom >> 1),
          );
        }
        shown.run(portal, date, hash, Math.round(total * 1.35));
      }
    })();
  } finally {
    sqlite.close();
  }
}
