import type { Translator } from '@galette/core';
import type { StatisticsReport } from '../../../statistics/statistics-report.js';
import { niceTicks, px } from './chart-scale.js';

const WIDTH = 760;
const HEIGHT = 280;
const LEFT = 56;
const RIGHT = 12;
const TOP = 22;
const BOTTOM = 30;

/** Stacked in this order from the axis up; each has its class in the console stylesheet. */
export const CHOICE_SERIES = ['acceptAll', 'custom', 'rejectAll', 'withdraw'] as const;

/**
 * Choices per day (or month) as stacked bars, banners shown as a line, and each revision
 * published in the period as a marked line on the time axis. Plain SVG with presentation
 * attributes and classes (no style attribute, no script): the CSP holds, and the data table
 * beside it says the same for screen readers.
 */
export function ChoicesChart({
  report,
  t,
  lang,
  id,
}: {
  report: StatisticsReport;
  t: Translator;
  lang: string;
  id: string;
}) {
  const buckets = report.buckets;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const max = Math.max(0, ...buckets.map((b) => Math.max(b.total, b.shown)));
  const ticks = niceTicks(max);
  const top = ticks.at(-1)!;
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(1, slot * 0.72);
  const x = (i: number) => LEFT + i * slot + (slot - barW) / 2;
  const centre = (i: number) => LEFT + i * slot + slot / 2;
  const index = new Map(buckets.map((b, i) => [b.start, i]));
  const number = new Intl.NumberFormat(lang);
  const label = labelOf(report, lang);
  // About eight labels on the axis, whatever the number of bars.
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  const shownLine = buckets.map((b, i) => `${px(centre(i))},${px(y(b.shown))}`).join(' ');
  return (
    <svg
      class="galette-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title`}
      focusable="false"
    >
      <title id={`${id}-title`}>{t('statistics.chart.choicesAlt')}</title>
      {ticks.map((v) => (
        <g>
          <line
            class="galette-chart__grid"
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={px(y(v))}
            y2={px(y(v))}
          />
          <text class="galette-chart__tick" x={LEFT - 6} y={px(y(v) + 4)} text-anchor="end">
            {number.format(v)}
          </text>
        </g>
      ))}
      {buckets.map((b, i) => {
        let base = 0;
        return (
          <g>
            {CHOICE_SERIES.map((series) => {
              const value = b[series];
              if (value <= 0) return null;
              const rect = (
                <rect
                  class={`galette-chart__${series}`}
                  x={px(x(i))}
                  y={px(y(base + value))}
                  width={px(barW)}
                  height={px(y(base) - y(base + value))}
                />
              );
              base += value;
              return rect;
            })}
            {i % every === 0 ? (
              <text
                class="galette-chart__tick"
                x={px(centre(i))}
                y={HEIGHT - BOTTOM + 16}
                text-anchor="middle"
              >
                {label(b.start)}
              </text>
            ) : null}
          </g>
        );
      })}
      {buckets.some((b) => b.shown > 0) ? (
        <polyline class="galette-chart__shown" points={shownLine} fill="none" />
      ) : null}
      {report.markers.map((m) => {
        const i = index.get(m.bucket);
        if (i === undefined) return null;
        return (
          <g>
            <line
              class="galette-chart__marker"
              x1={px(centre(i))}
              x2={px(centre(i))}
              y1={TOP - 4}
              y2={TOP + plotH}
            />
            <text class="galette-chart__marker-label" x={px(centre(i) + 3)} y={TOP - 8}>
              {t('statistics.revisionShort', { number: m.number })}
            </text>
          </g>
        );
      })}
      <line
        class="galette-chart__axis"
        x1={LEFT}
        x2={WIDTH - RIGHT}
        y1={TOP + plotH}
        y2={TOP + plotH}
      />
    </svg>
  );
}

/** Axis and table label of a bucket: a short date, or month and year. */
export function labelOf(report: StatisticsReport, lang: string): (start: string) => string {
  const format = new Intl.DateTimeFormat(
    lang,
    report.period.granularity === 'day'
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
  return (start) => format.format(new Date(`${start}T00:00:00Z`));
}
