import { CONSENT_COOKIE, type StoredConsent, type WidgetCategory } from '@galette/core';
import { hostMatches } from './dom.js';
import { readCookie } from './trackers.js';

/** The visitor's current choice and what it allows; shared by both stages of the widget. */
export interface ConsentState {
  stored: StoredConsent | undefined;
  readonly isOn: (category: WidgetCategory) => boolean;
  /** True when the category may run now: accepted, necessary, or exempt and not objected to. */
  readonly accepted: (id: string) => boolean;
  /** The refused category whose declared hosts serve `url`, if any. */
  readonly blockedBy: (url: string) => string | undefined;
}

/**
 * Reads the stored choice with `parse` (ignored once older than `days`), from `cookies` (by
 * default `document.cookie`), and answers from it as
 * it changes.
 */
export function consentState(
  categories: readonly WidgetCategory[],
  days: number,
  gpc: boolean,
  parse: (value: string | undefined) => StoredConsent | undefined,
  cookies?: string,
): ConsentState {
  let stored = parse(readCookie(CONSENT_COOKIE, cookies));
  if (stored && stored.time + days * 864e5 < Date.now()) stored = undefined;
  // Exempt measurement runs until objected to; Global Privacy Control is an objection too,
  // unless the visitor turned it back on here.
  const isOn = (c: WidgetCategory) => {
    const choice = state.stored?.choices[c.id];
    return c.optOut ? (choice === undefined ? !gpc : choice !== false) : choice === c.fp;
  };
  const state: ConsentState = {
    stored,
    isOn,
    accepted: (id) => id === 'necessary' || categories.some((c) => c.id === id && isOn(c)),
    blockedBy: (url) => {
      let host: string;
      try {
        host = new URL(url, location.href).hostname;
      } catch {
        return undefined;
      }
      return categories.find((c) => !isOn(c) && c.hosts?.some((d) => hostMatches(host, d)))?.id;
    },
  };
  return state;
}
