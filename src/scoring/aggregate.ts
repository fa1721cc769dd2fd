import type { MetricName, TaskType } from '../dataset/row';
import { metricDefinition } from './metrics/registry';
import { numpyMean } from './numpy-mean';
import type { ScoringProfile } from './profiles/scoring-profile';
import type { TaskSummary, TrackSummary } from './records';
import { TaskAccumulator } from './task-accumulator';
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
  const accumulators = new Map<string, TaskAccumulator>();
  for (const item of items) {
    let task = accumulators.get(item.taskName);
    if (task === undefined) accumulators.set(item.taskName, (task = new TaskAccumulator(item)));
    task.add(item.score, item);
  }
  return aggregateTasks([...accumulators.values()], profile);
}

/** The roll-up of streamed tasks (see TaskAccumulator), in first-seen task order. */
export function aggregateTasks(accumulators: readonly TaskAccumulator[], profile: ScoringProfile): Aggregates {
  return rollUpTasks(accumulators.map((task) => summarizeTask(task, profile)));
}

/** Tracks and overall from task summaries (a repeated run's headline rolls up the tasks' means over repeats). */
export function rollUpTasks(tasks: TaskSummary[]): Aggregates {
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

function summarizeTask(task: TaskAccumulator, profile: ScoringProfile): TaskSummary {
  const base = {
    task_name: task.taskName,
    track: task.track,
    task_type: task.taskType,
    metric: task.metric,
    n: task.n,
    api_errors: task.apiErrors,
    unparseable: task.unparseable,
    missing_predictions: task.missingPredictions,
  };
  if (task.unscoredReason !== undefined) return { ...base, n_scored: 0, score: null, status: 'unscored', reason: task.unscoredReason };
  if (task.answered === 0) {
    return { ...base, n_scored: 0, score: null, status: 'empty', reason: 'every item failed with an API error' };
  }
  // An exception in any item aborts the original script; otherwise a NaN item makes the task mean NaN.
  if (task.raised !== undefined)
    return { ...base, n_scored: 0, score: null, status: 'error', reason: `an item's original scorer raises ${task.raised}` };
  if (task.nanItems > 0) return { ...base, n_scored: 0, score: null, status: 'error', reason: 'NaN' };
  if (metricDefinition(task.metric).aggregation === 'micro-f1') return microF1Task(base, task, profile);
  const mean = numpyMean(task.values());
  // Shopping MMLU: a NaN item makes np.mean NaN; reported, never turned into a number.
  if (Number.isNaN(mean)) return { ...base, n_scored: 0, score: null, status: 'error', reason: 'NaN' };
  return { ...base, n_scored: task.answered, score: mean, status: 'scored' };
}

type TaskBase = Omit<TaskSummary, 'n_scored' | 'score' | 'status' | 'reason' | 'tp' | 'fp' | 'fn'>;

function microF1Task(base: TaskBase, task: TaskAccumulator, profile: ScoringProfile): TaskSummary {
  const sums = { tp: task.tp, fp: task.fp, fn: task.fn };
  // both profiles' F1 depends on the summed counts only
  const f1 = profile.taskMicroF1([sums]);
  if ('error' in f1) return { ...base, ...sums, n_scored: 0, score: null, status: 'error', reason: f1.error };
  return { ...base, ...sums, n_scored: task.answered, score: f1.value, status: 'scored' };
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
