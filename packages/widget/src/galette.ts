import {
  CONSENT_COOKIE,
  formatConsentCookie,
  parseConsentCookie,
  shortRevision,
  type ConsentAction,
  type ConsentSource,
  type StoredConsent,
  type WidgetCategory,
  type WidgetConfig,
  type WidgetPrefsTexts,
} from '@galette/core';
import { renderBanner } from './banner.js';
import { consentMode } from './consent-mode.js';
import { adoptCss, h, hostMatches } from './dom.js';
import type { Gate } from './gate.js';
import type { PreferencesModule } from './preferences-module.js';
import { css } from './styles.js';
import { clearTrackers, readCookie, writeCookie } from './trackers.js';
import type { GaletteApi, GaletteConsent } from './types.js';
import { blockDeclaredHosts, watchPage } from './watch.js';

export interface LoadedPreferences {
  readonly module: PreferencesModule;
  /** The centre's texts, when the configuration does not carry them. */
  readonly prefs?: Readonly<Record<string, WidgetPrefsTexts>>;
}

export interface GaletteOptions {
  /** Loads the preferences centre and placeholders (a second script, or a dynamic import). */
  readonly loadPreferences: () => Promise<LoadedPreferences>;
  /** Stylesheet for browsers without constructable stylesheets. */
  readonly cssUrl?: string;
}

const noop = () => {};

/** The API of a widget that could not start: callable, inert, gated content stays blocked. */
export const inertGalette: GaletteApi = {
  show: noop,
  showPreferences: noop,
  acceptAll: noop,
  rejectAll: noop,
  accepted: (category) => category === 'necessary',
  consent: null,
  on: () => noop,
};

/** Never lets an exception reach the page: a failing call leaves things as they were. */
const safe =
  <A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) =>
  (...args: A): R => {
    try {
      return fn(...args);
    } catch {
      return fallback as R;
    }
  };

// Time first (milliseconds, base 36): new consents then append to the proof store's
// (portal, consent id) index instead of dirtying a random page of it on every write, which
// measured +38 % consent POSTs/s on SQLite. The 128 random bits after it keep the id a secret.
function randomId(): string {
  return (
    Date.now().toString(36).padStart(9, '0') +
    btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
      .slice(0, 22)
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
  );
}

/**
 * Starts the widget for one published revision: reads the stored choice, signals Consent Mode,
 * gates scripts and frames, shows the first layer when a choice is needed, and returns the API.
 */
