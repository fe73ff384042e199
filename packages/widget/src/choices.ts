import {
  CONSENT_COOKIE,
  formatConsentCookie,
  type ConsentAction,
  type ConsentSource,
  type StoredConsent,
  type WidgetPrefsTexts,
} from '@galette/core';
import type { Choices, WidgetRuntime } from './preferences-module.js';
import { writeCookie } from './trackers.js';

// Time first (milliseconds, base 36): new consents then append to the proof store's
// (portal, consent id) index instead of dirtying a random page of it on every write, which
// measured +38 % consent POSTs/s on SQLite. The 128 random bits after it keep the id a secret.
// (Not `crypto.randomUUID`: it exists only on https pages.)
const randomId = () =>
  Date.now().toString(36).padStart(9, '0') +
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .slice(0, 22)
    .replace(/\+/g, '-')
    .replace(/\//g, '_');

/**
 * Recording a choice: the cookie, the proof sent to the server, then the first layer applies it
 * (`runtime.applied`). Loaded with the centre, after the first layer has painted: nothing here
 * is needed before the visitor acts.
 */
export function createChoices(runtime: WidgetRuntime): Choices {
  const { config, state, categories, revision, lang } = runtime;

  const persist = () =>
    state.stored &&
    writeCookie(CONSENT_COOKIE, formatConsentCookie(state.stored), config.days, config.domain);

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
        if (state.stored === s) {
          state.stored = { ...s, pending: undefined };
          persist();
        }
      })
      .catch(() => attempt < 2 && setTimeout(() => send(s, attempt + 1), 5000 << (attempt * 2)));
  };

  const save = (
    choices: Readonly<Record<string, boolean>>,
    action: ConsentAction,
    source: ConsentSource,
  ) => {
    const before = categories.filter(state.isOn);
    const kept: Record<string, string | false> = {};
    for (const c of categories) kept[c.id] = !!choices[c.id] && c.fp;
    state.stored = {
      id: state.stored?.id || randomId(),
      revision,
      time: Date.now(),
      choices: kept,
      pending: { action, source },
    };
    persist();
    send(state.stored);
    runtime.signal();
    runtime.clear();
    runtime.scan();
    runtime.hide();
    document.dispatchEvent(new CustomEvent('galette:change', { detail: runtime.consent() }));
    // Scripts already running cannot be stopped: reloading is what makes a withdrawal real.
    if (before.some((c) => !state.isOn(c) && runtime.ran.has(c.id))) location.reload();
  };

  // Refusing covers what needs consent; objecting to exempt measurement is its own switch.
  const rejectAll = (source: ConsentSource) =>
    save(
      runtime.choicesWith((c) => !!c.optOut && state.isOn(c)),
      categories.some((c) => !c.optOut && state.isOn(c)) ? 'withdraw' : 'reject_all',
      source,
    );

  return {
    save,
    send,
    acceptAll: (source) =>
      save(
        runtime.choicesWith(() => true),
        'accept_all',
        source,
      ),
    rejectAll,
    refuseForGpc: (prefs?: Readonly<Record<string, WidgetPrefsTexts>>) => {
      rejectAll('gpc');
      const all = prefs || config.prefs || {};
      return (all[lang] || Object.values(all)[0])?.gpc;
    },
  };
}
