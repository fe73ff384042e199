import { GaletteError, addLifetime, parseLifetime, type Translator } from '@galette/core';
import { KyselyStore, openConsentLog, type ConsentLog, type Store } from '@galette/storage';
import { UsageError } from './command.js';

/** The consent log on the store's database. */
export function consentLogOf(store: Store): ConsentLog {
  if (!(store instanceof KyselyStore)) {
    throw new GaletteError('storage', `the ${store.kind} store keeps no consent log`);
  }
  return openConsentLog(store.database);
}

/**
 * `--from`/`--to`: a day (`2026-01-31`, its first or last millisecond) or an ISO 8601 instant,
 * as the UTC instant text the records carry, so ranges compare as text.
 */
export function parseInstant(
  name: string,
  value: string,
  end: 'start' | 'end',
  t: Translator,
): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const text = day ? `${value}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms) || (day && new Date(ms).toISOString().slice(0, 10) !== value)) {
    throw new UsageError(t('consent.cli.badInstant', { name, value }));
  }
  return new Date(ms).toISOString();
}

/** `now` minus an ISO 8601 duration (`P5Y`, `P13M`, `P30D`), in calendar terms, UTC. */
export function before(now: Date, duration: string, t: Translator): Date {
  const lifetime = parseLifetime(duration);
  if (!lifetime || lifetime.kind !== 'duration') {
    throw new UsageError(t('consent.cli.badDuration', { value: duration }));
  }
  return addLifetime(now, lifetime, -1);
}
