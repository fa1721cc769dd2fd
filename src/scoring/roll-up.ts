import type { MetricName } from '../dataset/row';
import type { EntityCounts } from './metrics/entity-counts';
import { metricDefinition } from './metrics/registry';
import { numpyMean } from './numpy-mean';
import type { ScoringProfile } from './profiles/scoring-profile';

/**
 * The one owner of the roll-up rules, used by the run's summary (scoring/aggregate.ts), the bootstrap
 * (stats/bootstrap-scores.ts) and compare (reports/documents/compare-runs.ts), so the three agree to the last bit:
 * task = numpy's mean of the item values, or the profile's F1 of the summed counts (the metric's `aggregation`);
 * track = numpy's mean of its scored tasks; overall = mean of the scored tracks; all-tasks mean = mean of scored tasks.
 */

/** What one item adds to its task's score; `null` when it does not count (API error, scorer error, unscored). */
export type Contribution =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'counts'; readonly tp: number; readonly fp: number; readonly fn: number }
  | null;

/** A task's score from its counted items, or why the original scorer has none (it raises, or np.mean gives NaN). */
export type TaskScore = { readonly value: number } | { readonly error: string };

/** The task rule over the counted items' values (mean metrics) or their summed counts (micro f1). */
export function taskScore(metric: MetricName, values: ArrayLike<number>, counts: EntityCounts, profile: ScoringProfile): TaskScore {
  // both profiles' F1 depends on the summed counts only
  if (metricDefinition(metric).aggregation === 'micro-f1') return profile.taskMicroF1([counts]);
  const mean = numpyMean(values);
  // Shopping MMLU: a NaN item makes np.mean NaN; reported, never turned into a number.
  return Number.isNaN(mean) ? { error: 'NaN' } : { value: mean };
}

/**
 * The task score over the items at `indices` (all items when omitted; a bootstrap resample otherwise), by the task
 * rule above. NaN when no selected item counts or the scorer has no score, so a caller can drop that resample.
 */
export function contributionsScore(
  metric: MetricName,
  contributions: readonly Contribution[],
  profile: ScoringProfile,
  indices?: readonly number[],
): number {
  const values: number[] = [];
  const counts = { tp: 0, fp: 0, fn: 0 };
  let counted = 0;
  const size = indices ? indices.length : contributions.length;
  for (let position = 0; position < size; position += 1) {
    const contribution = contributions[indices ? (indices[position] ?? 0) : position];
    if (!contribution) continue;
    counted += 1;
    if (contribution.kind === 'value') values.push(contribution.value);
    else {
      counts.tp += contribution.tp;
      counts.fp += contribution.fp;
      counts.fn += contribution.fn;
    }
  }
  if (counted === 0) return Number.NaN;
  const score = taskScore(metric, values, counts, profile);
  return 'value' in score ? score.value : Number.NaN;
}

/** A task as the roll-up sees it: its track and score; `failed` when its original scorer raises or gives NaN. */
export interface RollUpTask {
  readonly track: string;
  readonly score: number | null;
  readonly failed: boolean;
}

export interface RolledUp {
  /** Each track's score in first-seen order: null when none of its tasks is scored, or one of them failed. */
  readonly tracks: ReadonlyMap<string, number | null>;
  /** Mean of the tracks with a score; null when a task failed (the original script stops) or no track has a score. */
  readonly overall: number | null;
  /** Mean over the scored tasks (local_evaluation.main()'s overall); null as the overall is. */
  readonly allTasksMean: number | null;
}

/** Tracks, overall and all-tasks mean from task scores (a task without a score is left out, a failed one poisons). */
export function rollUp(tasks: readonly RollUpTask[]): RolledUp {
  const members = new Map<string, RollUpTask[]>();
  for (const task of tasks) {
    const group = members.get(task.track);
    if (group) group.push(task);
    else members.set(task.track, [task]);
  }
  const tracks = new Map<string, number | null>();
  for (const [track, group] of members) tracks.set(track, group.some((task) => task.failed) ? null : meanOrNull(scoresOf(group)));
  const anyFailed = tasks.some((task) => task.failed);
  const trackScores = [...tracks.values()].filter((score): score is number => score !== null);
  return {
    tracks,
    overall: anyFailed ? null : meanOrNull(trackScores),
    allTasksMean: anyFailed ? null : meanOrNull(scoresOf(tasks)),
  };
}

function scoresOf(tasks: readonly RollUpTask[]): number[] {
  return tasks.flatMap((task) => (task.failed || task.score === null ? [] : [task.score]));
}

function meanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : numpyMean(values);
}
