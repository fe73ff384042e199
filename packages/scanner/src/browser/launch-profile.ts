import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkGuard } from '@galette/core/node';
import { chromium, type BrowserContext } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/lib/chromium/chromium';

/** Flags for a headless scan; the background ones keep Chromium from calling Google. */
export const SCAN_CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--mute-audio',
  // A visitor's browser does not say it is automated; banners such as vanilla-cookieconsent
  // stay hidden from one that does (navigator.webdriver), and the scan would see no banner.
  '--disable-blink-features=AutomationControlled',
];

export interface BrowserSettings {
  /** Chromium binary; default `GALETTE_CHROMIUM` or Debian's `/usr/lib/chromium/chromium`. */
  readonly executablePath?: string;
  /** Flags added to the scan's own, e.g. `--host-resolver-rules=…` in tests. */
  readonly args?: readonly string[];
  readonly locale?: string;
  /**
   * When set, every request the browser makes goes through it and those it refuses are
   * aborted: scans started from the server must not reach the server's own networks.
   */
  readonly networkGuard?: NetworkGuard;
}

const userAgents = new Map<string, Promise<string | undefined>>();

/**
 * The user agent a visitor's Chrome of the installed version sends (Chrome's reduced form:
 * `Chrome/<major>.0.0.0`). Headless Chromium says `HeadlessChrome`, which some sites and
 * banners treat as a bot and serve differently; undefined (Chromium's own) if the version
 * cannot be read.
 */
export function visitorUserAgent(executablePath: string): Promise<string | undefined> {
  let ua = userAgents.get(executablePath);
  if (!ua) {
    ua = new Promise((resolve) => {
      execFile(executablePath, ['--version'], { timeout: 10_000 }, (error, stdout) => {
        const major = error ? undefined : /(\d+)\.\d+\.\d+\.\d+/.exec(String(stdout))?.[1];
        resolve(
          major
            ? `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`
            : undefined,
        );
      });
    });
    userAgents.set(executablePath, ua);
  }
  return ua;
}

export interface Profile {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh browser profile, as a visitor's default browser: its own user-data directory whose
 * preferences allow third-party cookies (`cookie_controls_mode: 0`; Chromium's off-the-record
 * contexts would block them and hide what a real visitor gets).
 */
export async function launchProfile(settings: BrowserSettings = {}): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'galette-scan-'));
  await mkdir(join(dir, 'Default'));
  await writeFile(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
  );
  const executablePath =
    settings.executablePath ?? process.env.GALETTE_CHROMIUM ?? DEFAULT_CHROMIUM_PATH;
  const userAgent = await visitorUserAgent(executablePath);
  try {
    const context = await chromium.launchPersistentContext(dir, {
      executablePath,
      ...(userAgent ? { userAgent } : {}),
      args: [...SCAN_CHROMIUM_ARGS, ...(settings.args ?? [])],
      locale: settings.locale ?? 'fr-FR',
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'allow',
    });
    const guard = settings.networkGuard;
    if (guard) {
      await context.route(
        () => true,
        async (route) =>
          (await guard.allows(route.request().url()))
            ? route.fallback()
            : route.abort('blockedbyclient'),
      );
    }
    return {
      context,
      async close() {
        await context.close().catch(() => {});
        await rm(dir, { recursive: true, force: true }).catch(() => {});
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}
