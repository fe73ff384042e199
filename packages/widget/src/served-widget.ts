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

try {
  window.galette = startGalette(config, {
    loadPreferences,
    prefetch,
    cssUrl: sibling('widget.css'),
  });
} catch {
  window.galette = inertGalette;
}
