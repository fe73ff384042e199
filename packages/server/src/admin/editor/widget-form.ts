import {
  CONSENT_MODE_TYPES,
  contrastRatio,
  floorRatio,
  isHexColor,
  MIN_ACCENT_CONTRAST,
  THEME_COLORS,
  WIDGET_TEXT_IDS,
  WIDGET_THEMES,
  type PortalFile,
  type WidgetSettings,
  type WidgetTheme,
} from '@galette/core';
import { optional, shown } from './form-text.js';

/**
 * The widget settings as their form holds them, each by its path under `widget`: `theme`,
 * `accentColor`, `consentMonths`, `cookieDomain`, `control`, `consentMode` (`default`, `off` or
 * `custom`) with `consentMode.<type>`, `charterUrl`, `charterInFrame`, `texts.<id>.<lang>`.
 */
export type WidgetForm = Readonly<Record<string, string>>;

export const CONSENT_MODE_CHOICES = ['default', 'off', 'custom'] as const;

export function widgetFields(languages: readonly string[]): string[] {
  return [
    'theme',
    'accentColor',
    'control',
    'consentMonths',
    'cookieDomain',
    'consentMode',
    ...CONSENT_MODE_TYPES.map((type) => `consentMode.${type}`),
    'charterUrl',
    'charterInFrame',
    ...WIDGET_TEXT_IDS.flatMap((id) => languages.map((lang) => `texts.${id}.${lang}`)),
  ];
}

export function widgetFormOf(file: PortalFile): WidgetForm {
  const w: WidgetSettings = file.widget ?? {};
  const form: Record<string, string> = {
    theme: w.theme ?? '',
    accentColor: shown(w.accentColor),
    control: w.control ?? '',
    consentMonths: w.consentMonths === undefined ? '' : String(w.consentMonths),
    cookieDomain: shown(w.cookieDomain),
    consentMode:
      w.consentMode === false ? 'off' : typeof w.consentMode === 'object' ? 'custom' : 'default',
    charterUrl: shown(w.charterUrl),
    charterInFrame: w.charterInFrame ? 'on' : '',
  };
  const mapping = typeof w.consentMode === 'object' ? w.consentMode : {};
  for (const type of CONSENT_MODE_TYPES) form[`consentMode.${type}`] = mapping[type] ?? '';
  for (const id of WIDGET_TEXT_IDS) {
    for (const lang of file.languages ?? []) {
      form[`texts.${id}.${lang}`] = shown(w.texts?.[id]?.[lang]);
    }
  }
  return form;
}

/**
 * The file with the widget settings of `form`. Blank fields are left out (Galette's defaults
 * apply); values are passed on as typed, so the portal file's validator names what is wrong
 * (a month count that is not a number stays a string and is refused as such).
 */
export function applyWidgetForm(file: PortalFile, form: WidgetForm): PortalFile {
  const languages = file.languages ?? [];
  const months = optional(form.consentMonths ?? '');
  const mode = form.consentMode ?? 'default';
  const mapping: Record<string, string> = {};
  for (const type of CONSENT_MODE_TYPES) {
    const category = optional(form[`consentMode.${type}`] ?? '');
    if (category !== undefined) mapping[type] = category;
  }
  const texts: Record<string, Record<string, string>> = {};
  for (const id of WIDGET_TEXT_IDS) {
    for (const lang of languages) {
      const value = optional(form[`texts.${id}.${lang}`] ?? '');
      if (value !== undefined) (texts[id] ??= {})[lang] = value;
    }
  }
  const set = <T>(key: string, value: T | undefined) =>
    value === undefined ? {} : { [key]: value };
  const widget = {
    ...set('theme', optional(form.theme ?? '')),
    ...set('accentColor', optional(form.accentColor ?? '')),
    ...set('consentMonths', months === undefined ? undefined : monthCount(months)),
    ...set('cookieDomain', optional(form.cookieDomain ?? '')),
    ...set('control', optional(form.control ?? '')),
    ...set('consentMode', mode === 'off' ? false : mode === 'custom' ? mapping : undefined),
    ...set('charterUrl', optional(form.charterUrl ?? '')),
    ...(form.charterInFrame ? { charterInFrame: true } : {}),
    ...(Object.keys(texts).length > 0 ? { texts } : {}),
  } as WidgetSettings;
  const { widget: _old, ...rest } = file;
  return Object.keys(widget).length > 0 ? { ...rest, widget } : rest;
}

function monthCount(value: string): number | string {
  return /^\d{1,3}$/.test(value) ? Number(value) : value;
}

/** The accent colour's contrast on the theme's panel, as the editor shows it beside the field. */
export function accentContrast(
  form: WidgetForm,
): { ratio: string; ok: boolean; background: string } | undefined {
  const colour = (form.accentColor ?? '').trim();
  if (!isHexColor(colour)) return undefined;
  const theme: WidgetTheme = WIDGET_THEMES.includes(form.theme as WidgetTheme)
    ? (form.theme as WidgetTheme)
    : 'neutral';
  const background = THEME_COLORS[theme].panel;
  const ratio = contrastRatio(colour, background);
  return { ratio: floorRatio(ratio), ok: ratio >= MIN_ACCENT_CONTRAST, background };
}
