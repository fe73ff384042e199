import { ValidationError, fieldError, type FieldError } from '@galette/core';

export const PERIOD_PRESETS = ['7d', '30d', '12m', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The days a report covers and how it groups them. */
export interface StatisticsPeriod {
  readonly preset: PeriodPreset;
  /** `YYYY-MM-DD`, UTC, inclusive. */
  readonly from: string;
  readonly to: string;
  /** Days up to three months; months beyond, so a chart never has more than ~100 bars. */
  readonly granularity: 'day' | 'month';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** Two years: the longest period one request reads. */
export const MAX_PERIOD_DAYS = 731;
const DAILY_UP_TO_DAYS = 92;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `period=7d|30d|12m` (ending today), or `period=custom` with `from` and `to`; `from`/`to` alone
 * also mean custom. Default: the last 30 days. Bad input throws a `ValidationError` naming the
 * field.
 */
export function parseStatisticsPeriod(
  query: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  now: Date = new Date(),
): StatisticsPeriod {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const errors: FieldError[] = [];
  const requested = query.period || (query.from || query.to ? 'custom' : '30d');
  if (!(PERIOD_PRESETS as readonly string[]).includes(requested)) {
    throw new ValidationError(
      [
        fieldError('period', 'not_one_of', {
          value: requested.slice(0, 40),
          allowed: PERIOD_PRESETS.join(', '),
        }),
      ],
      'invalid period',
    );
  }
  const preset = requested as PeriodPreset;
  if (preset !== 'custom') {
    const from =
      preset === '7d'
        ? today - 6 * DAY_MS
        : preset === '30d'
          ? today - 29 * DAY_MS
          : Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1);
    return periodOf(preset, iso(from), iso(today));
  }
  const parse = (name: 'from' | 'to', value: string | undefined, fallback: number): number => {
    if (value === undefined || value === '') return fallback;
    const ms = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
    if (Number.isNaN(ms) || iso(ms) !== value) errors.push(fieldError(name, 'not_a_day'));
    return ms;
  };
  const to = parse('to', query.to, today);
  const from = parse('from', query.from, to - 29 * DAY_MS);
  if (errors.length > 0) throw new ValidationError(errors, 'invalid period');
  if (from > to) {
    throw new ValidationError(
      [fieldError('to', 'period_reversed', { from: iso(from), to: iso(to) })],
      'invalid period',
    );
  }
  if ((to - from) / DAY_MS + 1 > MAX_PERIOD_DAYS) {
    throw new ValidationError(
      [fieldError('from', 'period_too_long', { max: MAX_PERIOD_DAYS })],
      'invalid period',
    );
  }
  return periodOf('custom', iso(from), iso(to));
}

function periodOf(preset: PeriodPreset, from: string, to: string): StatisticsPeriod {
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  return { preset, from, to, granularity: days > DAILY_UP_TO_DAYS ? 'month' : 'day' };
}

/** The first day of every bucket of the period, in order (each day, or each month's first day). */
export function bucketStarts(period: StatisticsPeriod): string[] {
  const starts: string[] = [];
  if (period.granularity === 'day') {
    for (let ms = Date.parse(period.from); ms <= Date.parse(period.to); ms += DAY_MS) {
      starts.push(iso(ms));
    }
    return starts;
  }
  const from = new Date(Date.parse(period.from));
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  for (;;) {
    const start = iso(Date.UTC(year, month, 1));
    if (start > period.to) return starts;
    starts.push(start);
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
}

/** The bucket a day falls in. */
export function bucketOf(period: StatisticsPeriod, day: string): string {
  return period.granularity === 'day' ? day : `${day.slice(0, 7)}-01`;
}
