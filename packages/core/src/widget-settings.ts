import type { FieldErrorParams } from './errors.js';
import type { FieldErrorCode } from './field-error.js';
import type { LocalizedText } from './portal.js';

/**
 * How an operator tunes the consent widget of one portal (`PortalContent.widget`). Every key is
 * optional; `resolveWidgetSettings` fills the defaults. Published with the revision, so a change
 * reaches visitors with the next publication like any other.
 */
export interface WidgetSettings {
  readonly theme?: WidgetTheme;
  /** Background of the widget's buttons, `#rrggbb`; their text colour is chosen for contrast. */
  readonly accentColor?: string;
  /** Lifetime of the consent cookie in months: 1 to 13, default 6. */
  readonly consentMonths?: number;
  /** Shares the choice between sub-domains, e.g. `.paris.fr`. */
  readonly cookieDomain?: string;
  /** Where the persistent "Manage cookies" button sits, or `none` when the site links to it. */
  readonly control?: ControlPosition;
  /**
   * Google Consent Mode v2: `false` to send nothing, `true` (default) for the default mapping, or
   * a mapping from consent types to category ids (`necessary` meaning always granted).
   */
  readonly consentMode?: boolean | Readonly<Partial<Record<ConsentModeType, string>>>;
  /** The charter the widget links to, when not Galette's own page; `{lang}` is replaced. */
  readonly charterUrl?: string;
  /**
   * The portal shows Galette's charter page in an iframe: its own origins (`url`, `origins`) may
   * frame it. Default false: the page refuses every frame (clickjacking).
   */
  readonly charterInFrame?: boolean;
  /** Operator wording replacing the catalogs', per text and language. */
  readonly texts?: Readonly<Partial<Record<WidgetTextId, LocalizedText>>>;
}

export const WIDGET_THEMES = ['neutral', 'dsfr'] as const;
export type WidgetTheme = (typeof WIDGET_THEMES)[number];

export const CONTROL_POSITIONS = ['left', 'right', 'none'] as const;
export type ControlPosition = (typeof CONTROL_POSITIONS)[number];

export const CONSENT_MODE_TYPES = [
  'ad_storage',
  'analytics_storage',
  'ad_user_data',
  'ad_personalization',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;
export type ConsentModeType = (typeof CONSENT_MODE_TYPES)[number];

/** Google's consent types mapped to the categories that grant them. */
export const DEFAULT_CONSENT_MODE: Readonly<Record<ConsentModeType, string>> = {
  ad_storage: 'marketing',
  analytics_storage: 'statistics',
  ad_user_data: 'marketing',
  ad_personalization: 'marketing',
  functionality_storage: 'necessary',
  personalization_storage: 'preferences',
  security_storage: 'necessary',
};

/** Texts an operator may reword; the others come from the catalogs only. */
export const WIDGET_TEXT_IDS = [
  'bannerTitle',
  'bannerText',
  'acceptAll',
  'rejectAll',
  'customise',
  'close',
  'control',
  'preferencesTitle',
  'preferencesIntro',
  'save',
] as const;
export type WidgetTextId = (typeof WIDGET_TEXT_IDS)[number];

export const DEFAULT_CONSENT_MONTHS = 6;
/** The CNIL's ceiling for keeping a choice before asking again. */
export const MAX_CONSENT_MONTHS = 13;

/** Theme colours: panel background, default button background. */
export const THEME_COLORS: Readonly<Record<WidgetTheme, { panel: string; accent: string }>> = {
  neutral: { panel: '#ffffff', accent: '#1f2937' },
  dsfr: { panel: '#ffffff', accent: '#000091' },
};

/** WCAG 2.2: text needs 4.5:1 (1.4.3), a control's boundary 3:1 against its surroundings (1.4.11). */
export const MIN_TEXT_CONTRAST = 4.5;
export const MIN_CONTROL_CONTRAST = 3;
/** What the accent colour must reach against the widget's panel (see `accentColorProblem`). */
export const MIN_ACCENT_CONTRAST = MIN_TEXT_CONTRAST;
/**
 * What an accent colour had to reach before 4.5:1 was asked (WCAG's 3:1 for a control's
 * boundary). Revisions published then may hold a colour between the two: they are still
 * rendered with it, since published content changes only by a publication.
 */
export const PUBLISHED_ACCENT_CONTRAST = MIN_CONTROL_CONTRAST;

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** WCAG relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or black, whichever reads better on `background` (one of them always reaches 4.5:1). */
export function readableTextColor(background: string): '#ffffff' | '#000000' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000')
    ? '#ffffff'
    : '#000000';
}

