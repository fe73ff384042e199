import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRepresentation, type Representation } from '../../representation.js';
import { buildDsfrAssets, type DsfrFile } from './dsfr-assets.js';
import { CONSOLE_STYLESHEET } from './console-stylesheet.js';
import { CONTRAST_SCRIPT } from './contrast-script.js';

/** Where the console's static files live; everything under it is public and immutable. */
export const CONSOLE_ASSETS = '/admin/assets';

/** A year: names carry a hash of their content, so a copy is never stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface ConsoleAssets {
  /** Addresses of the two stylesheets, versioned by content. */
  readonly stylesheets: readonly string[];
  /** Addresses of the few page scripts (enhancements only: every page works without them). */
  readonly scripts: { readonly contrast: string };
  /** The file served at `name` under `CONSOLE_ASSETS`, or undefined. */
  file(name: string): Representation | undefined;
}

let built: ConsoleAssets | undefined;

/**
 * The console's stylesheets and the DSFR fonts and icons they use. Built once per process on
 * first use (compressing 400 kB of CSS takes a moment, and tests make many apps).
 */
export function consoleAssets(): ConsoleAssets {
  return (built ??= build());
}

function build(): ConsoleAssets {
  const dsfr = buildDsfrAssets(`${CONSOLE_ASSETS}/dsfr/`);
  const css = (text: string) =>
    createRepresentation(text, { contentType: 'text/css; charset=utf-8', cacheControl: IMMUTABLE });
  const hashed = (name: string, text: string) =>
    name.replace(
      /\.(css|js)$/,
      `-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.$1`,
    );
  const dsfrName = hashed('dsfr.css', dsfr.css);
  const consoleName = hashed('console.css', CONSOLE_STYLESHEET);
  const contrastName = hashed('contrast.js', CONTRAST_SCRIPT);
  const fixed = new Map<string, Representation>([
    [dsfrName, css(dsfr.css)],
    [consoleName, css(CONSOLE_STYLESHEET)],
    [
      contrastName,
      createRepresentation(CONTRAST_SCRIPT, {
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: IMMUTABLE,
      }),
    ],
  ]);
  const loaded = new Map<string, Representation>();
  const load = (entry: DsfrFile) =>
    createRepresentation(
      'bytes' in entry.source ? entry.source.bytes : readFileSync(entry.source.path),
      { contentType: entry.type, cacheControl: IMMUTABLE },
    );
  return {
    stylesheets: [`${CONSOLE_ASSETS}/${dsfrName}`, `${CONSOLE_ASSETS}/${consoleName}`],
    scripts: { contrast: `${CONSOLE_ASSETS}/${contrastName}` },
    file(name) {
      const own = fixed.get(name);
      if (own) return own;
      if (!name.startsWith('dsfr/')) return undefined;
      const key = name.slice('dsfr/'.length);
      const entry = dsfr.files.get(key);
      if (!entry) return undefined;
      let representation = loaded.get(key);
      if (!representation) loaded.set(key, (representation = load(entry)));
      return representation;
    },
  };
}