export function startGalette(config: WidgetConfig, options: GaletteOptions): GaletteApi {
  const categories = config.categories;
  const gated = categories.filter((c) => !c.optOut);
  const revision = shortRevision(config.revision);
  const languages = Object.keys(config.texts);
  const lang =
    [document.documentElement.lang, ...(navigator.languages || [])]
      .map((l) => (l || '').slice(0, 2).toLowerCase())
      .find((l) => languages.includes(l)) || languages[0]!;
  const texts = config.texts[lang]!;
  const theme = config.theme === 'dsfr' ? 'dsfr' : '';
  const gpc = navigator.globalPrivacyControl === true;

  let stored = parseConsentCookie(readCookie(CONSENT_COOKIE));
  if (stored && stored.time + config.days * 864e5 < Date.now()) stored = undefined;

  // Exempt measurement runs until objected to; Global Privacy Control is an objection too,
  // unless the visitor turned it back on here.
  const isOn = (c: WidgetCategory) => {
    const choice = stored?.choices[c.id];
    return c.optOut ? (choice === undefined ? !gpc : choice !== false) : choice === c.fp;
  };
  const accepted = (id: string) =>
    id === 'necessary' || categories.some((c) => c.id === id && isOn(c));
  const choicesWith = (on: (c: WidgetCategory) => boolean) =>
    Object.fromEntries(categories.map((c) => [c.id, on(c)]));
  const blockedBy = safe((url: string) => {
    const host = new URL(url, location.href).hostname;
    return categories.find((c) => !isOn(c) && c.hosts?.some((d) => hostMatches(host, d)))?.id;
  });

  const signal = consentMode(config.gcm, accepted);
  signal(true);
  if (stored) signal();
  if (categories.some((c) => c.hosts)) blockDeclaredHosts(blockedBy);
  const clear = () => categories.forEach((c) => isOn(c) || clearTrackers(c));
  clear();

  const consent = (): GaletteConsent | null =>
    stored
      ? {
          id: stored.id,
          revision: stored.revision === revision ? config.revision : stored.revision,
          time: new Date(stored.time),
          choices: { necessary: true, ...choicesWith(isOn) },
        }
      : null;

  const persist = () =>
    stored && writeCookie(CONSENT_COOKIE, formatConsentCookie(stored), config.days, config.domain);

  // Each choice goes to the server as its proof. Until it is acknowledged the cookie keeps a
  // `pending` mark, so the next page sends it again, with the same event id for deduplication.
  const send = (s: StoredConsent, attempt = 0) => {
    const pending = s.pending;
    if (!pending || s.revision !== revision) return;
    fetch(config.consentUrl, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        eventId: s.id + s.time.toString(36),
        consentId: s.id,
        revision: config.revision,
        choices: Object.fromEntries(categories.map((c) => [c.id, !!s.choices[c.id]])),
        ...pending,
        lang,
      }),
    })
      .then((response) => {
        // A client error does not improve by retrying (404: this server has no consent API).
        if (response.status >= 500 || response.status === 408 || response.status === 429) throw 0;
        if (stored === s) {
          stored = { ...s, pending: undefined };
          persist();
        }
      })
      .catch(() => attempt < 2 && setTimeout(() => send(s, attempt + 1), 5000 << (attempt * 2)));
  };

  let root: HTMLElement | undefined;
  let banner: HTMLElement | undefined;
  let control: HTMLElement | undefined;
  let returnFocus: Element | null;
  // Categories whose scripts ran in this page: refusing them later needs a reload.
  const ran = new Set<string>();
  let gate: Promise<Gate> | undefined;
  // The gate comes with the lazily loaded module, fetched as soon as there is gated content:
  // until it arrives, that content simply stays inert.
  // (`watchPage` only reports subtrees that hold some.)
  const scan = (root: ParentNode) =>
    (root !== document || document.querySelector('[data-galette]')) &&
    (gate ??= loadModule().then(
      (loaded) =>
        loaded.module.gate({
          allowed: (ids) => ids.every(accepted),
          blockedBy,
          ran,
          texts: prefsTexts(loaded),
          theme,
          always: (ids) =>
            save(
              choicesWith((c) => isOn(c) || ids.includes(c.id)),
              'custom',
              'banner',
            ),
        }),
      // Not kept: the next scan (a choice, new content) loads the module again.
      (e) => {
        gate = undefined;
        throw e;
      },
    )).then((g) => g.scan(root), noop);

  const toggleBanner = (visible: boolean) => {
    if (control) control.hidden = visible;
    if (visible || !banner) return;
    const hadFocus = banner.contains(document.activeElement);
    banner.remove();
    banner = undefined;
    if (hadFocus) (returnFocus as HTMLElement | null)?.focus?.();
  };

  const save = (
    choices: Readonly<Record<string, boolean>>,
    action: ConsentAction,
    source: ConsentSource,
  ) => {
    const before = categories.filter(isOn);
    const kept: Record<string, string | false> = {};
    for (const c of categories) kept[c.id] = !!choices[c.id] && c.fp;
    stored = {
      id: stored?.id || randomId(),
      revision,
      time: Date.now(),
      choices: kept,
      pending: { action, source },
    };
    persist();
    signal();
    clear();
    scan(document);
    send(stored);
    toggleBanner(false);
    document.dispatchEvent(new CustomEvent('galette:change', { detail: consent() }));
    // Scripts already running cannot be stopped: reloading is what makes a withdrawal real.
    if (before.some((c) => !isOn(c) && ran.has(c.id))) location.reload();
  };

  const acceptAll = (source: ConsentSource) =>
    save(
      choicesWith(() => true),
      'accept_all',
      source,
    );
  // Refusing covers what needs consent; objecting to exempt measurement is its own switch.
  const rejectAll = (source: ConsentSource) =>
    save(
      choicesWith((c) => !!c.optOut && isOn(c)),
      gated.some(isOn) ? 'withdraw' : 'reject_all',
      source,
    );

  let loading: Promise<LoadedPreferences> | undefined;
  // A failed load leaves the page as it was; the next use tries again.
  const loadModule = () =>
    (loading ??= options.loadPreferences().then((loaded) => {
      adoptCss(loaded.module.css);
      return loaded;
    })).catch((e) => {
      loading = undefined;
      throw e;
    });

  const prefsTexts = (loaded: LoadedPreferences) => {
    const all = loaded.prefs || config.prefs || {};
    return all[lang] || Object.values(all)[0]!;
  };

  const showPreferences = () =>
    root &&
    loadModule().then((loaded) => {
      loaded.module.open({
        root: root!,
        texts,
        prefs: prefsTexts(loaded),
        categories,
        accepted,
        gpc,
        id: stored?.id,
        save: (choices) => save(choices, 'custom', 'preferences'),
        acceptAll: () => acceptAll('preferences'),
        rejectAll: () => rejectAll('preferences'),
      });
    }, noop);

  const show = () => {
    if (!root) return;
    if (!gated.length) return void showPreferences();
    if (!banner) {
      returnFocus = document.activeElement;
      banner = renderBanner(texts, gpc);
      // (A handler returning false would cancel the key: Tab would stop working.)
      banner.onkeydown = (e) => {
        if (e.key === 'Escape') rejectAll('banner');
      };
      root.append(banner);
      toggleBanner(true);
    }
    // After the frame that shows it: focusing forces a layout, which would delay that frame.
    const target = banner;
    requestAnimationFrame(() => target.focus({ preventScroll: true }));
  };

  const actions: Record<string, () => unknown> = {
    'accept-all': () => acceptAll('banner'),
    'reject-all': () => rejectAll('banner'),
    close: () => rejectAll('banner'),
    customise: showPreferences,
  };

  const start = () => {
    adoptCss(`${css}.glt{--a:${config.accent[0]};--at:${config.accent[1]}}`, options.cssUrl);
    root = h('div', { id: 'glt', class: `glt ${theme}`, lang });
    if (config.control !== 'none') {
      control = h(
        'button',
        { class: `c ${config.control}`, 'data-galette-control': '' },
        texts.control,
      );
      control.onclick = showPreferences;
      root.append(control);
    }
    document.body.append(root);
    scan(document);
    document.addEventListener('click', (e) => {
      const target = e.target instanceof Element && e.target.closest('[data-galette-action]');
      const run = target && actions[target.getAttribute('data-galette-action')!];
      if (run) {
        e.preventDefault();
        safe(run)();
      }
    });
    // Asked again when nothing valid is stored, or when something needing consent is new or
    // changed since it was accepted. A refusal stays valid for a category that grew.
    if (
      gated.some((c) => stored?.choices[c.id] === undefined || (stored!.choices[c.id] && !isOn(c)))
    ) {
      if (gpc) rejectAll('gpc');
      show();
    } else if (gpc && categories.some((c) => stored?.choices[c.id] === undefined)) {
      // Nothing to ask, but the signal's objection to exempt measurement is a choice to prove.
      save(choicesWith(isOn), stored ? 'custom' : 'reject_all', 'gpc');
    }
    if (stored?.pending) send(stored);
  };

  watchPage(blockedBy, scan);
  if (document.body) safe(start)();
  else document.addEventListener('DOMContentLoaded', safe(start));

  return {
    show: safe(show),
    showPreferences: safe(showPreferences),
    acceptAll: safe(() => acceptAll('api')),
    rejectAll: safe(() => rejectAll('api')),
    accepted: safe(accepted, false),
    get consent() {
      return safe(consent, null)();
    },
    on: safe((event: 'change', listener) => {
      const relay = (e: Event) => listener((e as CustomEvent<GaletteConsent>).detail);
      if (event !== 'change') return noop;
      document.addEventListener('galette:change', relay);
      return () => document.removeEventListener('galette:change', relay);
    }, noop),
  };
}
