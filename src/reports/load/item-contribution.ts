import type { ItemRecord, RunSummary, TaskSummary } from '../../scoring/records';
import type { Contribution } from '../../scoring/roll-up';

/** What an item adds to its task score: nothing for API errors, scorer errors and unscored items. */
export function itemContribution(item: ItemRecord): Contribution {
  if (item.api_error !== undefined || item.error !== undefined || item.unscored !== undefined) return null;
  if (typeof item.tp === 'number' && typeof item.fp === 'number' && typeof item.fn === 'number') {
    return { kind: 'counts', tp: item.tp, fp: item.fp, fn: item.fn };
  }
  return typeof item.score === 'number' && Number.isFinite(item.score) ? { kind: 'value', value: item.score } : null;
}

/** Items grouped by task name, in file order. */
export function itemsByTask(items: readonly ItemRecord[]): Map<string, ItemRecord[]> {
  const groups = new Map<string, ItemRecord[]>();
  for (const item of items) {
    const group = groups.get(item.task_name);
    if (group) group.push(item);
    else groups.set(item.task_name, [item]);
  }
  return groups;
}

/** Tasks that count in their track's score: scored, with a number. */
export function countedTasks(summary: RunSummary): TaskSummary[] {
  return summary.tasks.filter((task) => task.status === 'scored' && typeof task.score === 'number');
}
