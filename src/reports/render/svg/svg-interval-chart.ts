import { escapeHtml, formatInterval, formatScore, MISSING } from '../format';
import { chartRow, LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, svgChart, TOP, whisker } from './svg-chart-parts';

export interface ChartRow {
  readonly label: string;
  readonly score: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

function x(value: number, domainMax: number): number {
  return LABEL_WIDTH + (Math.max(0, value) / domainMax) * PLOT_WIDTH;
}

/** A horizontal bar chart (inline SVG) of scores with interval whiskers; rows without a score show "n/a". */
export function renderIntervalChart(title: string, rows: readonly ChartRow[]): string {
  const domainMax = Math.max(1, ...rows.map((row) => row.high ?? row.score ?? 0));
  const height = TOP + rows.length * ROW_HEIGHT + 24;
  const width = LABEL_WIDTH + PLOT_WIDTH + 80;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * domainMax);
  const grid = ticks
    .map((tick) => {
      const position = x(tick, domainMax).toFixed(1);
      return (
        `<line x1="${position}" x2="${position}" y1="${TOP - 4}" y2="${height - 20}" class="grid"/>` +
        `<text x="${position}" y="${height - 6}" text-anchor="middle" class="tick">${tick.toFixed(2)}</text>`
      );
    })
    .join('');
  const bars = rows
    .map((row, index) => {
      const { top, middle, label } = chartRow(index, row.label);
      if (row.score === null) return `${label}<text x="${LABEL_WIDTH + 4}" y="${middle + 4}" class="tick">${MISSING}</text>`;
      const tooltip = `<title>${escapeHtml(`${row.label}: ${formatScore(row.score)} ${formatInterval(row.low, row.high)}`)}</title>`;
      const bar = `<rect x="${LABEL_WIDTH}" y="${top + 4}" width="${(x(row.score, domainMax) - LABEL_WIDTH).toFixed(1)}" height="${ROW_HEIGHT - 8}" class="bar">${tooltip}</rect>`;
      const interval = row.low !== null && row.high !== null ? whisker(x(row.low, domainMax), x(row.high, domainMax), middle) : '';
      const value = `<text x="${(x(row.high ?? row.score, domainMax) + 6).toFixed(1)}" y="${middle + 4}" class="value">${formatScore(row.score, 3)}</text>`;
      return label + bar + interval + value;
    })
    .join('');
  return svgChart(width, height, title, grid + bars);
}
