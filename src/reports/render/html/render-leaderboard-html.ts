import { escapeHtml } from '../format';
import { htmlPage } from './html-page';
import { trackDisplayName } from '../../../dataset/track-names';
import type { Leaderboard, Pivot } from '../../documents/leaderboard-document';
import { describeLeaderboard, header, leaderboardPooledRuns, pivotHeader, pivotRows, rows } from '../render-leaderboard';
import { pooledReplicaHtml } from '../replica-table';
import { renderIntervalChart } from '../svg/svg-interval-chart';
import { type LineSeries, renderLineChart } from '../svg/svg-line-chart';

function isNumeric(values: readonly string[]): boolean {
  return values.length > 0 && values.every((value) => value.trim() !== '' && Number.isFinite(Number(value)));
}

/** The pivot as lines: x is whichever tag is numeric (rows first), one line per value of the other tag. */
function pivotChart(pivot: Pivot): string {
  const xIsRows = isNumeric(pivot.row_values);
  if (!xIsRows && !isNumeric(pivot.col_values)) return '<p>No numeric tag to plot against.</p>';
  const seriesValues = xIsRows ? pivot.col_values : pivot.row_values;
  const series: LineSeries[] = seriesValues.map((seriesValue, seriesIndex) => {
    const xValues = xIsRows ? pivot.row_values : pivot.col_values;
    const points = xValues.flatMap((xValue, xIndex) => {
      const cell = xIsRows ? pivot.cells[xIndex]?.[seriesIndex] : pivot.cells[seriesIndex]?.[xIndex];
      return cell && cell.score !== null ? [{ x: Number(xValue), score: cell.score, low: cell.low, high: cell.high }] : [];
    });
    return { label: `${xIsRows ? pivot.cols_tag : pivot.rows_tag}=${seriesValue}`, points };
  });
  return renderLineChart(
    `${pivot.value} by ${xIsRows ? pivot.rows_tag : pivot.cols_tag}`,
    xIsRows ? pivot.rows_tag : pivot.cols_tag,
    series,
  );
}

function table(head: readonly string[], bodyRows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${bodyRows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Overall score against overall latency p50, one point (with its interval) per run: the quality-vs-latency trade-off. */
function qualityLatencyChart(board: Leaderboard): string {
  const series: LineSeries[] = board.entries.flatMap((entry) => {
    const latency = entry.timing?.latency_p50_ms ?? null;
    return latency === null || entry.overall.score === null
      ? []
      : [{ label: entry.label, points: [{ x: latency, score: entry.overall.score, low: entry.overall.low, high: entry.overall.high }] }];
  });
  if (series.length === 0) return '';
  return `<h2>Quality vs latency</h2>${renderLineChart('Overall score by latency p50 (ms)', 'latency p50 (ms)', series)}`;
}

/** A self-contained leaderboard page: the ranking with an interval chart, and the pivot as a table and a line chart. */
export function renderLeaderboardHtml(board: Leaderboard): string {
  const key = trackDisplayName(board.sort_by);
  const ranking = table(header(board), rows(board));
  const chart = renderIntervalChart(
    `Runs by ${key}`,
    board.entries.map((entry) => ({ label: entry.label, ...entry.value })),
  );
  const pivot = board.pivot;
  const pivotSection = pivot
    ? `<h2>${escapeHtml(`${trackDisplayName(pivot.value)} by ${pivot.rows_tag} and ${pivot.cols_tag}`)}</h2>` +
      table(pivotHeader(pivot), pivotRows(pivot)) +
      pivotChart(pivot)
    : '';
  const warnings = board.warnings.map((warning) => `<p class="warning">${escapeHtml(warning)}</p>`).join('');
  const body =
    `<h1>shopeval leaderboard</h1><p>${escapeHtml(describeLeaderboard(board))}</p>` +
    warnings +
    ranking +
    chart +
    qualityLatencyChart(board) +
    pivotSection +
    pooledReplicaHtml(leaderboardPooledRuns(board));
  return htmlPage({ title: 'shopeval leaderboard', body });
}
