import type { WidgetCategory, WidgetPrefsTexts, WidgetTexts } from '@galette/core';
import type { Gate, GateOptions } from './gate.js';

/** What the first layer hands to the lazily loaded preferences centre. */
export interface PreferencesContext {
  /** The widget's root element, where the centre's dialog is mounted. */
  readonly root: HTMLElement;
  readonly texts: WidgetTexts;
  readonly prefs: WidgetPrefsTexts;
  readonly categories: readonly WidgetCategory[];
  readonly accepted: (category: string) => boolean;
  readonly gpc: boolean;
  /** The consent id from the visitor's own cookie, absent before any choice: the receipt key. */
  readonly id?: string;
  /** Records a choice made in the centre, category by category. */
  readonly save: (choices: Readonly<Record<string, boolean>>) => void;
  readonly acceptAll: () => void;
  readonly rejectAll: () => void;
}

/**
 * What the first layer loads only when needed: the preferences centre, and the gate that
 * activates consented scripts and frames and puts placeholders on blocked frames. The package
 * imports it; the served widget loads it as a second script.
 */
export interface PreferencesModule {
  open(context: PreferencesContext): void;
  gate(options: GateOptions): Gate;
  /** Stylesheet of the centre and the placeholders, attached when the module arrives. */
  readonly css: string;
}
