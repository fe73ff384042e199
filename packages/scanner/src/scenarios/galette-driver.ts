import type { Page } from 'playwright-core';
import type { ConsentDriver } from './consent-driver.js';

const BANNER = '[data-galette-banner]';
const PREFERENCES = '[data-galette-preferences]';
const CONTROL = '[data-galette-control]';
const action = (name: string) => `${BANNER} [data-galette-action="${name}"]`;

/** Whether Galette's first layer is on the page (waiting up to `timeoutMs` for it). */
export async function findGaletteBanner(page: Page, timeoutMs: number): Promise<boolean> {
  try {
    await page.waitForSelector(BANNER, { state: 'visible', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

/** Whether the page runs Galette's widget at all (banner shown or not). */
export async function hasGaletteWidget(page: Page): Promise<boolean> {
  return page
    .evaluate(() => typeof (window as { galette?: unknown }).galette === 'object')
    .catch(() => false);
}

/**
 * Galette's widget, driven through its stable hooks (`data-galette-action`,
 * `data-galette-preferences`, `data-galette-control`) as a visitor clicks them.
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
        const wanted = dialog.locator(`input#glt-${category}`);
        if ((await wanted.count()) === 0) {
          await p.keyboard.press('Escape');
          return false;
        }
        for (const input of await dialog.locator('input[role="switch"]').all()) {
          const id = await input.getAttribute('id');
          await input.setChecked(id === `glt-${category}`);
        }
        // The footer reads: accept all, refuse all, save my choices.
        await dialog.locator('.pf button').last().click();
        return true;
      });
    },
    async withdraw(p) {
      const control = p.locator(CONTROL);
      if ((await control.count()) === 0) return false;
      await control.first().click();
      return openAndChoose(async (dialog) => {
        const buttons = dialog.locator('.pf button');
        if ((await buttons.count()) < 3) return false;
        await buttons.nth(1).click();
        return true;
      });
    },
  };
}
