import type { ItemRecord } from '../../../scoring/records';
import { escapeHtml, formatInterval, formatScore, formatTaskScore, MISSING } from '../format';
import { htmlPage } from './html-page';
import { ITEM_TABLE_SCRIPT, itemTableData, itemTableMarkup, outcomeCountsTable } from './html-item-table';
import { trackDisplayName } from '../../../dataset/track-names';
import type { RunReport } from '../../documents/report-document';
import { REPLICA_HEAD, REPLICA_NUMBER_COLUMNS, replicaRows } from '../replica-table';
import { REPEAT_HEADER, repeatNote, repeatRows } from '../repeat-rows';
import { embedderLines, partialRunText } from '../summary-table';
import { renderIntervalChart } from '../svg/svg-interval-chart';
import { formatDuration } from '../setting-lines';
import { TIMING_HEADER, TIMING_NOTE, timingCells, timingRows } from '../timing-rows';

function runFacts(report: RunReport): string {
  const { run, counts } = report;
  const facts: [string, string][] = [
    ['Model', run.model ?? MISSING],
    ['Provider', run.provider ?? MISSING],
    ['Profile', run.profile],
    ['Dataset', `${run.dataset.path} (sha256 ${run.dataset.sha256.slice(0, 12)}, ${run.dataset.rows} rows)`],
    [
      'Tags',
      Object.entries(run.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ') || 'none',
    ],
    ['Started', run.started_at ?? MISSING],
    ['Items', `${counts.items} (${counts.api_errors} API errors, ${counts.unparseable} unparseable)`],
    [
      'Completeness',
      report.completeness.complete ? 'complete' : `PARTIAL: ${report.completeness.answered} of ${report.completeness.items} items answered`,
    ],
    ...embedderLines(report).map((line): [string, string] => ['Embedder', line]),
    ...(report.duration_seconds === null ? [] : [['Duration', formatDuration(report.duration_seconds)] as [string, string]]),
    ...report.settings.map((setting): [string, string] => [setting.name, setting.value]),
  ];
  return `<table>${facts.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
}

function taskTable(report: RunReport): string {
  const head = ['Task', 'Track', 'Metric', 'n', 'Score', 'Interval', 'API errors', 'Unparseable'];
  const rows = report.tasks.map((task) => {
    const cells = [
      escapeHtml(task.task_name),
      escapeHtml(trackDisplayName(task.track)),
      escapeHtml(task.metric),
      `<td class="num">${task.n}`,
      `<td class="num">${task.status === 'scored' ? formatScore(task.score) : unscoredCell(task.status, task.reason)}`,
      `<td class="num">${formatInterval(task.low, task.high)}`,
      `<td class="num">${task.api_errors}`,
      `<td class="num">${task.unparseable}`,
    ];
    return `<tr>${cells.map((cell) => (cell.startsWith('<td') ? `${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`;
  });
  return `<table><thead><tr>${head.map((name) => `<th>${name}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A replica pool's figures per replica; nothing for one endpoint. */
function replicaTable(report: RunReport): string {
  if (report.run.replicas === undefined) return '';
  const numeric = new Set<number>(REPLICA_NUMBER_COLUMNS);
  const rows = replicaRows(report.run.replicas).map(
    (row) => `<tr>${row.map((cell, column) => `<td${numeric.has(column) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
  );
  return `<h2>Replicas</h2><table><thead><tr>${REPLICA_HEAD.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The latency and token table (every report format shows it), or nothing for a run without figures. */
function timingTable(report: RunReport): string {
  if (report.timing === null) return '';
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
  const rows = timingRows(report.timing).map(
    (row) =>
      `<tr>${timingCells(row)
        .map((cell, index) => `<td${numeric.has(index) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`)
        .join('')}</tr>`,
  );
  const batches = report.timing.batches;
  const batchLine =
    batches === null
      ? ''
      : `<p>${batches.count} batches sent; ${batches.over_limit_count} over ${batches.per_sample_limit_ms / 1000} s x batch size.</p>`;
  return `<h2>Latency and tokens</h2><table><thead><tr>${TIMING_HEADER.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>${batchLine}<p>${escapeHtml(TIMING_NOTE)}</p>`;
}

/** Why each unscored task was left out of the figures, in full (the table only says `n/a`). */
function leftOutList(report: RunReport): string {
  const leftOut = report.tasks.filter((task) => task.status !== 'scored');
  if (leftOut.length === 0) return '';
  const entries = leftOut.map(
    (task) => `<li><b>${escapeHtml(task.task_name)}</b> left out: ${escapeHtml(task.reason ?? task.status)}</li>`,
  );
  return `<ul class="left-out">${entries.join('')}</ul>`;
}

/** `n/a (status)`, with the full reason (often a long how-to-fix) on hover rather than stretching the table. */
function unscoredCell(status: string, reason: string | null): string {
  const text = escapeHtml(formatTaskScore({ status, score: null }));
  return reason === null ? text : `<span title="${escapeHtml(reason)}">${text}</span>`;
}

/** A repeated run's table: each repeat's score, the mean, the spread and the agreement, with what they mean. */
function repeatsSection(report: RunReport): string {
  if (report.repeats === undefined) return '';
  const rows = repeatRows(report.repeats).map(
    (cells) => `<tr>${cells.map((cell, index) => `<td${index >= 2 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
  );
  const head = REPEAT_HEADER.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  return `<h2>Repeats</h2><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table><p>${escapeHtml(repeatNote(report.repeats))}</p>`;
}

/** One self-contained HTML file: charts with intervals, the task table and a filterable per-item table. */
export function renderReportHtml(report: RunReport, items: readonly ItemRecord[]): string {
  const level = `${Math.round(report.interval.level * 100)}%`;
  const trackChart = renderIntervalChart('Track scores', [
    ...report.tracks.map((track) => ({ ...track, label: trackDisplayName(track.track) })),
    { label: 'overall', ...report.overall },
  ]);
  const taskChart = renderIntervalChart(
    'Task scores',
    report.tasks.map((task) => ({ ...task, label: `${task.task_name} (${task.metric})` })),
  );
  const warnings = report.warnings.map((warning) => `<p class="warning">${escapeHtml(warning)}</p>`).join('');
  const body =
    `<h1>shopeval report: ${escapeHtml(report.run.name)}</h1>` +
    `<p><strong>Overall ${formatScore(report.overall.score)}${report.completeness.complete ? '' : ' (partial run, not final)'}</strong> ${formatInterval(report.overall.low, report.overall.high)}` +
    ` (${level} bootstrap interval, ${report.interval.resamples} resamples, seed ${report.interval.seed})</p>` +
    (report.completeness.complete ? '' : `<p class="warning partial-run">${escapeHtml(partialRunText(report.completeness))}</p>`) +
    warnings +
    runFacts(report) +
    replicaTable(report) +
    `<h2>Tracks</h2>${trackChart}<h2>Tasks</h2>${taskChart}${taskTable(report)}${leftOutList(report)}${repeatsSection(report)}` +
    timingTable(report) +
    `<h2>Items</h2><p>Outcomes per task (a count shows those items below):</p>${outcomeCountsTable(report.tasks, items)}` +
    itemTableMarkup() +
    itemTableData(items, report.tasks);
  return htmlPage({ title: `shopeval report: ${report.run.name}`, body, script: ITEM_TABLE_SCRIPT });
}
