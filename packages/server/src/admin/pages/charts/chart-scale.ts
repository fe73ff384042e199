/** A round maximum for an axis (1, 2 or 5 × 10ⁿ steps) and its ticks, four or five of them. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

/** Numbers written into SVG attributes: short, and never in exponent notation. */
export const px = (n: number): string => (Math.round(n * 10) / 10).toString();
