import type { WidgetPrefsTexts } from '@galette/core';
import { preferencesCentre } from './preferences.js';

/** Entry of the preferences chunk; the server replaces the string with its texts. */
const prefs = '__GALETTE_PREFS__' as unknown as Readonly<Record<string, WidgetPrefsTexts>>;

document.dispatchEvent(
  new CustomEvent('galette:preferences', { detail: { module: preferencesCentre, prefs } }),
);
