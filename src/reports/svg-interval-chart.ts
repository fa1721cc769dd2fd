import { escapeHtml, formatInterval, formatScore } from './format';

export interface ChartRow {
  readonly label: string;
  readonly score: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

const LABEL_WIDTH = 260;
const PLOT_WIDTH = 420;
const ROW_HEIGHT = 22;
const TOP = 24;

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
      const top = TOP + index * ROW_HEIGHT;
      const middle = top + ROW_HEIGHT / 2;
      const label = `<text x="${LABEL_WIDTH - 8}" y="${middle + 4}" text-anchor="end" class="label">${escapeHtml(row.label)}</text>`;
      if (row.score === null) return `${label}<text x="${LABEL_WIDTH + 4}" y="${middle + 4}" class="tick">n/a</text>`;
      const tooltip = `<title>${escapeHtml(`${row.label}: ${formatScore(row.score)} ${formatInterval(row.low, row.high)}`)}</title>`;
      const bar = `<rect x="${LABEL_WIDTH}" y="${top + 4}" width="${(x(row.score, domainMax) - LABEL_WIDTH).toFixed(1)}" height="${ROW_HEIGHT - 8}" class="bar">${tooltip}</rect>`;
      const whisker =
        row.low !== null && row.high !== null
          ? `<line x1="${x(row.low, domainMax).toFixed(1)}" x2="${x(row.high, domainMax).toFixed(1)}" y1="${middle}" y2="${middle}" class="whisker"/>` +
            [row.low, row.high]
              .map((end) => `<line x1="${x(end, domainMax).toFixed(1)}" x2="${x(end, domainMax).toFixed(1)}" y1="${middle - 5}" y2="${middle + 5}" class="whisker"/>`)
              .join('')
          : '';
      const value = `<text x="${(x(row.high ?? row.score, domainMax) + 6).toFixed(1)}" y="${middle + 4}" class="value">${formatScore(row.score, 3)}</text>`;
      return label + bar + whisker + value;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>${grid}${bars}</svg>`
  );
}
