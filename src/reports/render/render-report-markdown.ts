import { trackDisplayName } from '../../dataset/track-names';
import { formatInterval, formatScore, formatTaskScore, markdownCell, markdownTable } from './format';
import type { RunReport } from '../documents/report-document';
import { REPLICA_HEAD, REPLICA_NUMBER_COLUMNS, replicaRows } from './replica-table';
import { REPEAT_HEADER, repeatNote, repeatRows } from './repeat-rows';
import { embedderLines, partialRunText } from './summary-table';
import { settingLines } from './setting-lines';
import { TIMING_HEADER, TIMING_NOTE, timingCells, timingRows } from './timing-rows';
import { WARNING_PREFIX } from '../../util/note-event';

function levelPercent(report: RunReport): string {
  return `${Math.round(report.interval.level * 100)}%`;
}

function headline(report: RunReport): string {
  const { run, counts, overall, interval } = report;
  const facts = [
    run.model ? `model \`${markdownCell(run.model)}\`` : null,
    `profile ${markdownCell(run.profile)}`,
    `${counts.items} items`,
    `${counts.api_errors} API errors`,
    `${counts.unparseable} unparseable`,
  ].filter((fact) => fact !== null);
  const partial = report.completeness.complete ? '' : ' (partial run, not final)';
  return (
    `**Overall ${formatScore(overall.score)}${partial}** ${formatInterval(overall.low, overall.high)}` +
    ` (${levelPercent(report)} bootstrap interval, ${interval.resamples} resamples, seed ${interval.seed})\n\n` +
    `${facts.join(' · ')}\n`
  );
}

/** A Markdown report short enough for a CI comment: overall, tracks, every task. */
export function renderReportMarkdown(report: RunReport): string {
  const level = levelPercent(report);
  const tracks = markdownTable(
    ['Track', 'Tasks', 'Score', `${level} interval`],
    report.tracks.map((track) => [
      markdownCell(trackDisplayName(track.track)),
      String(track.n_tasks),
      formatScore(track.score),
      formatInterval(track.low, track.high),
    ]),
    [1, 2],
  );
  const tasks = markdownTable(
    ['Task', 'Track', 'Metric', 'n', 'Score', `${level} interval`, 'API errors', 'Unparseable'],
    report.tasks.map((task) => [
      markdownCell(task.task_name),
      markdownCell(trackDisplayName(task.track)),
      markdownCell(task.metric),
      String(task.n),
      markdownCell(formatTaskScore(task)),
      formatInterval(task.low, task.high),
      String(task.api_errors),
      String(task.unparseable),
    ]),
    [3, 4, 6, 7],
  );
  const leftOut = report.tasks.filter((task) => task.status !== 'scored');
  const notes = [
    ...(report.completeness.complete ? [] : [markdownCell(partialRunText(report.completeness).replace(/\n\s*/g, ' '))]),
    ...embedderLines(report).map((line) => `scored with ${markdownCell(line)}`),
    ...leftOut.map((task) => `${markdownCell(task.task_name)} left out: ${markdownCell(task.reason ?? task.status)}`),
    ...report.warnings.map((warning) => `${WARNING_PREFIX}${markdownCell(warning)}`),
  ];
  const noteBlock = notes.length > 0 ? `\n${notes.map((note) => `> ${note}`).join('\n')}\n` : '';
  const replicas =
    report.run.replicas === undefined
      ? ''
      : `\n**Replicas**\n\n${markdownTable(
          REPLICA_HEAD,
          replicaRows(report.run.replicas).map((row) => row.map(markdownCell)),
          REPLICA_NUMBER_COLUMNS,
        )}`;
  const repeats =
    report.repeats === undefined
      ? ''
      : `\n### Repeats\n\n${markdownTable(
          REPEAT_HEADER,
          repeatRows(report.repeats).map((row) => row.map(markdownCell)),
          [2, 3, 4],
        )}\n> ${markdownCell(repeatNote(report.repeats))}\n`;
  return `## shopeval report: ${markdownCell(report.run.name)}\n\n${headline(report)}\n${tracks}\n${tasks}${replicas}${noteBlock}${repeats}${timingSection(report)}${settingsSection(report)}`;
}

function timingSection(report: RunReport): string {
  if (report.timing === null) return '';
  const table = markdownTable(
    [...TIMING_HEADER],
    timingRows(report.timing).map((row) => timingCells(row).map(markdownCell)),
    [2, 3, 4, 5, 6, 7, 8, 9],
  );
  const batches = report.timing.batches;
  const batchLine =
    batches === null
      ? ''
      : `${batches.count} batches sent; ${batches.over_limit_count} over ${batches.per_sample_limit_ms / 1000} s x batch size.\n\n`;
  return `\n### Latency and tokens\n\n${table}\n${batchLine}${TIMING_NOTE}\n`;
}

function settingsSection(report: RunReport): string {
  const lines = settingLines(report).slice(1);
  if (lines.length === 0) return '';
  const rows = lines.map((line) => {
    const at = line.indexOf(': ');
    return [markdownCell(line.slice(0, at).trim()), markdownCell(line.slice(at + 2))];
  });
  return `\n### Settings\n\n${markdownTable(['Setting', 'Value'], rows)}`;
}
