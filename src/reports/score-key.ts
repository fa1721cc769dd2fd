import { ShopevalError } from '../errors';
import { describeTrack, namesTrack } from '../dataset/track-names';
import type { RunReport, ScoreWithInterval } from './report-document';

/**
 * The score named by `key` in a report: "overall", a track (any spelling: track1, its display name, its id) or a task.
 * Unknown keys are bad input; a key naming a task the run did not score gives no score.
 */
export function scoreByKey(report: RunReport, key: string): ScoreWithInterval {
  if (key === 'overall') return report.overall;
  const track = report.tracks.find((entry) => namesTrack(key, entry.track));
  if (track) return track;
  const task = report.tasks.find((entry) => entry.task_name === key);
  if (task) return task;
  throw new ShopevalError('bad-input', `"${key}" is neither "overall", a track nor a task of run ${report.run.name}`, {
    hint: `Tracks: ${report.tracks.map((entry) => describeTrack(entry.track)).join('; ')}; tasks: ${report.tasks.map((entry) => entry.task_name).join(', ')}`,
  });
}

/** The canonical spelling of a key (a track's id) for documents. */
export function canonicalKey(report: RunReport, key: string): string {
  if (key === 'overall') return key;
  const track = report.tracks.find((entry) => namesTrack(key, entry.track));
  return track ? track.track : key;
}
