import Table from 'cli-table3';
import { trackDisplayName } from '../../dataset/track-names';
import { formatInterval, formatScore, formatTaskScore } from './format';
import type { RunReport } from '../documents/report-document';
import { REPLICA_HEAD, REPLICA_NUMBER_COLUMNS, replicaRows } from './replica-table';
import { REPEAT_HEADER, repeatNote, repeatRows } from './repeat-rows';
import { embedderLines, partialRunText, tasksByReason } from './summary-table';
import { renderTimingTable } from './render-timing-terminal';
import { settingLines } from './setting-lines';
import { WARNING_PREFIX } from '../../util/note-event';

/** A plain (uncoloured) cli-table3 table, so the output is the same on a terminal, in a pipe and in a test. */
export function plainTable(head: string[], alignRight: readonly number[] = []): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [] },
    // no rule between body rows: long task lists stay readable in a log
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: head.map((_, column) => (alignRight.includes(column) ? 'right' : 'left')),
  });
}

/** The terminal report: a headline, the tracks table and the tasks table. */
export function renderReportTerminal(report: RunReport): string {
  const { run, overall, counts, interval } = report;
  const level = `${Math.round(interval.level * 100)}%`;
  const partial = !report.completeness.complete;
  const lines = [
    `Run ${run.name}${run.model ? ` (model ${run.model})` : ''}, profile ${run.profile}`,
    `Overall ${formatScore(overall.score)}${partial ? ' (PARTIAL RUN, not final)' : ''} ${formatInterval(overall.low, overall.high)}` +
      `  (${level} bootstrap, ${interval.resamples} resamples, seed ${interval.seed})`,
    `${counts.items} items, ${counts.api_errors} API errors, ${counts.unparseable} unparseable`,
    ...(partial ? [partialRunText(report.completeness)] : []),
    ...embedderLines(report).map((line) => `scored with ${line}`),
  ];
  const tracks = plainTable(['Track', 'Tasks', 'Score', `${level} interval`], [1, 2]);
  for (const track of report.tracks) {
    tracks.push([trackDisplayName(track.track), track.n_tasks, formatScore(track.score), formatInterval(track.low, track.high)]);
  }
  const tasks = plainTable(['Task', 'Metric', 'n', 'Score', `${level} interval`, 'API err', 'Unparseable'], [2, 3, 5, 6]);
  for (const task of report.tasks) {
    tasks.push([
      task.task_name,
      task.metric,
      task.n,
      formatTaskScore(task),
      formatInterval(task.low, task.high),
      task.api_errors,
      task.unparseable,
    ]);
  }
  const unscored = [...tasksByReason(report.tasks.filter((task) => task.status !== 'scored'))].map(
    ([reason, names]) => `  ${names.join(', ')}: ${reason}`,
  );
  const leftOut = unscored.length === 0 ? [] : ['Left out of the track and overall figures:', ...unscored];
  const warnings = report.warnings.map((warning) => `${WARNING_PREFIX}${warning}`);
  const timing = report.timing === null ? [] : [renderTimingTable(report.timing)];
  const repeats: string[] = [];
  if (report.repeats !== undefined) {
    const table = plainTable(REPEAT_HEADER, [2, 3, 4]);
    for (const row of repeatRows(report.repeats)) table.push(row);
    repeats.push(table.toString(), repeatNote(report.repeats));
  }
  return (
    [
      ...lines,
      tracks.toString(),
      tasks.toString(),
      ...repeats,
      ...replicaTable(report),
      ...leftOut,
      ...timing,
      ...settingLines(report),
      ...warnings,
    ].join('\n') + '\n'
  );
}

/** A replica pool's figures per replica; nothing for one endpoint. */
function replicaTable(report: RunReport): string[] {
  if (report.run.replicas === undefined) return [];
  const table = plainTable([...REPLICA_HEAD], [...REPLICA_NUMBER_COLUMNS]);
  for (const row of replicaRows(report.run.replicas)) table.push(row);
  return ['Replicas:', table.toString()];
}
