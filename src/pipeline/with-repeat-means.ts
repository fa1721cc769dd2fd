import { rollUpTasks } from '../scoring/aggregate';
import type { RepeatsSummary } from '../scoring/records';
import type { ScoredRows } from './score-rows';

/**
 * A repeated run's headline: each scored task's score is its mean over repeats (not the pooled items, which for
 * micro f1 would sum counts across repeats), and tracks and overall roll up from those means as usual.
 */
export function withRepeatMeans(scored: ScoredRows, repeats: RepeatsSummary | undefined): ScoredRows {
  if (repeats === undefined) return scored;
  const means = new Map(repeats.tasks.map((task) => [task.task_name, task.mean]));
  const tasks = scored.aggregates.tasks.map((task) => {
    const mean = means.get(task.task_name);
    return task.status === 'scored' && mean !== undefined && mean !== null ? { ...task, score: mean } : task;
  });
  return { ...scored, aggregates: rollUpTasks(tasks) };
}
