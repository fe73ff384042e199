import type {
  ConsentAction,
  ConsentSource,
  StoredConsent,
  WidgetCategory,
  WidgetConfig,
  WidgetPrefsTexts,
  WidgetTexts,
} from '@galette/core';
import type { ConsentState } from './consent-state.js';
import type { GaletteConsent } from './types.js';

/** What the first layer hands to the lazily loaded part so that it can record choices. */
export interface WidgetRuntime {
  readonly config: WidgetConfig;
  readonly categories: readonly WidgetCategory[];
  readonly state: ConsentState;
  /** Short revision of the configuration, as the cookie keeps it. */
  readonly revision: string;
  readonly lang: string;
  readonly texts: WidgetTexts;
  readonly gpc: boolean;
  readonly choicesWith: (
    on: (category: WidgetCategory) => boolean,
  ) => Readonly<Record<string, boolean>>;
  /** Categories whose scripts ran in this page: refusing them later needs a reload. */
  readonly ran: ReadonlySet<string>;
  /** What follows a choice: Consent Mode update, deletion, gating, hiding the banner. */
  readonly signal: () => void;
  readonly clear: () => void;
  readonly scan: () => void;
  readonly hide: () => void;
  readonly consent: () => GaletteConsent | null;
}

/** Recording choices, from the banner, the centre, placeholders and the API. */
export interface Choices {
  save(
    choices: Readonly<Record<string, boolean>>,
    action: ConsentAction,
    source: ConsentSource,
  ): void;
  acceptAll(source: ConsentSource): void;
  rejectAll(source: ConsentSource): void;
  /** Sends a stored choice not yet acknowledged by the server. */
  send(stored: StoredConsent): void;
  /**
   * Refuses everything for Global Privacy Control, when nothing is stored; returns the note that
   * tells the visitor why (the centre's texts, `prefs` when the configuration lacks them).
   */
  refuseForGpc(prefs?: Readonly<Record<string, WidgetPrefsTexts>>): string | undefined;
}

/**
 * What the first layer loads when the visitor acts (or at idle once the banner has painted):
 * the preferences centre and the recording of choices. Gating and embed placeholders belong to
 * the first layer. The package imports it; the served widget loads it as a second script.
 */
export interface PreferencesModule {
  /** Opens the centre in `root`; `prefs` are its texts when the configuration lacks them. */
  open(
    runtime: WidgetRuntime,
    choices: Choices,
    root: HTMLElement,
    prefs?: Readonly<Record<string, WidgetPrefsTexts>>,
  ): void;
  choices(runtime: WidgetRuntime): Choices;
  /** Stylesheet of the centre, attached when the module arrives. */
  readonly css: string;
}
