/**
 * Declared lifetimes and other durations: `session`, or an ISO 8601 duration in its designator
 * form, `P[nY][nM][nW][nD][T[nH][nM][nS]]`: `P13M`, `P1Y6M`, `P2W`, `PT36H`, `PT1S`, `P1W3D`.
 *
 * What is meaningful here, decided once for the portal file, the token's `--expires` and the
 * retention of `purge-consents`:
 * - Years and months are calendar units (`addLifetime`: one month after 31 January is the last
 *   day of February), so they take whole numbers only; the last figure of a smaller unit may
 *   have a decimal fraction (`P1.5D`, `PT0,5S`), as ISO 8601 allows.
 * - A duration must be longer than zero: `P0D` is ISO 8601 but says "gone at once", which no
 *   cookie, token or retention means; it is refused like any text that is not a duration.
 * - Weeks combine with other units (ISO 8601-1:2019 allows it; `P1W3D` is ten days).
 * - The alternative form (`P0001-02-03T04:05:06`) and negative durations are not accepted.
 */
export type Lifetime =
  | { readonly kind: 'session' }
  | {
      readonly kind: 'duration';
      readonly years: number;
      readonly months: number;
      readonly weeks: number;
      readonly days: number;
      readonly hours: number;
      readonly minutes: number;
      readonly seconds: number;
    };

const FIGURE = '(\\d+(?:[.,]\\d+)?)';
const DURATION = new RegExp(
  `^P(?:${FIGURE}Y)?(?:${FIGURE}M)?(?:${FIGURE}W)?(?:${FIGURE}D)?` +
    `(?:T(?:${FIGURE}H)?(?:${FIGURE}M)?(?:${FIGURE}S)?)?$`,
);
const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** Parses a declared lifetime, or returns undefined when the text is not one. */
export function parseLifetime(text: string): Lifetime | undefined {
  if (text === 'session') return { kind: 'session' };
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const figures = UNITS.map((_, i) => m[i + 1]);
  const given = figures.flatMap((f, i) => (f === undefined ? [] : [i]));
  // A fraction only on the last figure written, and never on a calendar unit.
  for (const i of given) {
    const fraction = /[.,]/.test(figures[i]!);
    if (fraction && (i !== given[given.length - 1] || i < 2)) return undefined;
  }
  const n = (i: number) => (figures[i] === undefined ? 0 : Number(figures[i]!.replace(',', '.')));
  const parsed = {
    kind: 'duration' as const,
    years: n(0),
    months: n(1),
    weeks: n(2),
    days: n(3),
    hours: n(4),
    minutes: n(5),
    seconds: n(6),
  };
  return lifetimeDays(parsed) > 0 ? parsed : undefined;
}

/**
 * Approximate length in days (a month counts 30.4375 days, a year 365.25), for comparing with
 * limits such as the CNIL's 13 months. `session` counts 0.
 */
export function lifetimeDays(lifetime: Lifetime): number {
  if (lifetime.kind === 'session') return 0;
  return (
    lifetime.years * 365.25 +
    lifetime.months * 30.4375 +
    lifetime.weeks * 7 +
    lifetime.days +
    lifetime.hours / 24 +
    lifetime.minutes / 1440 +
    lifetime.seconds / 86_400
  );
}

/** Length in whole months, rounded up, for rules stated in months. */
export function lifetimeMonths(lifetime: Lifetime): number {
  return Math.ceil(lifetimeDays(lifetime) / 30.4375 - 1e-9);
}

const DAY_MS = 86_400_000;

/**
 * `at` plus (`sign` 1) or minus (`sign` -1) a duration, in UTC: years and months as calendar
 * units, the day of the month kept or, past the target month's end, its last day (31 January
 * plus `P1M` is 28 or 29 February, never 3 March); then weeks, days, hours, minutes and seconds
 * as fixed lengths (a UTC day has 24 hours).
 */
export function addLifetime(
  at: Date,
  lifetime: Extract<Lifetime, { kind: 'duration' }>,
  sign: 1 | -1 = 1,
): Date {
  const months = at.getUTCMonth() + sign * (lifetime.years * 12 + lifetime.months);
  const year = at.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const calendar = new Date(at.getTime());
  calendar.setUTCFullYear(year, month, Math.min(at.getUTCDate(), lastDay));
  const fixedMs =
    (lifetime.weeks * 7 + lifetime.days) * DAY_MS +
    lifetime.hours * 3_600_000 +
    lifetime.minutes * 60_000 +
    lifetime.seconds * 1000;
  return new Date(calendar.getTime() + sign * Math.round(fixedMs));
}
