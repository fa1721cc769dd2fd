import Table from 'cli-table3';
import { trackDisplayName } from '../../dataset/track-names';
import { briefReason } from '../../embeddings/resolved-embedder';
import type { Completeness, RunSummary, TaskSummary } from '../../scoring/records';
import { plural } from '../../util/plural';
import { formatScore } from './format';

export interface SummaryTableOptions {
  /** Where the full reasons are written (a summary.json); without it, the table prints them in full. */
  readonly detailsIn?: string;
}

/** Task names grouped by their reason, in first-seen order, so a reason shared by several tasks is said once. */
export function tasksByReason(
  tasks: readonly { readonly task_name: string; readonly reason: string | null | undefined }[],
): Map<string, string[]> {
  const byReason = new Map<string, string[]>();
  for (const task of tasks) if (task.reason != null) byReason.set(task.reason, [...(byReason.get(task.reason) ?? []), task.task_name]);
  return byReason;
}

/**
 * Tasks left out, one line per distinct reason (`task1, task11: ...`). With `detailsIn`, only the short part of a
 * reason is shown, with where to read the rest, so a long how-to is never printed on the terminal twice.
 */
function leftOutLines(summary: RunSummary, options: SummaryTableOptions): string[] {
  const byReason = tasksByReason(summary.left_out);
  if (byReason.size === 0) return [];
  const where = options.detailsIn === undefined ? '' : ` (why, and how to fix it: ${options.detailsIn})`;
  const lines = [`Left out of the track and overall figures${byReason.size === 1 ? where : ''}:`];
  for (const [reason, tasks] of byReason) {
    const shown = options.detailsIn === undefined ? reason : briefReason(reason);
    lines.push(`  ${tasks.join(', ')}: ${shown}${byReason.size > 1 && shown !== reason ? where : ''}`);
  }
  return lines;
}

/** The terminal table `shopeval score` and `shopeval run` print: tasks by track, track means, overall. */
export function renderSummaryTable(summary: RunSummary, options: SummaryTableOptions = {}): string {
  const table = new Table({
    head: ['track / task', 'metric', 'n', 'score', 'notes'],
    colAligns: ['left', 'left', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    // No rule between rows: one line per task keeps 20 tasks on one screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const track of summary.tracks) {
    table.push([trackDisplayName(track.track), 'track mean', plural(track.n_tasks, 'task'), formatScore(track.score), track.reason ?? '']);
    for (const task of summary.tasks.filter((candidate) => candidate.track === track.track)) {
      table.push([`  ${task.task_name}`, task.metric, String(task.n), formatScore(task.score), taskNotes(task)]);
    }
  }
  const partial = summary.completeness?.complete === false;
  const mark = partial ? 'PARTIAL, not final' : '';
  table.push([partial ? 'overall (partial)' : 'overall', 'mean of tracks', '', formatScore(summary.overall), mark]);
  table.push([partial ? 'all tasks (partial)' : 'all tasks', 'mean of tasks', '', formatScore(summary.all_tasks_mean), mark]);
  const lines = [`profile ${summary.profile} · ${plural(summary.counts.items, 'item')} · ${summary.dataset.path}`, table.toString()];
  if (summary.completeness !== undefined && partial) lines.push(partialRunText(summary.completeness));
  const embedders = embedderLines(summary);
  if (embedders.length > 0) lines.push('Scored with:', ...embedders.map((line) => `  ${line}`));
  return [...lines, ...leftOutLines(summary, options)].join('\n');
}

/** The lines that say a run is partial, with each track's coverage. */
export function partialRunText(completeness: Completeness): string {
  const tracks = completeness.tracks
    .filter((track) => track.answered < track.items)
    .map((track) => `${trackDisplayName(track.track)} ${track.answered}/${track.items}`);
  return (
    `PARTIAL RUN: ${completeness.answered} of ${completeness.items} items answered (${completeness.api_errors} unanswered or API errors); ` +
    `unanswered items are left out, so these figures are not final.\n  Coverage of incomplete tracks: ${tracks.join(', ')}.\n` +
    '  Run the same command again with the same --out to ask the unanswered items.'
  );
}

/** Which embedder scored each semantic metric, and whether it is the official model. */
export function embedderLines(summary: Pick<RunSummary, 'embeddings'>): string[] {
  return Object.entries(summary.embeddings ?? {}).flatMap(([metric, use]) =>
    'embedder' in use
      ? [
          `${metric}: ${use.embedder}${use.official === true ? ' (official model)' : ' (NOT the official model: its scores are not comparable with official ones)'}`,
        ]
      : [],
  );
}

function taskNotes(task: TaskSummary): string {
  const notes: string[] = [];
  if (task.status !== 'scored') notes.push(task.status === 'error' ? `error: ${task.reason ?? ''}` : task.status);
  if (task.api_errors > 0) notes.push(`${task.api_errors} API errors`);
  if (task.unparseable > 0) notes.push(`${task.unparseable} unparseable`);
  if (task.missing_predictions > 0) notes.push(`${task.missing_predictions} missing`);
  if (task.embedder !== undefined && !task.embedder.official) notes.push('non-official embedder');
  return notes.join(', ');
}
