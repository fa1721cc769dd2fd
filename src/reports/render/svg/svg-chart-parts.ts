import { escapeHtml } from '../format';

/** The layout both horizontal bar charts share: a label column, the plot, one row per entry. */
export const LABEL_WIDTH = 260;
export const PLOT_WIDTH = 420;
export const ROW_HEIGHT = 22;
export const TOP = 24;

/** A row's vertical middle and its right-aligned label. */
export function chartRow(index: number, label: string): { top: number; middle: number; label: string } {
  const top = TOP + index * ROW_HEIGHT;
  const middle = top + ROW_HEIGHT / 2;
  return {
    top,
    middle,
    label: `<text x="${LABEL_WIDTH - 8}" y="${middle + 4}" text-anchor="end" class="label">${escapeHtml(label)}</text>`,
  };
}

/** An interval whisker from `low` to `high` (plot x positions) with end caps; empty without an interval. */
export function whisker(low: number | undefined, high: number | undefined, middle: number): string {
  if (low === undefined || high === undefined) return '';
  return (
    `<line x1="${low.toFixed(1)}" x2="${high.toFixed(1)}" y1="${middle}" y2="${middle}" class="whisker"/>` +
    [low, high]
      .map((end) => `<line x1="${end.toFixed(1)}" x2="${end.toFixed(1)}" y1="${middle - 5}" y2="${middle + 5}" class="whisker"/>`)
      .join('')
  );
}

/** The inline SVG element around a chart's grid and bars. */
export function svgChart(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>${body}</svg>`
  );
}
