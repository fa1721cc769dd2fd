import { ShopevalError } from '../errors';
import { shortTrackName } from './item-contribution';
import type { RunReport, ScoreWithInterval } from './report-document';

/**
 * The score named by `key` in a report: "overall", a track (full or short name) or a task name.
 * Unknown keys are bad input; a key naming a task the run did not score gives no score.
 */
export function scoreByKey(report: RunReport, key: string): ScoreWithInterval {
  if (key === 'overall') return report.overall;
  const track = report.tracks.find((entry) => entry.track === key || shortTrackName(entry.track) === key);
  if (track) return track;
  const task = report.tasks.find((entry) => entry.task_name === key);
  if (task) return task;
  throw new ShopevalError('bad-input', `"${key}" is neither "overall", a track nor a task of run ${report.run.name}`, {
    hint: `Tracks: ${report.tracks.map((entry) => shortTrackName(entry.track)).join(', ')}; tasks: ${report.tasks.map((entry) => entry.task_name).join(', ')}`,
  });
}

/** The canonical spelling of a key (full track name) for documents. */
export function canonicalKey(report: RunReport, key: string): string {
  const track = report.tracks.find((entry) => shortTrackName(entry.track) === key);
  return track ? track.track : key;
}
