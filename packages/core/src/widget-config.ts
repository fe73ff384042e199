import { canonicalJson } from './canonical-json.js';
import {
  categoryIds,
  declarationNeedsConsent,
  EXEMPT_CATEGORY,
  isBuiltinCategory,
} from './categories.js';
import { formatLifetime } from './charter/format-lifetime.js';
import { isSupportedLanguage, REFERENCE_LANGUAGE } from './i18n/supported-languages.js';
import { interpolate, translate } from './i18n/translate.js';
import type { Declaration, Lang, PortalContent, Revision } from './portal.js';
import { sha256Hex } from './sha256.js';
import {
  resolveWidgetSettings,
  type ConsentModeType,
  type ControlPosition,
  type WidgetTextId,
  type WidgetTheme,
} from './widget-settings.js';

/**
 * A category the widget gates: what accepting it covers and what refusing it must remove.
 * Keys stay short and absent lists are left out: this travels inside every widget.js.
 */
export interface WidgetCategory {
  readonly id: string;
  /** Fingerprint of what the category holds; a changed fingerprint asks the visitor again. */
  readonly fp: string;
  /** Exempt audience measurement: on until the visitor objects. */
  readonly optOut?: true;
  /** Hosts whose scripts and frames are blocked until the category is accepted. */
  readonly hosts?: readonly string[];
  /** Cookie names or `*` patterns to delete on refusal (those the page can reach). */
  readonly cookies?: readonly string[];
  readonly local?: readonly string[];
  readonly session?: readonly string[];
}

