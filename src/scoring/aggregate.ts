import type { MetricName, TaskType } from '../dataset/row';
import { metricDefinition } from './metrics/registry';
import type { ScoringProfile } from './profiles/scoring-profile';
import type { TaskSummary, TrackSummary } from './records';
import { rollUp, type RolledUp, taskScore } from './roll-up';
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
 * The run's summary records: items grouped by task_name as local_evaluation.py keys them (the first row's metric and
 * track name the task), each task's status, and the scores by the roll-up rules of scoring/roll-up.ts.
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
  const rolled = rollUp(tasks.map((task) => ({ track: task.track, score: task.score, failed: task.status === 'error' })));
  const tracks = [...groupBy(tasks, (task) => task.track).values()].map((members) => summarizeTrack(members, rolled));
  const leftOut = tasks.flatMap((task) =>
    task.status === 'unscored' || task.status === 'empty' ? [{ task_name: task.task_name, reason: task.reason ?? task.status }] : [],
  );
  return { tasks, tracks, overall: rolled.overall, allTasksMean: rolled.allTasksMean, leftOut };
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
  const micro = metricDefinition(task.metric).aggregation === 'micro-f1';
  const counts = { tp: task.tp, fp: task.fp, fn: task.fn };
  const sums = micro ? counts : {};
  const score = taskScore(task.metric, task.values(), counts, profile);
  if ('error' in score) return { ...base, ...sums, n_scored: 0, score: null, status: 'error', reason: score.error };
  return { ...base, ...sums, n_scored: task.answered, score: score.value, status: 'scored' };
}

function summarizeTrack(tasks: readonly TaskSummary[], rolled: RolledUp): TrackSummary {
  const track = (tasks[0] as TaskSummary).track;
  const scored = tasks.filter((task) => task.status === 'scored').length;
  const leftOut = tasks.filter((task) => task.status === 'unscored' || task.status === 'empty').map((task) => task.task_name);
  const failed = tasks.find((task) => task.status === 'error');
  const score = rolled.tracks.get(track) ?? null;
  if (failed) return { track, n_tasks: scored, score, tasks_left_out: leftOut, reason: `task ${failed.task_name}: ${failed.reason}` };
  return { track, n_tasks: scored, score, tasks_left_out: leftOut };
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
