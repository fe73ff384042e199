import {
  parseConsentCookie,
  shortRevision,
  type ConsentSource,
  type WidgetCategory,
  type WidgetConfig,
  type WidgetPrefsTexts,
} from '@galette/core';
import { renderBanner } from './banner.js';
import { consentMode } from './consent-mode.js';
import { consentState } from './consent-state.js';
import { adoptCss, h } from './dom.js';
import { createGate } from './gate.js';
import type { Choices, PreferencesModule, WidgetRuntime } from './preferences-module.js';
import { css } from './styles.js';
import { clearTrackers } from './trackers.js';
import type { GaletteApi, GaletteConsent } from './types.js';
import { blockDeclaredHosts, watchPage } from './watch.js';

export interface LoadedPreferences {
  readonly module: PreferencesModule;
  /** The centre's texts, when the configuration does not carry them. */
  readonly prefs?: Readonly<Record<string, WidgetPrefsTexts>>;
}

export interface GaletteOptions {
  /**
   * Loads the preferences centre and the recording of choices (a second script, or a dynamic
   * import), when the visitor acts.
   */
  readonly loadPreferences: () => Promise<LoadedPreferences>;
  /** Lets the browser fetch that second script at idle, without running it. */
  readonly prefetch?: () => void;
  /** Stylesheet for browsers without constructable stylesheets. */
  readonly cssUrl?: string;
  /** `document.cookie`, read by the caller just before. */
  readonly cookies: string;
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

/**
 * Runs `fn` once, as soon as the next frame is painted (a task queued from an animation frame
 * runs after that frame), or after 100 ms in a tab that paints nothing (hidden, prerendered).
 */
function afterPaint(fn: () => void): void {
  let pending = true;
  const run = () => {
    if (pending) {
      pending = false;
      fn();
    }
  };
  requestAnimationFrame(() => setTimeout(run));
  setTimeout(run, 100);
}

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

/**
 * Starts the widget for one published revision: reads the stored choice, signals Consent Mode,
 * gates scripts and frames (with placeholders on blocked embeds), shows the first layer when a
 * choice is needed, and returns the API. When the first stage (`widget-boot.js`) ran, the
 * blocking and the Consent Mode default it installed are taken over instead of repeated.
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

  // Read once, for the stored choice and for the first deletion after the first paint: each read
  // of `document.cookie` is a synchronous round trip to the browser.
  const cookies = options.cookies;
  const state = consentState(categories, config.days, gpc, parseConsentCookie, cookies);
  const { isOn, accepted, blockedBy } = state;
  const choicesWith = (on: (c: WidgetCategory) => boolean) =>
    Object.fromEntries(categories.map((c) => [c.id, on(c)]));

  const signal = consentMode(config.gcm, accepted);
  const boot = window.__glt;
  if (boot) {
    boot.b = blockedBy;
    boot.o.disconnect();
  } else {
    signal(true);
    if (categories.some((c) => c.hosts)) blockDeclaredHosts({ b: blockedBy });
  }
  if (state.stored) signal();
  const clear = (jar?: string) =>
    clearTrackers(
      categories.filter((c) => !isOn(c)),
      jar,
    );

  const consent = (): GaletteConsent | null => {
    const s = state.stored;
    return s
      ? {
          id: s.id,
          revision: s.revision === revision ? config.revision : s.revision,
          time: new Date(s.time),
          choices: { necessary: true, ...choicesWith(isOn) },
        }
      : null;
  };

  let root: HTMLElement | undefined;
  let banner: HTMLElement | undefined;
  let control: HTMLElement | undefined;
  let returnFocus: Element | null;
  // While the widget starts, what waits for the first paint is run by one callback, not one
  // timer pair each; `later` puts its job (the banner's focus) first.
  let starting: (() => void)[] | undefined;
  const later = (fn: () => void) => (starting ? starting.unshift(fn) : afterPaint(fn));
  // Categories whose scripts ran in this page: refusing them later needs a reload.
  const ran = new Set<string>();

  const runtime: WidgetRuntime = {
    config,
    categories,
    state,
    revision,
    lang,
    texts,
    gpc,
    choicesWith,
    ran,
    signal,
    clear,
    scan: () => scan(document),
    hide: () => toggleBanner(false),
    consent,
  };
  // The centre and the recording of choices arrive together, when first needed. A failed load
  // leaves the page as it was; the next use tries again.
  let loading: Promise<[LoadedPreferences, Choices]> | undefined;
  const load = () =>
    (loading ??= options.loadPreferences().then((loaded) => {
      adoptCss(loaded.module.css);
      return [loaded, loaded.module.choices(runtime)] as [LoadedPreferences, Choices];
    })).catch((e) => {
      loading = undefined;
      throw e;
    });
  const choose = (run: (choices: Choices) => void) => load().then(([, c]) => run(c), noop);

  const gate = createGate({
    allowed: (ids) => ids.every(accepted),
    blockedBy,
    ran,
    texts,
    theme,
    always: (ids) =>
      choose((c) =>
        c.save(
          choicesWith((cat) => isOn(cat) || ids.includes(cat.id)),
          'custom',
          'banner',
        ),
      ),
  });
  const scan = (node: ParentNode) => safe(gate.scan)(node);

  const toggleBanner = (visible: boolean) => {
    if (control) control.hidden = visible;
    if (visible || !banner) return;
    const hadFocus = banner.contains(document.activeElement);
    banner.remove();
    banner = undefined;
    if (hadFocus) (returnFocus as HTMLElement | null)?.focus?.();
  };

  const acceptAll = (source: ConsentSource) => choose((c) => c.acceptAll(source));
  const rejectAll = (source: ConsentSource) => choose((c) => c.rejectAll(source));

  const showPreferences = () =>
    root && load().then(([loaded, c]) => loaded.module.open(runtime, c, root!, loaded.prefs), noop);

  const show = (note?: string) => {
    if (!root) return;
    if (!gated.length) return void showPreferences();
    if (!banner) {
      returnFocus = document.activeElement;
      banner = renderBanner(texts, note);
      // (A handler returning false would cancel the key: Tab would stop working.)
      banner.onkeydown = (e) => {
        if (e.key === 'Escape') rejectAll('banner');
      };
      root.append(banner);
      toggleBanner(true);
    }
    // Once the frame that shows it is painted: style and layout are then clean, so focusing
    // forces none of them. Earlier, it would lay the page out once more before its first paint.
    const target = banner;
    later(() => target.focus({ preventScroll: true }));
  };

  const actions: Record<string, () => unknown> = {
    'accept-all': () => acceptAll('banner'),
    'reject-all': () => rejectAll('banner'),
    close: () => rejectAll('banner'),
    customise: showPreferences,
  };

  const start = () => {
    // Focus (queued by `show`) runs first once the banner is painted: style and layout are clean
    // then, so it forces neither; placeholders and activated scripts, which dirty them, come after
    // and are laid out once, in the next frame (measured: 2 ms of forced style and layout when
    // the focus came after them).
    const jobs = (starting = [() => scan(document), () => clear(cookies)]);
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
    document.addEventListener('click', (e) => {
      const target = e.target instanceof Element && e.target.closest('[data-galette-action]');
      const run = target && actions[target.getAttribute('data-galette-action')!];
      if (run) {
        e.preventDefault();
        safe(run)();
      }
    });
    const stored = state.stored;
    // Asked again when nothing valid is stored, or when something needing consent is new or
    // changed since it was accepted. A refusal stays valid for a category that grew.
    if (
      gated.some((c) => stored?.choices[c.id] === undefined || (stored!.choices[c.id] && !isOn(c)))
    ) {
      if (gpc) {
        // Refused at once; the banner then says why, in the centre's texts.
        load().then(
          ([loaded, c]) => show(c.refuseForGpc(loaded.prefs)),
          () => show(),
        );
      } else {
        show();
        // Anonymous count for the opt-in and no-choice rates: only the revision shown is sent,
        // no identifier, and nothing is read from or written to the visitor's storage. Sent
        // once the banner is painted (shown, truly), not before the page's first paint.
        jobs.push(() =>
          navigator.sendBeacon(
            config.consentUrl.replace(/consents$/, 'banner-views'),
            config.revision,
          ),
        );
        // The visitor will most likely act: let the browser fetch the rest once it is idle.
        const prefetch = () =>
          (window.requestIdleCallback || setTimeout)(safe(options.prefetch || noop));
        if (document.readyState === 'complete') prefetch();
        else addEventListener('load', prefetch);
      }
    } else if (gpc && categories.some((c) => stored?.choices[c.id] === undefined)) {
      // Nothing to ask, but the signal's objection to exempt measurement is a choice to prove.
      choose((c) => c.save(choicesWith(isOn), stored ? 'custom' : 'reject_all', 'gpc'));
    }
    // The banner joins the page before its first paint. The rest waits until that paint: until
    // then gated elements stay inert, and the page's first frame does not wait for placeholders,
    // activations or cookie deletion.
    document.body.append(root);
    if (stored?.pending) jobs.push(() => choose((c) => c.send(stored)));
    starting = undefined;
    afterPaint(() => jobs.forEach((job) => safe(job)()));
  };

  watchPage(blockedBy, scan);
  if (document.body) safe(start)();
  else document.addEventListener('DOMContentLoaded', safe(start));

  return {
    show: safe(() => show()),
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
