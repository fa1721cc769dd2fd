import Table from 'cli-table3';
import { trackDisplayName } from '../dataset/track-names';
import type { Completeness, RunSummary, TaskSummary } from '../scoring/records';

export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(4);
}

/** The terminal table `shopeval score` and `shopeval run` print: tasks by track, track means, overall. */
export function renderSummaryTable(summary: RunSummary): string {
  const table = new Table({
    head: ['track / task', 'metric', 'n', 'score', 'notes'],
    colAligns: ['left', 'left', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    // No rule between rows: one line per task keeps 20 tasks on one screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const track of summary.tracks) {
    table.push([trackDisplayName(track.track), 'track mean', `${track.n_tasks} tasks`, formatScore(track.score), track.reason ?? '']);
    for (const task of summary.tasks.filter((candidate) => candidate.track === track.track)) {
      table.push([`  ${task.task_name}`, task.metric, String(task.n), formatScore(task.score), taskNotes(task)]);
    }
  }
  const partial = summary.completeness?.complete === false;
  const mark = partial ? 'PARTIAL, not final' : '';
  table.push([partial ? 'overall (partial)' : 'overall', 'mean of tracks', '', formatScore(summary.overall), mark]);
  table.push([partial ? 'all tasks (partial)' : 'all tasks', 'mean of tasks', '', formatScore(summary.all_tasks_mean), mark]);
  const lines = [`profile ${summary.profile} · ${summary.counts.items} items · ${summary.dataset.path}`, table.toString()];
  if (summary.completeness !== undefined && partial) lines.push(partialRunText(summary.completeness));
  const embedders = embedderLines(summary);
  if (embedders.length > 0) lines.push('Scored with:', ...embedders.map((line) => `  ${line}`));
  if (summary.left_out.length > 0) {
    lines.push('Left out of the track and overall figures:');
    for (const task of summary.left_out) lines.push(`  ${task.task_name}: ${task.reason}`);
  }
  return lines.join('\n');
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
    'embedder' in use ? [`${metric}: ${use.embedder}${use.official === true ? ' (official model)' : ' (NOT the official model: its scores are not comparable with official ones)'}`] : [],
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