/** First-layer texts of one language. */
export interface WidgetTexts {
  readonly title: string;
  readonly text: string;
  readonly acceptAll: string;
  readonly rejectAll: string;
  readonly customise: string;
  readonly close: string;
  readonly charter: string;
  readonly charterUrl: string;
  readonly control: string;
  /**
   * Embed placeholders belong to the first layer: their text (`{category}` is replaced by the
   * category's label), their two buttons, and the label of each gated category.
   */
  readonly placeholder: string;
  readonly once: string;
  readonly always: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** One declared cookie as the preferences centre lists it: provider, name, purpose, lifetime. */
export type WidgetCookieRow = readonly [string, string, string, string];

export interface WidgetPrefsCategory {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly rows: readonly WidgetCookieRow[];
}

/** Preferences-centre texts of one language; loaded lazily by the served widget. */
export interface WidgetPrefsTexts {
  readonly title: string;
  readonly intro: string;
  readonly alwaysOn: string;
  /**
   * Said when the browser sends Global Privacy Control, in the banner and the centre. Comes with
   * the centre: such a visitor's refusal is recorded by it before the banner shows.
   */
  readonly gpc: string;
  /** State of exempt measurement beside its switch: active unless objected to, and objected. */
  readonly exempt?: readonly [string, string];
  /** `{count}` is replaced by the number of cookies. */
  readonly cookies: string;
  readonly save: string;
  readonly done: string;
  readonly columns: readonly [string, string, string, string];
  /** Label of the link to the visitor's receipt page. */
  readonly history: string;
  /**
   * Address of the receipt page in this language; the widget replaces `{id}` with the consent
   * id from the visitor's own cookie, so the secret never leaves the browser in a configuration.
   */
  readonly receiptUrl: string;
  /** Every category with declarations, `necessary` first, then the gated ones in order. */
  readonly categories: readonly WidgetPrefsCategory[];
}

/** Everything the widget needs about one published revision. */
export interface WidgetConfig {
  readonly portal: string;
  /** Full hash of the revision shown, sent with each choice as its proof. */
  readonly revision: string;
  /** `POST` target of each choice. */
  readonly consentUrl: string;
  readonly theme: WidgetTheme;
  /** Button background and text colours, contrast checked. */
  readonly accent: readonly [string, string];
  /** Lifetime of the consent cookie, in days. */
  readonly days: number;
  readonly domain?: string;
  readonly control: ControlPosition;
  /** Google Consent Mode v2 mapping, absent when the operator turned it off. */
  readonly gcm?: Readonly<Partial<Record<ConsentModeType, string>>>;
  /** Categories that need consent (or allow objection), in display order. */
  readonly categories: readonly WidgetCategory[];
  /** Per language, the portal's default language first. */
  readonly texts: Readonly<Record<Lang, WidgetTexts>>;
  /** Per language; absent from the served widget.js, which loads it with the centre. */
  readonly prefs?: Readonly<Record<Lang, WidgetPrefsTexts>>;
}

export interface WidgetConfigOptions {
  /** Public address of the Galette server, without final slash: `https://consent.example.org`. */
  readonly baseUrl: string;
  /** Languages to include (those the portal publishes); default all of the portal's. */
  readonly languages?: readonly Lang[];
}

/** The widget configuration of a published revision. */
export function buildWidgetConfig(revision: Revision, options: WidgetConfigOptions): WidgetConfig {
  const content = revision.content;
  const settings = resolveWidgetSettings(content.widget);
  const portalPath = `${options.baseUrl}/p/${encodeURIComponent(content.id)}`;
  const wanted = options.languages?.filter((l) => content.languages.includes(l));
  const languages = wanted?.length
    ? wanted
    : [content.defaultLanguage, ...content.languages.filter((l) => l !== content.defaultLanguage)];
  const categories = widgetCategories(content);

  const texts: Record<Lang, WidgetTexts> = {};
  const prefs: Record<Lang, WidgetPrefsTexts> = {};
  for (const lang of languages) {
    const charterUrl = settings.charterUrl
      ? settings.charterUrl.replace('{lang}', lang)
      : `${portalPath}/charte-cookies?lang=${lang}`;
    texts[lang] = firstLayerTexts(content, lang, categories, charterUrl);
    prefs[lang] = preferencesTexts(
      content,
      lang,
      categories,
      `${portalPath}/consents/{id}?lang=${lang}`,
    );
  }
  return {
    portal: content.id,
    revision: revision.hash,
    consentUrl: `${options.baseUrl}/api/v1/portals/${encodeURIComponent(content.id)}/consents`,
    theme: settings.theme,
    accent: settings.accent,
    days: settings.consentDays,
    ...(settings.cookieDomain && { domain: settings.cookieDomain }),
    control: settings.control,
    ...(settings.consentMode && { gcm: settings.consentMode }),
    categories,
    texts,
    prefs,
  };
}

/** True when nothing on the portal needs consent: the widget then shows no banner. */
export function needsNoConsent(config: Pick<WidgetConfig, 'categories'>): boolean {
  return config.categories.every((c) => c.optOut);
}

/**
 * What the widget gates, per category, with the fingerprint that decides whether a visitor is asked
 * again (the re-prompt rule: a new gated category, or a changed fingerprint of an accepted one).
 */
export function widgetCategories(content: PortalContent): WidgetCategory[] {
  const host = new URL(content.url).hostname;
  const gated = categoryIds(content).filter((id) => id !== 'necessary');
  const groups: [string, Declaration[], boolean][] = gated.map((id) => [
    id,
    content.declarations.filter((d) => d.category === id && declarationNeedsConsent(d)),
    false,
  ]);
  const exempt = content.declarations.filter(
    (d) => d.category !== 'necessary' && !declarationNeedsConsent(d),
  );
  groups.push([EXEMPT_CATEGORY, exempt, true]);
  return groups
    .filter(([, declarations]) => declarations.length > 0)
    .map(([id, declarations, optOut]) => {
      const names = (storage: Declaration['storage']) =>
        unique(
          declarations
            .filter((d) => d.storage === storage && reachable(d, host))
            .map((d) => d.name),
        );
      const hosts = unique(declarations.flatMap((d) => d.hosts ?? []));
      const cookies = names('cookie');
      const local = names('localStorage');
      const session = names('sessionStorage');
      return {
        id,
        fp: fingerprint(id, declarations),
        ...(optOut && { optOut: true as const }),
        ...(hosts.length > 0 && { hosts }),
        ...(cookies.length > 0 && { cookies }),
        ...(local.length > 0 && { local }),
        ...(session.length > 0 && { session }),
      };
    });
}

/** Cookies set under another site's domain cannot be read nor deleted by the page. */
function reachable(d: Declaration, host: string): boolean {
  if (d.storage !== 'cookie' || !d.domain) return true;
  const domain = d.domain.replace(/^\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Six hex digits of the hash of what accepting the category means: who, what, where, why and
 * how long. Wording of other texts does not count, so a typo fix asks nobody again.
 */
function fingerprint(id: string, declarations: readonly Declaration[]): string {
  const facts = declarations.map((d) => ({
    provider: d.provider,
    name: d.name,
    purpose: d.purpose,
    lifetime: d.lifetime,
    party: d.party,
    domain: d.domain,
    storage: d.storage,
    hosts: d.hosts,
  }));
  return sha256Hex(canonicalJson({ id, facts })).slice(0, 6);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function catalogLanguage(lang: Lang): string {
  return isSupportedLanguage(lang) ? lang : REFERENCE_LANGUAGE;
}

function operatorText(content: PortalContent, id: WidgetTextId, lang: Lang): string | undefined {
  const text = content.widget?.texts?.[id]?.[lang];
  return text && text.trim() !== '' ? text : undefined;
}

function categoryLabel(content: PortalContent, id: string, lang: Lang): string {
  if (id === EXEMPT_CATEGORY || isBuiltinCategory(id)) {
    return translate(catalogLanguage(lang), `widget.category.${id}`);
  }
  const custom = content.categories.find((c) => c.id === id);
  return custom?.label[lang] ?? custom?.label[content.defaultLanguage] ?? id;
}

function categoryDescription(content: PortalContent, id: string, lang: Lang): string {
  if (id === EXEMPT_CATEGORY || isBuiltinCategory(id)) {
    return translate(catalogLanguage(lang), `widget.category.${id}.description`);
  }
  const custom = content.categories.find((c) => c.id === id);
  return custom?.description[lang] ?? custom?.description[content.defaultLanguage] ?? '';
}

function firstLayerTexts(
  content: PortalContent,
  lang: Lang,
  categories: readonly WidgetCategory[],
  charterUrl: string,
): WidgetTexts {
  const l = catalogLanguage(lang);
  const t = (id: WidgetTextId, key: string, params?: Record<string, string>) =>
    interpolate(operatorText(content, id, lang) ?? translate(l, key), {
      name: content.name,
      ...params,
    });
  const gated = categories.filter((c) => !c.optOut);
  const purposes = new Intl.ListFormat(l, { type: 'conjunction' }).format(
    gated.map((c) =>
      isBuiltinCategory(c.id)
        ? translate(l, `widget.purpose.${c.id}`)
        : translate(l, 'widget.purpose.custom', { label: categoryLabel(content, c.id, lang) }),
    ),
  );
  return {
    title: t('bannerTitle', 'widget.banner.title'),
    text: t('bannerText', 'widget.banner.text', { name: content.name, purposes }),
    acceptAll: t('acceptAll', 'widget.acceptAll'),
    rejectAll: t('rejectAll', 'widget.rejectAll'),
    customise: t('customise', 'widget.customise'),
    close: t('close', 'widget.close'),
    charter: translate(l, 'widget.charter'),
    charterUrl,
    control: t('control', 'widget.control'),
    placeholder: translate(l, 'widget.placeholder.text'),
    once: translate(l, 'widget.placeholder.once'),
    always: translate(l, 'widget.placeholder.always'),
    labels: Object.fromEntries(gated.map((c) => [c.id, categoryLabel(content, c.id, lang)])),
  };
}

function preferencesTexts(
  content: PortalContent,
  lang: Lang,
  categories: readonly WidgetCategory[],
  receiptUrl: string,
): WidgetPrefsTexts {
  const l = catalogLanguage(lang);
  const t = (id: WidgetTextId, key: string) =>
    interpolate(operatorText(content, id, lang) ?? translate(l, key), { name: content.name });
  const localized = (text: Readonly<Record<Lang, string>>) =>
    text[lang] ?? text[content.defaultLanguage] ?? Object.values(text)[0] ?? '';
  const row = (d: Declaration): WidgetCookieRow => [
    d.provider,
    d.name,
    localized(d.purpose),
    d.lifetime ? formatLifetime(d.lifetime, l) : translate(l, 'widget.lifetime.unknown'),
  ];
  const necessary = content.declarations.filter((d) => d.category === 'necessary');
  const list: WidgetPrefsCategory[] = [];
  if (necessary.length > 0 || categories.length === 0) {
    list.push({
      id: 'necessary',
      label: categoryLabel(content, 'necessary', lang),
      description: categoryDescription(content, 'necessary', lang),
      rows: necessary.map(row),
    });
  }
  for (const c of categories) {
    const declarations = content.declarations.filter((d) =>
      c.optOut
        ? d.category !== 'necessary' && !declarationNeedsConsent(d)
        : d.category === c.id && declarationNeedsConsent(d),
    );
    list.push({
      id: c.id,
      label: categoryLabel(content, c.id, lang),
      description: categoryDescription(content, c.id, lang),
      rows: declarations.map(row),
    });
  }
  return {
    title: t('preferencesTitle', 'widget.preferences.title'),
    intro: needsNoConsent({ categories })
      ? translate(l, 'widget.preferences.noConsent', { name: content.name })
      : t(
          'preferencesIntro',
          categories.some((c) => c.optOut)
            ? 'widget.preferences.introExempt'
            : 'widget.preferences.intro',
        ),
    alwaysOn: translate(l, 'widget.preferences.alwaysOn'),
    gpc: translate(l, 'widget.banner.gpc'),
    ...(categories.some((c) => c.optOut) && {
      exempt: [
        translate(l, 'widget.preferences.exemptActive'),
        translate(l, 'widget.preferences.exemptObjected'),
      ] as const,
    }),
    cookies: translate(l, 'widget.preferences.cookies'),
    save: t('save', 'widget.preferences.save'),
    done: translate(l, 'widget.preferences.done'),
    columns: [
      translate(l, 'widget.column.provider'),
      translate(l, 'widget.column.name'),
      translate(l, 'widget.column.purpose'),
      translate(l, 'widget.column.lifetime'),
    ],
    history: translate(l, 'widget.preferences.history'),
    receiptUrl,
    categories: list,
  };
}

/** Strings of the built widget scripts that the server replaces with their configuration. */
export const WIDGET_SCRIPT_PLACEHOLDER = '"__GALETTE_CONFIG__"';
export const PREFERENCES_SCRIPT_PLACEHOLDER = '"__GALETTE_PREFS__"';
export const BOOT_SCRIPT_PLACEHOLDER = '"__GALETTE_BOOT__"';

/**
 * What the optional first stage (`widget-boot.js`) needs: id, fingerprint, opt-out mark and
 * declared hosts of each category that has hosts, the consent lifetime and the Consent Mode
 * mapping. No text.
 */
export function bootWidgetConfig(
  config: WidgetConfig,
): Pick<WidgetConfig, 'categories' | 'days' | 'gcm'> {
  return {
    days: config.days,
    ...(config.gcm && { gcm: config.gcm }),
    // Only what blocking asks about (the Consent Mode default depends on no choice).
    categories: config.categories
      .filter((c) => c.hosts)
      .map(({ id, fp, optOut, hosts }) => ({
        id,
        fp,
        ...(optOut && { optOut }),
        ...(hosts && { hosts }),
      })),
  };
}

/**
 * The two halves of a configuration as the served widget uses them: `widget` goes inside
 * widget.js (what the first layer and the gating need), `preferences` inside the lazily loaded
 * preferences.js (the centre's texts and the cookie lists). The served widget finds
 * preferences.js and widget.css beside its own address.
 */
export function splitWidgetConfig(config: WidgetConfig): {
  widget: Omit<WidgetConfig, 'portal'>;
  preferences: Readonly<Record<Lang, WidgetPrefsTexts>>;
} {
  // The served widget knows its portal by its address: the id would only add bytes.
  const { prefs, portal: _portal, ...widget } = config;
  return { widget, preferences: prefs ?? {} };
}

/**
 * A built script with its placeholder replaced by `value` as a JavaScript literal. JSON is one;
 * `<` is escaped anyway so the text stays inert if someone pastes it into an HTML page.
 */
export function fillWidgetScript(script: string, placeholder: string, value: unknown): string {
  const at = script.indexOf(placeholder);
  if (at < 0) throw new Error(`widget script has no ${placeholder} placeholder`);
  const literal = JSON.stringify(value).replace(/</g, '\\u003c');
  return script.slice(0, at) + literal + script.slice(at + placeholder.length);
}
