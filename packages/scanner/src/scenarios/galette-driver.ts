import type { Page } from 'playwright-core';
import type { ConsentDriver } from './consent-driver.js';

const BANNER = '[data-galette-banner]';
const PREFERENCES = '[data-galette-preferences]';
const CONTROL = '[data-galette-control]';
const action = (name: string) => `${BANNER} [data-galette-action="${name}"]`;
/** The preferences centre's own hooks: its buttons, and one switch per optional category. */
const choice = (name: string) => `[data-galette-choice="${name}"]`;
const categorySwitch = (id: string) => `input[data-galette-category="${id}"]`;

/** Whether Galette's first layer is on the page (waiting up to `timeoutMs` for it). */
export async function findGaletteBanner(page: Page, timeoutMs: number): Promise<boolean> {
  try {
    await page.waitForSelector(BANNER, { state: 'visible', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the page runs Galette's widget at all (banner shown or not): its API is there, or its
 * script is on the page and may still be fetching the portal's configuration.
 */
export async function hasGaletteWidget(page: Page): Promise<boolean> {
  return page
    .evaluate(
      () =>
        typeof (window as { galette?: unknown }).galette === 'object' ||
        [...document.scripts].some((s) => /\/p\/[^/]+\/widget(-boot)?\.js/.test(s.src)),
    )
    .catch(() => false);
}

/**
 * Galette's widget, driven through its stable hooks as a visitor clicks them: the first layer's
 * `data-galette-action` buttons, the persistent `data-galette-control`, and in the
 * `data-galette-preferences` centre its `data-galette-category` switches and
 * `data-galette-choice` buttons.
 */
export async function galetteDriver(page: Page): Promise<ConsentDriver> {
  const canRefuse = (await page.locator(action('reject-all')).count()) > 0;
  const openAndChoose = async (
    choose: (dialog: ReturnType<Page['locator']>) => Promise<boolean>,
  ) => {
    const dialog = page.locator(PREFERENCES);
    await dialog.waitFor({ state: 'visible', timeout: 5000 });
    return choose(dialog);
  };
  return {
    mechanism: 'galette',
    canRefuse,
    async acceptAll(p) {
      await p.locator(action('accept-all')).first().click();
    },
    async rejectAll(p) {
      await p.locator(action('reject-all')).first().click();
    },
    async acceptOnly(p, category) {
      await p.locator(action('customise')).first().click();
      return openAndChoose(async (dialog) => {
        const switches = dialog.locator('input[data-galette-category]');
        if ((await dialog.locator(categorySwitch(category)).count()) === 0) {
          await p.keyboard.press('Escape');
          return false;
        }
        for (const input of await switches.all()) {
          await input.setChecked((await input.getAttribute('data-galette-category')) === category);
        }
        await dialog.locator(choice('save')).click();
        return true;
      });
    },
    async withdraw(p) {
      const control = p.locator(CONTROL);
      if ((await control.count()) === 0) return false;
      await control.first().click();
      return openAndChoose(async (dialog) => {
        const refuse = dialog.locator(choice('reject-all'));
        if ((await refuse.count()) === 0) return false;
        await refuse.click();
        return true;
      });
    },
  };
}
