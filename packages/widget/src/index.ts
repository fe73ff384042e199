import type { WidgetConfig } from '@galette/core';
import { inertGalette, startGalette } from './galette.js';
import type { GaletteApi } from './types.js';

export type { GaletteApi, GaletteConsent, GaletteChangeEvent, GaletteListener } from './types.js';
export type {
  WidgetConfig,
  WidgetCategory,
  WidgetTexts,
  WidgetPrefsTexts,
  WidgetPrefsCategory,
  WidgetCookieRow,
} from '@galette/core';

/**
 * Starts the widget in a page that bundles it, with the configuration of a published revision
 * (`GET /p/{portalId}/widget.json`), and sets `window.galette`. Never throws: when the widget
 * cannot start, gated content stays blocked and the returned API does nothing.
 */
export function init(config: WidgetConfig): GaletteApi {
  let api = inertGalette;
  try {
    api = startGalette(config, {
      cookies: document.cookie,
      loadPreferences: () =>
        import('./preferences.js').then((m) => ({ module: m.preferencesCentre })),
    });
  } catch {
    // Inert API below.
  }
  window.galette = api;
  return api;
}
