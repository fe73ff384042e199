import type { WidgetConfig } from '@galette/core';

type DataLayerWindow = Window & { dataLayer?: unknown[] };

/**
 * Queues a Google tag command. gtag.js only reads `arguments` objects from the data layer, not
 * arrays, hence the function form; the page's own `gtag` is left alone.
 */
export function gtag(..._args: unknown[]): void {
  const w = window as DataLayerWindow;
  // eslint-disable-next-line prefer-rest-params
  (w.dataLayer = w.dataLayer || []).push(arguments);
}

/**
 * Google Consent Mode v2: every mapped type denied by default (unless mapped to `necessary`)
 * before any Google tag reads the data layer, then an update with the visitor's choice.
 */
export function consentMode(
  mapping: WidgetConfig['gcm'],
  accepted: (category: string) => boolean,
): (initial?: boolean) => void {
  const state = (granted: (category: string) => boolean) => {
    const out: Record<string, string> = {};
    for (const type in mapping)
      out[type] = granted(mapping[type as keyof typeof mapping]!) ? 'granted' : 'denied';
    return out;
  };
  return (initial) => {
    if (!mapping) return;
    if (initial) {
      gtag('consent', 'default', { ...state((c) => c === 'necessary'), wait_for_update: 500 });
    } else {
      gtag('consent', 'update', state(accepted));
    }
  };
}
