import type { Page } from 'playwright-core';
import { launchProfile, type BrowserSettings } from '../browser/launch-profile.js';
import { NetworkQuiet } from '../browser/network-quiet.js';
import { ScenarioRecorder, type Recording } from '../browser/scenario-recorder.js';
import type { ConsentDriver } from './consent-driver.js';
import { findGaletteBanner, galetteDriver, hasGaletteWidget } from './galette-driver.js';
import type { ScenarioSpec } from './scenario-spec.js';

export interface PageVisitResult {
  url: string;
  status: 'ok' | 'failed';
  error?: string;
  choice?: boolean;
}

export interface PlayedScenario {
  readonly spec: ScenarioSpec;
  status: 'played' | 'not-played';
  reason?: string;
  mechanism: string;
  /** The banner offered no one-click refusal (seen on the first page). */
  noRefusal?: { page: string; mechanism: string; clicks?: number };
  readonly visits: PageVisitResult[];
  readonly screenshots: { firstLayer?: Buffer; afterChoice?: Buffer };
  readonly recording: Recording;
}

/** Finds a banner on the page and returns what can drive it; the autoconsent one comes second. */
export type DriverFinder = (page: Page) => Promise<ConsentDriver | undefined>;

export interface RunScenarioOptions {
  readonly spec: ScenarioSpec;
  readonly pages: readonly string[];
  readonly targetHost: string;
  readonly browser: BrowserSettings;
  readonly pageTimeoutMs: number;
  /** Longest wait, after `load` and after a choice, for the network to go quiet. */
  readonly settleMs: number;
  /** How long the network must stay silent to count as quiet; default 250 ms. */
  readonly idleMs?: number;
  readonly deadline: number;
  readonly otherDrivers?: DriverFinder;
  readonly onPage?: () => void;
}

/** The widget fetches its configuration before showing the banner: slow on a loaded machine. */
const BANNER_WAIT_MS = 10_000;
/** Trackers that start after `load` start within this silence, or wait for an interaction. */
const DEFAULT_IDLE_MS = 250;

/**
 * Plays one scenario in a fresh profile: the choice is made on the first page, then the other
 * pages are browsed (the first one again when it is alone, so that what a choice changes on the
 * next view is seen). `withdraw` accepts on the first page, browses one more page, comes back to
 * the first and refuses from the persistent control there, then browses on.
 */
export async function runScenario(options: RunScenarioOptions): Promise<PlayedScenario> {
  const { spec } = options;
  const profile = await launchProfile(options.browser);
  const recorder = new ScenarioRecorder(profile.context, options.targetHost);
  const played: PlayedScenario = {
    spec,
    status: 'played',
    mechanism: 'none',
    visits: [],
    screenshots: {},
    recording: recorder.recording,
  };
  try {
    await recorder.install();
    const page = profile.context.pages()[0] ?? (await profile.context.newPage());
    const network = new NetworkQuiet(page);
    const quiet = (ms: number) => network.wait(options.idleMs ?? DEFAULT_IDLE_MS, ms);
    await recorder.watchInitiators(page);
    const visit = async (url: string): Promise<boolean> => {
      recorder.startVisit(url);
      network.reset();
      try {
        // A page gets its own time, never more than what is left of the scan's.
        const left = options.deadline - Date.now();
        await page.goto(url, {
          waitUntil: 'load',
          timeout: Math.max(1000, Math.min(options.pageTimeoutMs, left)),
        });
        await quiet(Math.max(0, Math.min(options.settleMs, left)));
        played.visits.push({ url, status: 'ok' });
        return true;
      } catch (error) {
        played.visits.push({ url, status: 'failed', error: errorText(error) });
        return false;
      } finally {
        options.onPage?.();
      }
    };
    const [first, ...rest] = options.pages;
    if (first === undefined) return played;
    const browse = rest.length > 0 ? rest : [first];

    const firstOk = await visit(first);
    let driver: ConsentDriver | undefined;
    if (firstOk) {
      // A page without the widget's script gets a short look only, then the other banners'.
      const wait = (await hasGaletteWidget(page)) ? BANNER_WAIT_MS : 300;
      if (await findGaletteBanner(page, wait)) driver = await galetteDriver(page);
      else driver = await options.otherDrivers?.(page);
      played.mechanism = driver?.mechanism ?? 'none';
      if (driver && !driver.canRefuse) {
        played.noRefusal = { page: page.url(), mechanism: driver.mechanism };
      }
      await recorder.snapshot(page, false);
      if (driver) played.screenshots.firstLayer = await screenshot(page);
    }
    if (spec.kind === 'no-action') {
      played.mechanism = 'none';
      for (const url of browse) {
        if (Date.now() > options.deadline) break;
        if (await visit(url)) await recorder.snapshot(page, false);
      }
      return played;
    }
    const notPlayed = (reason: string) => {
      played.status = 'not-played';
      played.reason = reason;
      return played;
    };
    if (!firstOk) return notPlayed('first-page-failed');
    if (!driver) return notPlayed('no-banner');
    if (!driver.canRefuse && spec.kind !== 'accept-all') return notPlayed('no-refusal');
    if (
      (spec.kind === 'category' || spec.kind === 'withdraw') &&
      driver.cannot?.includes(spec.kind)
    ) {
      return notPlayed('not-playable');
    }

    const choose = async (act: () => Promise<boolean | void>): Promise<boolean> => {
      recorder.markChoice();
      const done = (await act()) !== false;
      await quiet(options.settleMs);
      return done;
    };
    if (spec.kind === 'accept-all') await choose(() => driver.acceptAll(page));
    else if (spec.kind === 'refuse-all') {
      if (!(await choose(() => driver.rejectAll(page)))) {
        played.noRefusal = { page: page.url(), mechanism: driver.mechanism };
        return notPlayed('no-refusal');
      }
      // A refusal made, but hidden behind a second layer: played, and still reported.
      if ((driver.refusalClicks ?? 1) > 1) {
        played.noRefusal = {
          page: first,
          mechanism: driver.mechanism,
          clicks: driver.refusalClicks!,
        };
      }
    } else if (spec.kind === 'category') {
      if (!(await choose(() => driver.acceptOnly(page, spec.category)))) {
        return notPlayed('no-such-category');
      }
    } else {
      await driver.acceptAll(page);
      await quiet(options.settleMs);
      await recorder.snapshot(page, false);
      // One more page with consent given, then back to the first page (it has the banner's
      // persistent control, which another page, such as a charter, may lack) to withdraw.
      if (rest.length > 0 && (await visit(rest[0]!))) await recorder.snapshot(page, false);
      if (!(await visit(first))) return notPlayed('first-page-failed');
      await recorder.snapshot(page, false);
      if (!(await choose(() => driver.withdraw(page)))) return notPlayed('no-withdrawal-control');
    }
    played.visits.at(-1)!.choice = true;
    await recorder.snapshot(page, true);
    played.screenshots.afterChoice = await screenshot(page);
    for (const url of browse) {
      if (Date.now() > options.deadline) break;
      if (await visit(url)) await recorder.snapshot(page, true);
    }
    return played;
  } catch (error) {
    played.status = 'not-played';
    played.reason = `error: ${errorText(error)}`;
    return played;
  } finally {
    await recorder.settle().catch(() => {});
    await profile.close();
  }
}

async function screenshot(page: Page): Promise<Buffer | undefined> {
  return page.screenshot({ type: 'jpeg', quality: 60, timeout: 5000 }).catch(() => undefined);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
