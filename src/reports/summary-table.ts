import Table from 'cli-table3';
import type { RunSummary, TaskSummary } from '../scoring/records';

/** Short names for the four competition tracks; other track names are shown as they are. */
const TRACK_LABELS: Readonly<Record<string, string>> = {
  'amazon-kdd-cup-24-understanding-shopping-concepts': 'Track 1 shopping concepts',
  'amazon-kdd-cup-24-shopping-knowledge-reasoning': 'Track 2 knowledge reasoning',
  'amazon-kdd-cup-24-user-behavior-alignment': 'Track 3 user behaviour',
  'amazon-kdd-cup-24-multi-lingual-abilities': 'Track 4 multilingual',
};

export function trackLabel(track: string): string {
  return TRACK_LABELS[track] ?? track;
}

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
    table.push([trackLabel(track.track), 'track mean', `${track.n_tasks} tasks`, formatScore(track.score), track.reason ?? '']);
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
