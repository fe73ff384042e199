/**
 * Declared lifetimes: `session`, or an ISO 8601 duration restricted to what cookie charters
 * need (years, months, weeks, days, hours, minutes): `P13M`, `P1Y6M`, `P2W`, `PT8H`.
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
    };

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** Parses a declared lifetime, or returns undefined when the text is not one. */
export function parseLifetime(text: string): Lifetime | undefined {
  if (text === 'session') return { kind: 'session' };
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const parsed = {
    kind: 'duration' as const,
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
  };
  return lifetimeDays(parsed) > 0 ? parsed : undefined;
}

/**
 * Approximate length in days (a month counts 30.44 days, a year 365.25), for comparing with
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
    lifetime.minutes / 1440
  );
}

/** Length in whole months, rounded up, for rules stated in months. */
export function lifetimeMonths(lifetime: Lifetime): number {
  return Math.ceil(lifetimeDays(lifetime) / 30.4375 - 1e-9);
}
