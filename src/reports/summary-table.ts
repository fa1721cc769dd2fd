import Table from 'cli-table3';
import { trackDisplayName } from '../dataset/track-names';
import type { RunSummary, TaskSummary } from '../scoring/records';

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
  table.push(['overall', 'mean of tracks', '', formatScore(summary.overall), '']);
  table.push(['all tasks', 'mean of tasks', '', formatScore(summary.all_tasks_mean), '']);
  const lines = [`profile ${summary.profile} · ${summary.counts.items} items · ${summary.dataset.path}`, table.toString()];
  if (summary.left_out.length > 0) {
    lines.push('Left out of the track and overall figures:');
    for (const task of summary.left_out) lines.push(`  ${task.task_name}: ${task.reason}`);
  }
  return lines.join('\n');
}

function taskNotes(task: TaskSummary): string {
  const notes: string[] = [];
  if (task.status !== 'scored') notes.push(task.status === 'error' ? `error: ${task.reason ?? ''}` : task.status);
  if (task.api_errors > 0) notes.push(`${task.api_errors} API errors`);
  if (task.unparseable > 0) notes.push(`${task.unparseable} unparseable`);
  if (task.missing_predictions > 0) notes.push(`${task.missing_predictions} missing`);
  return notes.join(', ');
}
