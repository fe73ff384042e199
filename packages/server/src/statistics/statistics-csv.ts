import type { StatisticsReport } from './statistics-report.js';

/** The tables a statistics page offers as CSV, by the `table` query parameter. */
export const STATISTICS_TABLES = ['choices', 'categories', 'revisions'] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

const rate = (value: number | null) => (value === null ? '' : value.toFixed(4));

/** RFC 4180 field; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function field(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (values: readonly (string | number)[]) => `${values.map(field).join(',')}\r\n`;

/** One table of a report as CSV, with machine-readable column names (the same in every language). */
export function statisticsCsv(report: StatisticsReport, table: StatisticsTable): string {
  const choiceColumns = [
    'accept_all',
    'reject_all',
    'custom',
    'withdraw',
    'total',
    'banners_shown',
    'consent_rate',
    'opt_in_rate',
    'no_choice_rate',
  ];
  switch (table) {
    case 'choices':
      return (
        line([report.period.granularity === 'day' ? 'day' : 'month', ...choiceColumns]) +
        report.buckets
          .map((b) =>
            line([
              report.period.granularity === 'day' ? b.start : b.start.slice(0, 7),
              b.acceptAll,
              b.rejectAll,
              b.custom,
              b.withdraw,
              b.total,
              b.shown,
              rate(b.consentRate),
              rate(b.optInRate),
              rate(b.noChoiceRate),
            ]),
          )
          .join('')
      );
    case 'categories':
      return (
        line(['category', 'chosen', 'accepted', 'acceptance_rate']) +
        report.categories.map((c) => line([c.id, c.chosen, c.accepted, rate(c.rate)])).join('')
      );
    case 'revisions':
      return (
        line(['portal', 'revision_number', 'revision_hash', 'published_at', ...choiceColumns]) +
        report.revisions
          .map((r) =>
            line([
              r.portalId,
              r.number ?? '',
              r.revision,
              r.publishedAt ?? '',
              r.acceptAll,
              r.rejectAll,
              r.custom,
              r.withdraw,
              r.total,
              r.shown,
              rate(r.consentRate),
              rate(r.optInRate),
              rate(r.noChoiceRate),
            ]),
          )
          .join('')
      );
  }
}
