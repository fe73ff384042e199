import {
  CONSENT_ACTIONS,
  CONSENT_SOURCES,
  type ConsentAction,
  type ConsentSource,
} from './consent.js';

/**
 * The visitor's choice as kept in the `cookies_preferences` cookie:
 *
 *     1.<consentId>.<revision>.<time>.<choices>[.p<action><source>]
 *
 * `1` is the format version (a cookie of another version is ignored and the visitor asked
 * again); `revision` is the first 16 hex digits of the revision hash answered; `time` the
 * instant of the choice in milliseconds, base 36; `choices` the categories joined by `!`, each
 * `id:fingerprint` when accepted (the fingerprint of what the category held when accepted, so
 * that a revision adding to it asks again) or a bare `id` when refused. The optional last part
 * says the choice has not reached the server yet, with the indices of its action and source in
 * `CONSENT_ACTIONS` / `CONSENT_SOURCES`, so the next page can send it again.
 *
 * Every character is allowed in a cookie value without quoting or encoding, and none is
 * altered by servers that URL-decode cookies (no `+` nor `%`).
 */
export interface StoredConsent {
  /** Random consent id, also the secret of the consent receipt. */
  readonly id: string;
  /** First 16 hex digits of the revision hash the visitor answered. */
  readonly revision: string;
  /**
   * Instant of the choice, in milliseconds since the epoch. With the consent id it makes the
   * event id of the choice's proof, so two choices a moment apart stay two events.
   */
  readonly time: number;
  /** Per category: the fingerprint of what was accepted, or `false` for a refusal. */
  readonly choices: Readonly<Record<string, string | false>>;
  /** Present while the choice has not been acknowledged by the server. */
  readonly pending?: { readonly action: ConsentAction; readonly source: ConsentSource };
}

/** The whole cookie value; also read, without the pending part's meaning, by `widget-boot.js`. */
export const CONSENT_COOKIE_FORMAT =
  /^1\.([\w-]{16,64})\.([0-9a-f]{16})\.([0-9a-z]+)\.([^.]*)(?:\.p([0-3])([0-3]))?$/;
/** One category of the choices part: `id` (refused) or `id:fingerprint` (accepted). */
export const CONSENT_COOKIE_ENTRY = /^([a-z][a-z0-9_-]{0,31})(?::([0-9a-f]{1,16}))?$/;
const COOKIE = CONSENT_COOKIE_FORMAT;
const ENTRY = CONSENT_COOKIE_ENTRY;

/** The revision part of the cookie: `sha256:9f86d081…` → `9f86d081884c7d65`. */
export function shortRevision(hash: string): string {
  return hash.slice(hash.indexOf(':') + 1, hash.indexOf(':') + 17);
}

export function formatConsentCookie(consent: StoredConsent): string {
  const choices = Object.keys(consent.choices)
    .map((id) => {
      const fp = consent.choices[id];
      return fp ? `${id}:${fp}` : id;
    })
    .join('!');
  const p = consent.pending;
  return `1.${consent.id}.${consent.revision}.${Math.floor(consent.time).toString(36)}.${choices}${
    p ? `.p${CONSENT_ACTIONS.indexOf(p.action)}${CONSENT_SOURCES.indexOf(p.source)}` : ''
  }`;
}

/** Reads a cookie value written by `formatConsentCookie`; anything else gives undefined. */
export function parseConsentCookie(value: string | undefined): StoredConsent | undefined {
  const m = COOKIE.exec(value || '');
  if (!m) return undefined;
  const choices: Record<string, string | false> = {};
  for (const entry of m[4] ? m[4].split('!') : []) {
    const e = ENTRY.exec(entry);
    if (!e) return undefined;
    choices[e[1]!] = e[2] || false;
  }
  const action = CONSENT_ACTIONS[m[5] as unknown as number];
  const source = CONSENT_SOURCES[m[6] as unknown as number];
  if (m[5] && !(action && source)) return undefined;
  return {
    id: m[1]!,
    revision: m[2]!,
    time: parseInt(m[3]!, 36),
    choices,
    ...(action && source && { pending: { action, source } }),
  };
}
