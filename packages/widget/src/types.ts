/** The visitor's current choice, as `window.galette.consent` and `galette:change` give it. */
export interface GaletteConsent {
  /** Random id of the visitor's consent history; also the secret of its receipt. */
  readonly id: string;
  /** Full hash of the revision the choice answered (`sha256:…`) when known to this page. */
  readonly revision: string;
  /** When the choice was made. */
  readonly time: Date;
  /** Every category the widget knows, `necessary` included (always true). */
  readonly choices: Readonly<Record<string, boolean>>;
}

export type GaletteListener = (consent: GaletteConsent) => void;

/** `window.galette`. No method throws; each does nothing when the widget could not start. */
export interface GaletteApi {
  /** Shows the first layer again. */
  show(): void;
  /** Opens the preferences centre. */
  showPreferences(): void;
  acceptAll(): void;
  rejectAll(): void;
  /** True when the category may run now: accepted, necessary, or exempt and not objected to. */
  accepted(category: string): boolean;
  /** The current choice; null until the visitor has made one. */
  readonly consent: GaletteConsent | null;
  /** Calls `listener` after every choice; returns a function that stops listening. */
  on(event: 'change', listener: GaletteListener): () => void;
}

/** Detail of the `galette:change` event dispatched on `document` after every choice. */
export type GaletteChangeEvent = CustomEvent<GaletteConsent>;

declare global {
  interface Window {
    galette?: GaletteApi;
  }
  interface DocumentEventMap {
    'galette:change': GaletteChangeEvent;
  }
  interface Navigator {
    /** Global Privacy Control (https://privacycg.github.io/gpc-spec/). */
    readonly globalPrivacyControl?: boolean;
  }
}
