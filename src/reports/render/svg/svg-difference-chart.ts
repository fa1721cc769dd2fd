import type { Verdict } from '../../documents/comparison-document';
import { chartRow, LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, svgChart, TOP, whisker } from './svg-chart-parts';
import { escapeHtml, formatDifference, formatDifferenceInterval } from '../format';

export interface DifferenceRow {
  readonly label: string;
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly verdict: Verdict;
}

/** Differences (candidate - baseline) as bars from a zero line with interval whiskers, coloured by verdict (inline SVG). */
export function renderDifferenceChart(title: string, rows: readonly DifferenceRow[]): string {
  const extent = Math.max(0.05, ...rows.flatMap((row) => [row.low, row.high, row.difference].map((value) => Math.abs(value ?? 0))));
  const x = (value: number): number => LABEL_WIDTH + PLOT_WIDTH / 2 + (value / extent) * (PLOT_WIDTH / 2);
  const height = TOP + rows.length * ROW_HEIGHT + 24;
  const width = LABEL_WIDTH + PLOT_WIDTH + 90;
  const grid = [-1, -0.5, 0, 0.5, 1]
    .map((fraction) => {
      const position = x(fraction * extent).toFixed(1);
      return (
        `<line x1="${position}" x2="${position}" y1="${TOP - 4}" y2="${height - 20}" class="${fraction === 0 ? 'zero' : 'grid'}"/>` +
        `<text x="${position}" y="${height - 6}" text-anchor="middle" class="tick">${formatDifference(fraction * extent, 2)}</text>`
      );
    })
    .join('');
  const bars = rows
    .map((row, index) => {
      const { top, middle, label } = chartRow(index, row.label);
      if (row.difference === null) return `${label}<text x="${x(0) + 4}" y="${middle + 4}" class="tick">not comparable</text>`;
      const [from, to] = [Math.min(0, row.difference), Math.max(0, row.difference)];
      const tooltip = `<title>${escapeHtml(`${row.label}: ${formatDifference(row.difference)} ${formatDifferenceInterval(row.low, row.high)} ${row.verdict}`)}</title>`;
      const verdictClass = row.verdict.replace(/ /g, '-');
      const bar = `<rect x="${x(from).toFixed(1)}" y="${top + 4}" width="${Math.max(1, x(to) - x(from)).toFixed(1)}" height="${ROW_HEIGHT - 8}" class="bar ${verdictClass}">${tooltip}</rect>`;
      const interval = row.low !== null && row.high !== null ? whisker(x(row.low), x(row.high), middle) : '';
      const value = `<text x="${(LABEL_WIDTH + PLOT_WIDTH + 6).toFixed(1)}" y="${middle + 4}" class="value">${formatDifference(row.difference, 3)}</text>`;
      return label + bar + interval + value;
    })
    .join('');
  return svgChart(width, height, title, grid + bars);
}
