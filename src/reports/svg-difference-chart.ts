import type { Verdict } from './comparison-document';
import { escapeHtml, formatDifference, formatDifferenceInterval } from './format';

export interface DifferenceRow {
  readonly label: string;
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly verdict: Verdict;
}

const LABEL_WIDTH = 260;
const PLOT_WIDTH = 420;
const ROW_HEIGHT = 22;
const TOP = 24;

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
      const top = TOP + index * ROW_HEIGHT;
      const middle = top + ROW_HEIGHT / 2;
      const label = `<text x="${LABEL_WIDTH - 8}" y="${middle + 4}" text-anchor="end" class="label">${escapeHtml(row.label)}</text>`;
      if (row.difference === null) return `${label}<text x="${x(0) + 4}" y="${middle + 4}" class="tick">not comparable</text>`;
      const [from, to] = [Math.min(0, row.difference), Math.max(0, row.difference)];
      const tooltip = `<title>${escapeHtml(`${row.label}: ${formatDifference(row.difference)} ${formatDifferenceInterval(row.low, row.high)} ${row.verdict}`)}</title>`;
      const verdictClass = row.verdict.replace(/ /g, '-');
      const bar = `<rect x="${x(from).toFixed(1)}" y="${top + 4}" width="${Math.max(1, x(to) - x(from)).toFixed(1)}" height="${ROW_HEIGHT - 8}" class="bar ${verdictClass}">${tooltip}</rect>`;
      const whisker =
        row.low !== null && row.high !== null
          ? `<line x1="${x(row.low).toFixed(1)}" x2="${x(row.high).toFixed(1)}" y1="${middle}" y2="${middle}" class="whisker"/>` +
            [row.low, row.high].map((end) => `<line x1="${x(end).toFixed(1)}" x2="${x(end).toFixed(1)}" y1="${middle - 5}" y2="${middle + 5}" class="whisker"/>`).join('')
          : '';
      const value = `<text x="${(LABEL_WIDTH + PLOT_WIDTH + 6).toFixed(1)}" y="${middle + 4}" class="value">${formatDifference(row.difference, 3)}</text>`;
      return label + bar + whisker + value;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>${grid}${bars}</svg>`
  );
}
