import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

/** The parts of the French state design system the console uses: CSS that needs no script. */
const COMPONENTS = [
  'core/core',
  'component/link/link',
  'component/button/button',
  'component/form/form',
  'component/input/input',
  'component/checkbox/checkbox',
  'component/select/select',
  'component/table/table',
  'component/alert/alert',
  'component/badge/badge',
  'component/skiplink/skiplink',
  'component/logo/logo',
  'component/header/header',
  'component/navigation/navigation',
  'component/footer/footer',
  'component/pagination/pagination',
] as const;

const TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** One file the stylesheet refers to: read from the package, or an image it carried inline. */
export interface DsfrFile {
  readonly type: string;
  /** Absolute path inside the package's `dist/`, or the bytes of an inline image. */
  readonly source: { readonly path: string } | { readonly bytes: Uint8Array };
}

export interface DsfrAssets {
  /** The stylesheet, every `url()` rewritten under `base`. */
  readonly css: string;
  /**
   * Files by the name the stylesheet uses (`1.14.4/fonts/Marianne-Regular.woff2`,
   * `1.14.4/inline/…svg`): the version keeps names immutable across upgrades.
   */
  readonly files: ReadonlyMap<string, DsfrFile>;
  /** The package's version, for cache busting and the README. */
  readonly version: string;
}

const URL_PATTERN = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]+))\s*\)/g;

/**
 * Builds the console's DSFR stylesheet from `@gouvfr/dsfr`'s own files, so it is served from
 * Galette's origin under `default-src 'self'`: fonts and icons become files listed in `files`
 * (nothing else of the package can be asked for), and the few `data:` images, which that policy
 * would block, become files too.
 */
export function buildDsfrAssets(base: string): DsfrAssets {
  const packageJson = createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json');
  const root = dirname(packageJson);
  const dist = join(root, 'dist');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const files = new Map<string, DsfrFile>();
  const parts: string[] = [`/*! DSFR ${version} (MIT) — fonts: Marianne, see its licence */`];
  for (const component of COMPONENTS) {
    const file = join(dist, `${component}.min.css`);
    const css = readFileSync(file, 'utf8').replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
    parts.push(
      css.replace(URL_PATTERN, (whole, double?: string, single?: string, bare?: string) => {
        const target = (double ?? single ?? bare)!;
        const name = target.startsWith('data:')
          ? inlineFile(version, target, files)
          : packageFile(version, dist, dirname(file), target, files);
        return name === undefined ? whole : `url(${base}${name})`;
      }),
    );
  }
  return { css: parts.join('\n'), files, version };
}

function packageFile(
  version: string,
  dist: string,
  from: string,
  target: string,
  files: Map<string, DsfrFile>,
): string | undefined {
  const clean = target.split(/[?#]/)[0]!;
  const path = resolve(from, clean);
  const type = TYPES[extname(path)];
  if (type === undefined || !path.startsWith(dist + sep)) return undefined;
  const name = `${version}/${relative(dist, path).split(sep).join('/')}`;
  files.set(name, { type, source: { path } });
  return name;
}

function inlineFile(
  version: string,
  target: string,
  files: Map<string, DsfrFile>,
): string | undefined {
  const match = /^data:image\/svg\+xml(;charset=utf-?8)?(;base64)?,(.*)$/s.exec(target);
  if (!match) return undefined;
  const bytes = match[2]
    ? Buffer.from(match[3]!, 'base64')
    : Buffer.from(decodeURIComponent(match[3]!), 'utf8');
  const name = `${version}/inline/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.svg`;
  files.set(name, { type: 'image/svg+xml', source: { bytes } });
  return name;
}
