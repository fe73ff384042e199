/* global Buffer, URL, console, process */
// Builds the served widget: three minified classic scripts under dist/browser/, whose
// configuration placeholders the server fills per revision. `npm run build` runs it after tsc.
import { build } from 'esbuild';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export const BROWSER_DIR = here('./dist/browser/');
export const PLACEHOLDERS = {
  'widget.js': '"__GALETTE_CONFIG__"',
  'preferences.js': '"__GALETTE_PREFS__"',
  'widget-boot.js': '"__GALETTE_BOOT__"',
};
const ENTRIES = {
  'widget.js': here('./src/served-widget.ts'),
  'preferences.js': here('./src/served-preferences.ts'),
  'widget-boot.js': here('./src/served-boot.ts'),
};

// The bundle takes core's pure code from its sources; core has no side effects at import, so
// whatever the widget does not call (catalogs, charter, hashing) is left out.
const coreFromSources = {
  name: 'core-from-sources',
  setup(b) {
    b.onResolve({ filter: /^@galette\/core$/ }, () => ({
      path: here('../core/src/index.ts'),
      sideEffects: false,
    }));
    b.onResolve({ filter: /\.js$/, namespace: 'file' }, (args) =>
      args.importer.includes('/core/src/')
        ? {
            path: fileURLToPath(
              new URL(args.path.replace(/\.js$/, '.ts'), `file://${args.importer}`),
            ),
            sideEffects: false,
          }
        : undefined,
    );
  },
};

/**
 * terser, a devDependency since the first stage's 1,500-byte budget; a checkout whose
 * node_modules predates it still builds (unminified by it, so the size gate will say so).
 */
async function terser() {
  try {
    return (await import('terser')).minify;
  } catch {
    console.warn('packages/widget/build.mjs: terser missing, run `npm install`');
    return async (code) => ({ code });
  }
}

/** Builds the scripts and returns their text by file name. */
export async function buildWidget({ analyze = false } = {}) {
  const out = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      plugins: [coreFromSources],
      metafile: analyze,
    });
    if (analyze) {
      const inputs = Object.values(result.metafile.outputs)[0].inputs;
      for (const [path, { bytesInOutput }] of Object.entries(inputs).sort(
        (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
      )) {
        console.log(`${name}\t${bytesInOutput}\t${path}`);
      }
    }
    // esbuild bundles; terser's extra passes then take a few more percent off what every
    // visitor downloads (measured: 5 % of widget-boot.js, 4 % of widget.js, gzip).
    const { code } = await (
      await terser()
    )(result.outputFiles[0].text, {
      ecma: 2020,
      compress: { passes: 3, unsafe_arrows: true },
      mangle: true,
    });
    // Without the directive (9 bytes of each budget): the code declares every name it uses,
    // declares functions only at the top of its closure, and never relies on strict-mode
    // semantics; TypeScript checks it in strict mode.
    const stripped = code.replace(/^"use strict";/, '');
    // V8's explicit compile hint (Chromium 136+; a comment elsewhere): every function of a
    // script that runs them all at once is compiled with the script, on the background thread
    // that streams it, instead of being parsed again on the page's main thread at its first
    // call (measured: 2.2 ms of ParseFunction plus 1.5 ms of compiling out of widget.js's 9 ms
    // on the main thread). Only for widget.js: most of preferences.js runs only when used, and
    // widget-boot.js is too small to gain what the comment costs its 1,500-byte budget.
    const text = name === 'widget.js' ? `//# allFunctionsCalledOnLoad\n${stripped}` : stripped;
    if (text.split(PLACEHOLDERS[name]).length !== 2) {
      throw new Error(`${name}: expected the placeholder ${PLACEHOLDERS[name]} exactly once`);
    }
    out[name] = text;
  }
  return out;
}

/** Both stylesheets as one file, for browsers without constructable stylesheets. */
async function buildStylesheet() {
  const result = await build({
    stdin: {
      contents: `export { css } from './styles.ts'; export { preferencesCss } from './preferences-styles.ts';`,
      resolveDir: here('./src/'),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`;
  const { css, preferencesCss } = await import(url);
  return css + preferencesCss;
}

/** Writes the scripts; each file is replaced whole so a server reading it never sees half. */
export async function writeWidget() {
  const files = { ...(await buildWidget()), 'widget.css': await buildStylesheet() };
  await mkdir(BROWSER_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const tmp = `${BROWSER_DIR}.${name}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, BROWSER_DIR + name);
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--analyze` prints the bytes each source file contributes to each script.
  if (process.argv.includes('--analyze')) await buildWidget({ analyze: true });
  const files = await writeWidget();
  for (const [name, text] of Object.entries(files)) {
    console.log(`packages/widget/dist/browser/${name}: ${Buffer.byteLength(text)} bytes`);
  }
}
