import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { ConsentDriver } from './consent-driver.js';
import type { DriverFinder } from './run-scenario.js';

const require = createRequire(import.meta.url);
let loaded: { script: string; rules: string } | undefined;

/** The content script and the full rules (compact rules leave the opt-in steps out), read once. */
function autoconsentFiles() {
  if (!loaded) {
    const rulesFile = require.resolve('@duckduckgo/autoconsent/rules/rules.json');
    const dist = join(dirname(rulesFile), '..', 'dist');
    loaded = {
      script: readFileSync(join(dist, 'autoconsent.playwright.js'), 'utf8'),
      rules: readFileSync(rulesFile, 'utf8'),
    };
  }
  return loaded;
}

/**
 * Banners are found but nothing is clicked until a scenario asks; cosmetic rules (hiding a
 * banner instead of answering it) and heuristic guesses are off, so a choice is always a click
 * on the banner's own button.
 */
const CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  detectRetries: 6,
  logs: { errors: false },
};

interface Message {
  type: string;
  cmp?: string;
  result?: boolean;
  id?: string;
  code?: string;
  state?: { lifecycle?: string; clicks?: number };
}

const BINDING = 'autoconsentSendMessage';

/**
 * Finds a banner other than Galette's with `@duckduckgo/autoconsent`'s rules (tarteaucitron,
 * vanilla-cookieconsent, Klaro, Didomi, OneTrust…) in the page's main frame. Refusing runs the
 * rule's opt-out and nothing else: a rule whose opt-out fails means there was no refusal to
 * make (an accept-only banner), and it is never replaced by an acceptance. An opt-out that
 * needed more than one click is a refusal, but not a one-click one.
 */
export function autoconsentFinder(timeoutMs = 8000): DriverFinder {
  return async (page: Page) => {
    const { script, rules } = autoconsentFiles();
    const main = page.mainFrame();
    const received: Message[] = [];
    const waiters = new Set<() => void>();
    let clicks = 0;
    await page.exposeBinding(BINDING, async ({ frame }: { frame: Frame }, message: Message) => {
      if (frame !== main) return;
      received.push(message);
      if (typeof message.state?.clicks === 'number') clicks = message.state.clicks;
      for (const wake of waiters) wake();
      if (message.type === 'init') {
        await frame
          .evaluate(
            `autoconsentReceiveMessage({ type: "initResp", config: ${JSON.stringify(CONFIG)}, rules: ${rules} })`,
          )
          .catch(() => {});
      } else if (message.type === 'eval' && message.id && message.code) {
        const result = await frame.evaluate(message.code).catch(() => false);
        await frame
          .evaluate(
            `autoconsentReceiveMessage({ id: ${JSON.stringify(message.id)}, type: "evalResp", result: ${JSON.stringify(result)} })`,
          )
          .catch(() => {});
      }
    });
    const waitFor = (test: (m: Message) => boolean, ms: number) =>
      new Promise<Message | undefined>((resolve) => {
        const check = () => {
          const found = received.find(test);
          if (found) finish(found);
        };
        const finish = (m: Message | undefined) => {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => finish(undefined), ms);
        waiters.add(check);
        check();
      });
    await main.evaluate(script).catch(() => {});
    // Either a banner is open, or autoconsent has given up looking (no rule matched).
    const found = await waitFor(
      (m) => m.type === 'popupFound' || m.state?.lifecycle === 'nothingDetected',
      timeoutMs,
    );
    if (found?.type !== 'popupFound' || !found.cmp) return undefined;
    const cmp = found.cmp;
    const send = async (type: 'optIn' | 'optOut', result: string) => {
      const before = received.length;
      const answer = waitFor((m) => m.type === result && received.indexOf(m) >= before, 30_000);
      await main.evaluate(`autoconsentReceiveMessage({ type: "${type}" })`).catch(() => {});
      return (await answer)?.result === true;
    };
    const driver: ConsentDriver = {
      mechanism: `autoconsent:${cmp}`,
      // Known only by trying: an opt-out that fails is the "no refusal possible" finding.
      canRefuse: true,
      async acceptAll() {
        await send('optIn', 'optInResult');
      },
      async rejectAll() {
        const before = clicks;
        const done = await send('optOut', 'optOutResult');
        driver.refusalClicks = clicks - before;
        return done;
      },
      // Rules know how to accept and refuse, not how to pick one category or reopen a banner.
      cannot: ['category', 'withdraw'],
      async acceptOnly() {
        return false;
      },
      async withdraw() {
        return false;
      },
    };
    return driver;
  };
}
