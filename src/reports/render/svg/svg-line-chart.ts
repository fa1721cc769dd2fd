import { escapeHtml, formatInterval, formatScore } from '../format';

export interface LinePoint {
  readonly x: number;
  readonly score: number;
  readonly low: number | null;
  readonly high: number | null;
}

export interface LineSeries {
  readonly label: string;
  readonly points: readonly LinePoint[];
}

const COLOURS = ['#4a7fc1', '#d1495b', '#2e933c', '#edae49', '#66456b', '#00798c', '#8c564b', '#7f7f7f'];
const LEFT = 56;
const TOP = 16;
const PLOT_WIDTH = 520;
const PLOT_HEIGHT = 260;

/** Score against a numeric tag, one line (with interval whiskers) per series, as inline SVG. */
export function renderLineChart(title: string, xLabel: string, series: readonly LineSeries[]): string {
  const points = series.flatMap((entry) => entry.points);
  const xs = [...new Set(points.map((point) => point.x))].sort((left, right) => left - right);
  const xMin = xs[0] ?? 0;
  const xMax = xs[xs.length - 1] ?? 1;
  const yMax = Math.max(1, ...points.map((point) => point.high ?? point.score));
  const xPosition = (value: number): number => LEFT + (xMax === xMin ? PLOT_WIDTH / 2 : ((value - xMin) / (xMax - xMin)) * PLOT_WIDTH);
  const yPosition = (value: number): number => TOP + PLOT_HEIGHT - (Math.max(0, value) / yMax) * PLOT_HEIGHT;
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * yMax);
  const axes =
    yTicks
      .map(
        (tick) =>
          `<line x1="${LEFT}" x2="${LEFT + PLOT_WIDTH}" y1="${yPosition(tick).toFixed(1)}" y2="${yPosition(tick).toFixed(1)}" class="grid"/><text x="${LEFT - 6}" y="${(yPosition(tick) + 4).toFixed(1)}" text-anchor="end" class="tick">${tick.toFixed(2)}</text>`,
      )
      .join('') +
    xs
      .map(
        (value) =>
          `<text x="${xPosition(value).toFixed(1)}" y="${TOP + PLOT_HEIGHT + 16}" text-anchor="middle" class="tick">${escapeHtml(String(value))}</text>`,
      )
      .join('') +
    `<text x="${LEFT + PLOT_WIDTH / 2}" y="${TOP + PLOT_HEIGHT + 34}" text-anchor="middle" class="label">${escapeHtml(xLabel)}</text>`;
  const lines = series
    .map((entry, index) => {
      const colour = COLOURS[index % COLOURS.length] ?? '#000';
      const sorted = [...entry.points].sort((left, right) => left.x - right.x);
      const path = sorted.map((point) => `${xPosition(point.x).toFixed(1)},${yPosition(point.score).toFixed(1)}`).join(' ');
      const marks = sorted
        .map((point) => {
          const cx = xPosition(point.x).toFixed(1);
          const whisker =
            point.low !== null && point.high !== null
              ? `<line x1="${cx}" x2="${cx}" y1="${yPosition(point.low).toFixed(1)}" y2="${yPosition(point.high).toFixed(1)}" stroke="${colour}" class="whisker-line"/>`
              : '';
          const tooltip = `<title>${escapeHtml(`${entry.label} @ ${point.x}: ${formatScore(point.score)} ${formatInterval(point.low, point.high)}`)}</title>`;
          return `${whisker}<circle cx="${cx}" cy="${yPosition(point.score).toFixed(1)}" r="4" fill="${colour}">${tooltip}</circle>`;
        })
        .join('');
      const legendY = TOP + 14 + index * 16;
      const legend = `<rect x="${LEFT + PLOT_WIDTH + 14}" y="${legendY - 9}" width="10" height="10" fill="${colour}"/><text x="${LEFT + PLOT_WIDTH + 30}" y="${legendY}" class="label">${escapeHtml(entry.label)}</text>`;
      return `<polyline points="${path}" stroke="${colour}" class="series"/>${marks}${legend}`;
    })
    .join('');
  const width = LEFT + PLOT_WIDTH + 200;
  const height = TOP + PLOT_HEIGHT + 44;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(title)}</title>${axes}${lines}</svg>`;
}
