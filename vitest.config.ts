import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { excludedBrowserTests } from './test-support/browser-test-files.mjs';

const src = (pkg: string, file = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

// Tests run on the TypeScript sources; the packages' dist/ is what `npm start` runs.
export default defineConfig({
  resolve: {
    // Sub-entries before their package: an alias also matches what starts with its name.
    alias: {
      '@galette/core/cookie-database': src('core', 'cookie-database/index.ts'),
      '@galette/core/node': src('core', 'node/index.ts'),
      '@galette/core': src('core'),
      '@galette/storage': src('storage'),
      '@galette/widget': src('widget'),
      '@galette/server': src('server'),
      '@galette/scanner': src('scanner'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Browser tests where no Chromium is found (said in one loud line; never on CI).
    exclude: [
      ...configDefaults.exclude,
      ...excludedBrowserTests(fileURLToPath(new URL('.', import.meta.url))),
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
