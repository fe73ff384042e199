/* global window */
// axe-core in a Playwright page, the one way our browser tests check accessibility.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource;

/**
 * Injects axe-core into the page as it is now and runs it. Violations come back as readable
 * `rule (impact): targets` lines, so a failing assertion says what to fix.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ violations: string[], serious: string[], passes: number }>}
 */
export async function runAxe(page) {
  // Evaluated through the DevTools protocol, not added as a <script>: pages under a strict
  // Content-Security-Policy (no inline script) are checked as they are served.
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run());
  const lines = (violations) =>
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  return {
    violations: lines(result.violations),
    serious: lines(
      result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    ),
    passes: result.passes.length,
  };
}
