import {
  CONSENT_COOKIE_ENTRY,
  CONSENT_COOKIE_FORMAT,
  type StoredConsent,
  type WidgetConfig,
} from '@galette/core';
import { gtag } from './consent-mode.js';
import { consentState } from './consent-state.js';
import { blockDeclaredHosts, watchPage, type BootHandOff } from './watch.js';

/** What the first stage needs of a revision's configuration (`bootWidgetConfig` in core). */
type BootConfig = Pick<WidgetConfig, 'categories' | 'days' | 'gcm'>;

/**
 * Entry of `GET /p/{portalId}/widget-boot.js`, the optional first stage: a small synchronous
 * script placed first in `<head>`, before `widget.js` loaded with `defer`. Before anything
 * after it runs, it queues the Consent Mode default and makes scripts
 * and frames of refused categories' declared hosts inert, whether the HTML holds them or a tag
 * loader creates them. `widget.js` takes its blocking over when it starts.
 */
const config = '__GALETTE_BOOT__' as unknown as BootConfig;

/**
 * The stored choice as blocking needs it (time and choices), with the cookie format's own
 * patterns: what the full parser refuses, this refuses too.
 */
function parse(value: string | undefined): StoredConsent | undefined {
  const m = CONSENT_COOKIE_FORMAT.exec(value || '');
  if (!m) return undefined;
  const choices: Record<string, string | false> = {};
  for (const entry of m[4] ? m[4].split('!') : []) {
    const e = CONSENT_COOKIE_ENTRY.exec(entry);
    if (!e) return undefined;
    choices[e[1]!] = e[2] || false;
  }
  return { time: parseInt(m[3]!, 36), choices } as StoredConsent;
}

try {
  if (!window.__glt) {
    const state = consentState(
      config.categories,
      config.days,
      !!navigator.globalPrivacyControl,
      parse,
    );
    // The default only (as `consentMode` words it): `widget.js` sends the stored choice's
    // update, which Google tags wait for.
    const gcm = config.gcm;
    if (gcm) {
      const types: Record<string, string> = {};
      for (const type in gcm)
        types[type] = gcm[type as 'ad_storage'] === 'necessary' ? 'granted' : 'denied';
      gtag('consent', 'default', { ...types, wait_for_update: 500 });
    }
    const hook: BootHandOff = { b: state.blockedBy, o: watchPage(state.blockedBy) };
    blockDeclaredHosts(hook);
    window.__glt = hook;
  }
} catch {
  // The second stage still starts and blocks what it can; marked content is never at risk.
}
