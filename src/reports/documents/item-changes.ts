import type { ItemRecord } from '../../scoring/records';
import { itemOutcome, type ItemOutcome } from './item-outcome';
import type { LoadedRun } from '../load/load-run';

/** One item whose outcome or score differs between two runs, with both answers. */
export interface ItemChange {
  readonly id: string;
  readonly task_name: string;
  readonly input: string;
  readonly truth: ItemRecord['truth'];
  readonly baseline: ChangedSide;
  readonly candidate: ChangedSide;
}

export interface ChangedSide {
  readonly output: string | null;
  readonly parsed: ItemRecord['parsed'];
  readonly score: number | null;
  readonly outcome: ItemOutcome;
}

/** Items of one task that changed, in the baseline's order. */
export interface TaskChanges {
  readonly task_name: string;
  readonly changes: readonly ItemChange[];
}

function side(item: ItemRecord): ChangedSide {
  return { output: item.output, parsed: item.parsed, score: itemScore(item), outcome: itemOutcome(item) };
}

/** The item's own figure: its score, or its F1 from tp/fp/fn for micro-F1 items. */
function itemScore(item: ItemRecord): number | null {
  if (typeof item.tp === 'number' && typeof item.fp === 'number' && typeof item.fn === 'number') {
    const denominator = 2 * item.tp + item.fp + item.fn;
    return denominator === 0 ? 1 : (2 * item.tp) / denominator;
  }
  return typeof item.score === 'number' ? item.score : null;
}

/** Items present in both runs whose outcome or score changed, grouped by task (tasks in the baseline's order). */
export function itemChanges(baseline: LoadedRun, candidate: LoadedRun): TaskChanges[] {
  const candidateById = new Map(candidate.items.map((item) => [item.id, item]));
  const groups = new Map<string, ItemChange[]>();
  for (const item of baseline.items) {
    const other = candidateById.get(item.id);
    if (other === undefined) continue;
    const [before, after] = [side(item), side(other)];
    if (before.outcome === after.outcome && before.score === after.score) continue;
    const change: ItemChange = {
      id: item.id,
      task_name: item.task_name,
      input: item.input,
      truth: item.truth,
      baseline: before,
      candidate: after,
    };
    const group = groups.get(item.task_name);
    if (group) group.push(change);
    else groups.set(item.task_name, [change]);
  }
  return [...groups].map(([task_name, changes]) => ({ task_name, changes }));
}