/**
 * Why `accentColor` cannot be used on `theme`, or undefined when it can. WCAG asks 3:1 of a
 * control's boundary (1.4.11), but the accent also draws the focus ring and the ticked boxes
 * of the preferences centre, and Galette asks it to read as well as text does: 4.5:1 against
 * the panel (1.4.3). The buttons' text colour is then picked to reach 4.5:1 on the accent.
 */
export function accentColorProblem(
  accentColor: string,
  theme: WidgetTheme,
  keptAccentColor?: string,
): { code: FieldErrorCode; params?: FieldErrorParams } | undefined {
  if (!isHexColor(accentColor)) return { code: 'not_a_hex_colour' };
  const ratio = contrastRatio(accentColor, THEME_COLORS[theme].panel);
  // A colour saved under the former 3:1 rule stays as long as nobody changes it: refusing it
  // would refuse every save of a draft that holds it, whatever section the save is about.
  const kept = accentColor.toLowerCase() === keptAccentColor?.toLowerCase();
  const min = kept ? PUBLISHED_ACCENT_CONTRAST : MIN_ACCENT_CONTRAST;
  if (ratio < min) {
    const background = THEME_COLORS[theme].panel;
    const params = { background, ratio: floorRatio(ratio), min };
    return { code: 'low_contrast', params };
  }
  return undefined;
}

/**
 * A ratio as shown to operators: two decimals, rounded down, so that a refused colour never
 * reads as reaching the minimum (4.499 shows 4.49, not 4.50).
 */
export function floorRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toFixed(2);
}

/** What the widget uses once defaults are applied and unusable values set aside. */
export interface ResolvedWidgetSettings {
  readonly theme: WidgetTheme;
  readonly accent: readonly [background: string, text: string];
  readonly consentMonths: number;
  readonly consentDays: number;
  readonly cookieDomain?: string;
  readonly control: ControlPosition;
  readonly consentMode?: Readonly<Partial<Record<ConsentModeType, string>>>;
  readonly charterUrl?: string;
}

/**
 * Applies the defaults. Values `parseWidgetSettings` would refuse (a colour without contrast, a
 * lifetime over 13 months) are replaced by safe ones rather than published as is. An accent
 * colour is kept from 3:1 up (`PUBLISHED_ACCENT_CONTRAST`), not from the 4.5:1 a save asks:
 * a revision published under the former rule keeps the colour it was published with, instead of
 * visitors' banners changing colour with no publication.
 */
export function resolveWidgetSettings(settings: WidgetSettings = {}): ResolvedWidgetSettings {
  const theme =
    settings.theme && WIDGET_THEMES.includes(settings.theme) ? settings.theme : 'neutral';
  const accentColor =
    settings.accentColor &&
    isHexColor(settings.accentColor) &&
    contrastRatio(settings.accentColor, THEME_COLORS[theme].panel) >= PUBLISHED_ACCENT_CONTRAST
      ? settings.accentColor.toLowerCase()
      : THEME_COLORS[theme].accent;
  const months = Math.min(
    MAX_CONSENT_MONTHS,
    Math.max(1, Math.round(settings.consentMonths ?? DEFAULT_CONSENT_MONTHS)),
  );
  const consentMode =
    settings.consentMode === false
      ? undefined
      : settings.consentMode === true || settings.consentMode === undefined
        ? DEFAULT_CONSENT_MODE
        : { ...DEFAULT_CONSENT_MODE, ...settings.consentMode };
  return {
    theme,
    accent: [accentColor, readableTextColor(accentColor)],
    consentMonths: months,
    // A month counts 30 days here: the cookie expires a little early rather than late.
    consentDays: months * 30,
    ...(settings.cookieDomain && { cookieDomain: settings.cookieDomain }),
    control: settings.control ?? 'left',
    ...(consentMode && { consentMode }),
    ...(settings.charterUrl && { charterUrl: settings.charterUrl }),
  };
}
