import type { WidgetConfig, WidgetPrefsTexts } from '@galette/core';
import { createElement, h } from './dom.js';
import { inertGalette, startGalette } from './galette.js';
import type { PreferencesModule } from './preferences-module.js';

/**
 * Entry of `GET /p/{portalId}/widget.js`. The server replaces the string below with the
 * revision's configuration (first-layer part only) before compressing the file once.
 */
const config = '__GALETTE_CONFIG__' as unknown as WidgetConfig;
/** The centre and the fallback stylesheet are served beside this script, same query string. */
const src = (document.currentScript as HTMLScriptElement | null)?.src || '';
const sibling = (name: string) => src.replace('/widget.js', `/${name}`);

interface PreferencesChunk {
  readonly module: PreferencesModule;
  readonly prefs: Readonly<Record<string, WidgetPrefsTexts>>;
}

/** The centre and the recording of choices arrive as a second script that announces itself. */
const loadPreferences = () =>
  new Promise<PreferencesChunk>((resolve, reject) => {
    document.addEventListener(
      'galette:preferences',
      (e) => resolve((e as CustomEvent<PreferencesChunk>).detail),
      { once: true },
    );
    const script = createElement('script');
    script.src = sibling('preferences.js');
    script.onerror = reject;
    document.head.append(script);
  });

/** A hint, not a load: the browser fetches at low priority into its cache and runs nothing. */
const prefetch = () =>
  document.head.append(h('link', { rel: 'prefetch', href: sibling('preferences.js') }));

/**
 * Started from microtasks, which run as soon as this script's evaluation ends and before anything
 * else, so that the first read of `document.cookie` has only a one-line function on the
 * JavaScript stack. Chromium records the stack of each cookie access (all of it when DevTools or
 * another CDP client is attached, as in every benchmark), and V8 then parses each function on it
 * again to find its source positions: the whole bundle, 1.3 ms, when read from inside it.
 */
Promise.resolve()
  .then(() => document.cookie)
  .then((cookies) => {
    try {
      window.galette = startGalette(config, {
        loadPreferences,
        prefetch,
        cssUrl: sibling('widget.css'),
        cookies,
      });
    } catch {
      window.galette = inertGalette;
    }
  });
