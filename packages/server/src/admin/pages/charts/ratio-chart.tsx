import type { Translator } from '@galette/core';
import { px } from './chart-scale.js';

const WIDTH = 760;
const ROW = 30;
const LABEL = 200;
const VALUE = 64;

export interface RatioRow {
  readonly label: string;
  /** Between 0 and 1; null draws no bar and says "no data". */
  readonly value: number | null;
}

/**
 * One horizontal bar per row, on a 0–100 % scale: acceptance per category, consent rate per
 * revision. Labels are text nodes, so hostile category names are escaped like any other text.
 */
export function RatioChart({
  rows,
  t,
  lang,
  id,
  title,
}: {
  rows: readonly RatioRow[];
  t: Translator;
  lang: string;
  id: string;
  title: string;
}) {
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const height = Math.max(1, rows.length) * ROW + 8;
  const plotW = WIDTH - LABEL - VALUE;
  return (
    <svg
      class="galette-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      {rows.map((row, i) => {
        const top = 4 + i * ROW;
        return (
          <g>
            <text class="galette-chart__label" x={LABEL - 8} y={top + 19} text-anchor="end">
              {row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label}
            </text>
            <rect
              class="galette-chart__track"
              x={LABEL}
              y={top + 5}
              width={plotW}
              height={ROW - 10}
            />
            {row.value !== null && row.value > 0 ? (
              <rect
                class="galette-chart__rate"
                x={LABEL}
                y={top + 5}
                width={px(plotW * Math.min(1, row.value))}
                height={ROW - 10}
              />
            ) : null}
            <text class="galette-chart__tick" x={LABEL + plotW + 6} y={top + 19}>
              {row.value === null ? t('statistics.noData') : percent.format(row.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
