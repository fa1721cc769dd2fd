import type { MetricName, TaskType } from '../dataset/row';
import { sumCounts } from './metrics/micro-f1';
import { metricDefinition } from './metrics/registry';
import { numpyMean } from './numpy-mean';
import type { ScoringProfile } from './profiles/scoring-profile';
import type { TaskSummary, TrackSummary } from './records';
import type { ItemScore } from './types';

export interface AggregateItem {
  readonly taskName: string;
  readonly track: string;
  readonly taskType: TaskType;
  readonly metric: MetricName;
  /** `null` when the item has no answer (API error): it is counted, not scored. */
  readonly score: ItemScore | null;
  readonly unparseable: boolean;
  readonly missingPrediction: boolean;
}

export interface Aggregates {
  readonly tasks: TaskSummary[];
  readonly tracks: TrackSummary[];
  readonly overall: number | null;
  readonly allTasksMean: number | null;
  readonly leftOut: { task_name: string; reason: string }[];
}

/**
 * Task = mean of item scores (micro f1: F1 of summed counts), grouped by task_name as local_evaluation.py keys them
 * (the first row's metric and track name the task); track = mean of its tasks; overall = mean of the tracks.
 */
export function aggregate(items: readonly AggregateItem[], profile: ScoringProfile): Aggregates {
  const tasks = [...groupBy(items, (item) => item.taskName).values()].map((group) => summarizeTask(group, profile));
  const tracks = [...groupBy(tasks, (task) => task.track).values()].map(summarizeTrack);
  const leftOut = tasks.flatMap((task) =>
    task.status === 'unscored' || task.status === 'empty' ? [{ task_name: task.task_name, reason: task.reason ?? task.status }] : [],
  );
  const anyError = tasks.some((task) => task.status === 'error');
  // A track none of whose tasks could be scored is left out of the overall, like its tasks.
  const countedTracks = tracks.filter((track) => track.score !== null);
  const overall = anyError || countedTracks.length === 0 ? null : numpyMean(countedTracks.map((track) => track.score as number));
  const scoredTasks = tasks.filter((task) => task.status === 'scored');
  const allTasksMean = anyError || scoredTasks.length === 0 ? null : numpyMean(scoredTasks.map((task) => task.score as number));
  return { tasks, tracks, overall, allTasksMean, leftOut };
}

function summarizeTask(items: readonly AggregateItem[], profile: ScoringProfile): TaskSummary {
  const first = items[0] as AggregateItem;
  const answered = items.filter((item) => item.score !== null).map((item) => item.score as ItemScore);
  const base = {
    task_name: first.taskName,
    track: first.track,
    task_type: first.taskType,
    metric: first.metric,
    n: items.length,
    api_errors: items.length - answered.length,
    unparseable: items.filter((item) => item.unparseable).length,
    missing_predictions: items.filter((item) => item.missingPrediction).length,
  };
  const unscored = answered.find((score) => score.kind === 'unscored');
  if (unscored?.kind === 'unscored') return { ...base, n_scored: 0, score: null, status: 'unscored', reason: unscored.reason };
  if (answered.length === 0) {
    return { ...base, n_scored: 0, score: null, status: 'empty', reason: 'every item failed with an API error' };
  }
  const failure = taskFailure(answered);
  if (failure !== undefined) return { ...base, n_scored: 0, score: null, status: 'error', reason: failure };
  if (metricDefinition(first.metric).aggregation === 'micro-f1') return microF1Task(base, answered, profile);
  const values = answered.map((score) => (score.kind === 'value' ? score.value : Number.NaN));
  const mean = numpyMean(values);
  // Shopping MMLU: a NaN item makes np.mean NaN; reported, never turned into a number.
  if (Number.isNaN(mean)) return { ...base, n_scored: 0, score: null, status: 'error', reason: 'NaN' };
  return { ...base, n_scored: answered.length, score: mean, status: 'scored' };
}

/** An exception in any item aborts the original script; otherwise a NaN item makes the task mean NaN. */
function taskFailure(scores: readonly ItemScore[]): string | undefined {
  const errors = scores.flatMap((score) => (score.kind === 'error' ? [score.error] : []));
  const raised = errors.find((error) => error !== 'NaN');
  if (raised !== undefined) return `an item's original scorer raises ${raised}`;
  return errors.length > 0 ? 'NaN' : undefined;
}

type TaskBase = Omit<TaskSummary, 'n_scored' | 'score' | 'status' | 'reason' | 'tp' | 'fp' | 'fn'>;

function microF1Task(base: TaskBase, answered: readonly ItemScore[], profile: ScoringProfile): TaskSummary {
  const counts = answered.map((score) => (score.kind === 'counts' ? score : { tp: 0, fp: 0, fn: 0 }));
  const sums = sumCounts(counts);
  const f1 = profile.taskMicroF1(counts);
  if ('error' in f1) return { ...base, ...sums, n_scored: 0, score: null, status: 'error', reason: f1.error };
  return { ...base, ...sums, n_scored: answered.length, score: f1.value, status: 'scored' };
}

function summarizeTrack(tasks: readonly TaskSummary[]): TrackSummary {
  const track = (tasks[0] as TaskSummary).track;
  const scored = tasks.filter((task) => task.status === 'scored');
  const leftOut = tasks.filter((task) => task.status === 'unscored' || task.status === 'empty').map((task) => task.task_name);
  const failed = tasks.find((task) => task.status === 'error');
  if (failed) {
    return { track, n_tasks: scored.length, score: null, tasks_left_out: leftOut, reason: `task ${failed.task_name}: ${failed.reason}` };
  }
  const score = scored.length === 0 ? null : numpyMean(scored.map((task) => task.score as number));
  return { track, n_tasks: scored.length, score, tasks_left_out: leftOut };
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const name = key(value);
    const group = groups.get(name);
    if (group) group.push(value);
    else groups.set(name, [value]);
  }
  return groups;
}
