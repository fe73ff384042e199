import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  BOOT_SCRIPT_PLACEHOLDER,
  bootWidgetConfig,
  buildWidgetConfig,
  fillWidgetScript,
  GaletteError,
  PREFERENCES_SCRIPT_PLACEHOLDER,
  splitWidgetConfig,
  WIDGET_SCRIPT_PLACEHOLDER,
  type Revision,
  type WidgetConfig,
} from '@galette/core';
import type { Context } from 'hono';
import { servePublicRoute } from '../api-routes/api-route.js';
import { WIDGET_FILE_ROUTES } from '../api-routes/public-pages.js';
import { PUBLIC_CACHE_CONTROL } from '../charter-cache.js';
import { ownOrigin } from '../consent/client-address.js';
import { notFoundResponse } from '../not-found-response.js';
import { createRepresentation, respondWith, type Representation } from '../representation.js';
import { requestHeader } from '../request-header.js';
import { MISS } from '../revision-cache.js';
import type { RouteModule, ServerContext } from '../server-context.js';
import { WIDGET_CONTENT_TYPES, WIDGET_FILES, type WidgetFile } from '../widget-files.js';

/** The files `packages/widget/build.mjs` writes, read once per process. */
interface WidgetBundle {
  readonly 'widget.js': string;
  readonly 'preferences.js': string;
  readonly 'widget-boot.js': string;
  readonly 'widget.css': string;
}

export { WIDGET_CONTENT_TYPES, type WidgetFile };

let bundle: WidgetBundle | undefined;

function loadBundle(): WidgetBundle {
  if (bundle) return bundle;
  const dir = join(
    dirname(createRequire(import.meta.url).resolve('@galette/widget/package.json')),
    'dist/browser',
  );
  try {
    const read = (name: keyof WidgetBundle) => readFileSync(join(dir, name), 'utf8');
    bundle = {
      'widget.js': read('widget.js'),
      'preferences.js': read('preferences.js'),
      'widget-boot.js': read('widget-boot.js'),
      'widget.css': read('widget.css'),
    };
  } catch (cause) {
    throw new GaletteError(
      'internal',
      'the widget bundle is not built: run `npm run build` (packages/widget/build.mjs)',
      { cause },
    );
  }
  return bundle;
}

/** Most answers kept (each in three codings); least recently used go first. */
const MAX_ENTRIES = 2_000;

/**
 * `GET /p/{portalId}/widget.js` — the one script a portal embeds — with the latest published
 * revision's first-layer configuration inlined; `widget-boot.js` (the optional synchronous first
 * stage of the two-stage load: blocking and Consent Mode default only, no text, so its answer
 * does not depend on `?lang`); `preferences.js` (loaded by it when the centre opens),
 * `widget.css` (for browsers without constructable stylesheets) and `widget.json` (the whole
 * configuration, for sites that bundle `@galette/widget`). `?lang=fr` keeps one language;
 * otherwise every language of the portal is inlined and the widget picks the page's.
 *
 * Each answer is built once per revision, language and public origin, precompressed, with a
 * strong ETag and the short public cache lifetime, so a publication reaches visitors within
 * minutes while repeat visits cost a 304.
 */
export const widgetRoutes: RouteModule = (app, context) => {
  const cache = new Map<string, Representation>();
  for (const file of WIDGET_FILES) {
    servePublicRoute(app, WIDGET_FILE_ROUTES[file], (c): Response | Promise<Response> => {
      const portalId = c.req.param('portalId')!;
      const cached = context.revisions.peek(portalId);
      if (cached !== MISS) return answer(c, context, cache, cached, portalId, file);
      return context.revisions
        .get(portalId)
        .then((revision) => answer(c, context, cache, revision, portalId, file));
    });
  }
};

function answer(
  c: Context,
  context: ServerContext,
  cache: Map<string, Representation>,
  revision: Revision | undefined,
  portalId: string,
  file: WidgetFile,
): Response {
  if (revision === undefined) return notFoundResponse(c, { portalId });
  // Language codes are lower case; `?lang=EN` means the same, as it does for the charter.
  const requested = c.req.query('lang')?.toLowerCase();
  const languages =
    requested && revision.content.languages.includes(requested) ? [requested] : undefined;
  const origin = context.publicOrigin ?? ownOrigin(c, context.consents.trustProxy);
  const key = `${portalId}\n${revision.hash}\n${languages?.[0] ?? '*'}\n${origin}\n${file}`;
  let representation = cache.get(key);
  if (representation === undefined) {
    representation = createRepresentation(render(revision, origin, languages, file), {
      contentType: WIDGET_CONTENT_TYPES[file],
      cacheControl: PUBLIC_CACHE_CONTROL,
      // Portals load the widget from their own origin: let them, and let a CDN keep it.
      headers: {
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      },
    });
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
  }
  cache.set(key, representation);
  return respondWith(
    representation,
    requestHeader(c, 'accept-encoding'),
    requestHeader(c, 'if-none-match'),
  );
}

function render(
  revision: Revision,
  baseUrl: string,
  languages: readonly string[] | undefined,
  file: WidgetFile,
): string {
  const config = buildWidgetConfig(revision, { baseUrl, ...(languages && { languages }) });
  return widgetFileBody(config, file);
}

/**
 * One served file of the widget for `config`: the built bundle's file with the configuration
 * (or its part that file needs) in place of its placeholder. The console's preview serves the
 * draft's widget with this too.
 */
export function widgetFileBody(config: WidgetConfig, file: WidgetFile): string {
  if (file === 'widget.json') return JSON.stringify(config);
  const files = loadBundle();
  const { widget, preferences } = splitWidgetConfig(config);
  switch (file) {
    case 'widget.js':
      return fillWidgetScript(files['widget.js'], WIDGET_SCRIPT_PLACEHOLDER, widget);
    case 'preferences.js':
      return fillWidgetScript(files['preferences.js'], PREFERENCES_SCRIPT_PLACEHOLDER, preferences);
    case 'widget-boot.js':
      return fillWidgetScript(
        files['widget-boot.js'],
        BOOT_SCRIPT_PLACEHOLDER,
        bootWidgetConfig(config),
      );
    case 'widget.css':
      return `${files['widget.css']}.glt{--a:${config.accent[0]};--at:${config.accent[1]}}`;
  }
}
