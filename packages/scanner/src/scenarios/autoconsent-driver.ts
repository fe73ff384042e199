import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { ConsentDriver } from './consent-driver.js';
import type { DriverFinder } from './run-scenario.js';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json'));
let loaded: { script: string; rules: string } | undefined;

/** The content script and the full rules (with their opt-in steps), read once. */
function autoconsentFiles() {
  loaded ??= {
    script: readFileSync(join(PACKAGE_DIR, '..', 'dist', 'autoconsent.playwright.js'), 'utf8'),
    rules: readFileSync(join(PACKAGE_DIR, 'rules.json'), 'utf8'),
  };
  return loaded;
}

/**
 * Banners are found but nothing is clicked until a scenario asks; cosmetic rules (hiding a
 * banner instead of answering it) and heuristic guesses are off, so a choice is always a click.
 */
const CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  detectRetries: 10,
  logs: { errors: false },
};

interface Message {
  type: string;
  cmp?: string;
  result?: boolean;
  id?: string;
  code?: string;
}

const BINDING = 'autoconsentSendMessage';

/**
 * Finds a banner other than Galette's with `@duckduckgo/autoconsent`'s rules (tarteaucitron,
 * vanilla-cookieconsent, Didomi, OneTrust…). Refusing runs the rule's opt-out; a rule whose
 * opt-out fails means there was no refusal to make, and it is never replaced by an acceptance.
 */
export function autoconsentFinder(timeoutMs = 6000): DriverFinder {
  return async (page: Page) => {
    const { script, rules } = autoconsentFiles();
    const received: Message[] = [];
    const waiters = new Set<() => void>();
    const ready = new WeakSet<Frame>();
    await page.exposeBinding(BINDING, async ({ frame }, message: Message) => {
      received.push(message);
      for (const wake of waiters) wake();
      if (message.type === 'init') {
        ready.add(frame);
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
    await page
      .mainFrame()
      .evaluate(script)
      .catch(() => {});
    const found = await waitFor((m) => m.type === 'popupFound', timeoutMs);
    if (!found?.cmp) return undefined;
    const cmp = found.cmp;
    const send = async (type: 'optIn' | 'optOut', result: string) => {
      await page.mainFrame().evaluate(`autoconsentReceiveMessage({ type: "${type}" })`);
      const answer = await waitFor((m) => m.type === result, 15_000);
      return answer?.result === true;
    };
    const driver: ConsentDriver = {
      mechanism: `autoconsent:${cmp}`,
      // Known only by trying: an opt-out that fails is the "no refusal possible" finding.
      canRefuse: true,
      async acceptAll() {
        await send('optIn', 'optInResult');
      },
      async rejectAll() {
        return send('optOut', 'optOutResult');
      },
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
