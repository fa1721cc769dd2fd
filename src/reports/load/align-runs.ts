import { ShopevalError } from '../../errors';
import type { ItemRecord, TaskSummary } from '../../scoring/records';
import type { BootstrapTask } from '../../stats/bootstrap-scores';
import { describeDropped, type DroppedItems, NO_DROPPED_ITEMS, sumDropped, tallyDropped, unusableReason } from './dropped-items';
import { countedTasks, itemContribution } from './item-contribution';
import type { LoadedRun } from './load-run';
import { runInfo } from '../documents/run-info';
import { embedderLabel } from '../documents/scoring-signature';
import { completenessOf } from '../../scoring/completeness';

export interface AlignedTask extends BootstrapTask {
  /** Items of the task present in both runs but left out because one run has no usable result for them. */
  readonly dropped: DroppedItems;
}

export interface AlignedRuns {
  /** Tasks scored in both runs, with the items usable in both (same order in both sides). */
  readonly tasks: readonly AlignedTask[];
  /** Same dataset content (sha256) and the same item ids: a run filtered with --limit/--tasks/--tracks is not. */
  readonly sameDataset: boolean;
  /** Items usable in both runs (what the figures are computed on). */
  readonly compared: number;
  readonly baselineOnly: number;
  readonly candidateOnly: number;
  readonly dropped: DroppedItems;
  readonly warnings: readonly string[];
}

function sameIds(baseline: readonly ItemRecord[], candidate: readonly ItemRecord[]): boolean {
  if (baseline.length !== candidate.length) return false;
  const ids = new Set(baseline.map((item) => item.id));
  return candidate.every((item) => ids.has(item.id));
}

function refuseDifferentDatasets(baseline: LoadedRun, candidate: LoadedRun, sameHash: boolean): never {
  const [baseInfo, candidateInfo] = [runInfo(baseline), runInfo(candidate)];
  const message = sameHash
    ? `the runs cover different items of the same dataset (${baseline.items.length} vs ${candidate.items.length} items; a run made with --limit, --tasks or --tracks?)`
    : `the runs used different datasets (sha256 ${baseInfo.dataset.sha256.slice(0, 12) || 'unknown'} vs ${candidateInfo.dataset.sha256.slice(0, 12) || 'unknown'})`;
  throw new ShopevalError('bad-input', message, { hint: 'Pass --allow-different-datasets to compare the items both runs share.' });
}

/** Pairs one task's items, keeping only those with a usable result in both runs (a paired comparison). */
function pairTask(task: TaskSummary, shared: readonly ItemRecord[], candidateById: ReadonlyMap<string, ItemRecord>): AlignedTask {
  let dropped = NO_DROPPED_ITEMS;
  const pairs: [ItemRecord, ItemRecord][] = [];
  for (const item of shared) {
    if (item.task_name !== task.task_name) continue;
    const other = candidateById.get(item.id) as ItemRecord;
    const [baseReason, candidateReason] = [unusableReason(item), unusableReason(other)];
    if (baseReason !== null || candidateReason !== null) dropped = tallyDropped(dropped, baseReason, candidateReason);
    else pairs.push([item, other]);
  }
  const sides = [pairs.map(([item]) => itemContribution(item)), pairs.map(([, other]) => itemContribution(other))];
  return { taskName: task.task_name, track: task.track, metric: task.metric, sides, dropped };
}

/**
 * Pairs items by id. An item counts only when both runs have a usable result for it: an API error, scorer error or
 * unscored item on either side drops it from both (else a candidate whose failures are API errors looks better).
 * Runs on different datasets, or on different item sets of one dataset, are refused unless `allowDifferentDatasets`,
 * in which case only the items both runs have are compared, with a warning.
 */
export function alignRuns(baseline: LoadedRun, candidate: LoadedRun, allowDifferentDatasets: boolean): AlignedRuns {
  const warnings: string[] = [];
  const baseInfo = runInfo(baseline);
  const candidateInfo = runInfo(candidate);
  if (baseInfo.profile !== candidateInfo.profile) {
    throw new ShopevalError('bad-input', `the runs were scored with different profiles (${baseInfo.profile} vs ${candidateInfo.profile})`, {
      hint: 'Rescore one run with `shopeval score --profile` so both use the same scorer.',
    });
  }
  const hashesKnown = baseInfo.dataset.sha256 !== '' && candidateInfo.dataset.sha256 !== '';
  const sameHash = !hashesKnown || baseInfo.dataset.sha256 === candidateInfo.dataset.sha256;
  const sameDataset = sameHash && sameIds(baseline.items, candidate.items);
  if (!sameDataset && !allowDifferentDatasets) refuseDifferentDatasets(baseline, candidate, sameHash);
  const candidateById = new Map(candidate.items.map((item) => [item.id, item]));
  const baselineIds = new Set(baseline.items.map((item) => item.id));
  const shared = baseline.items.filter((item) => candidateById.has(item.id));
  const baselineOnly = baseline.items.length - shared.length;
  const candidateOnly = candidate.items.filter((item) => !baselineIds.has(item.id)).length;
  if (!sameDataset) {
    warnings.push(
      `DIFFERENT ${sameHash ? 'ITEM SETS' : 'DATASETS'}: comparing only the ${shared.length} items both runs share ` +
        `(${baselineOnly} only in the baseline, ${candidateOnly} only in the candidate)`,
    );
  }
  const candidateTasks = new Map(countedTasks(candidate.summary).map((task) => [task.task_name, task]));
  const tasks = countedTasks(baseline.summary).flatMap((task: TaskSummary) => {
    const other = candidateTasks.get(task.task_name);
    if (other === undefined) {
      warnings.push(`${task.task_name}: scored in the baseline only; left out of the comparison`);
      return [];
    }
    const embedders = [task.embedder, other.embedder].map((embedder) => (embedder === undefined ? 'no embedder' : embedderLabel(embedder)));
    if (embedders[0] !== embedders[1]) {
      warnings.push(
        `${task.task_name}: scored with different embedders (baseline ${embedders[0] ?? ''}, candidate ${embedders[1] ?? ''}); left out of the comparison`,
      );
      return [];
    }
    return [pairTask(task, shared, candidateById)];
  });
  for (const [side, run] of [
    ['baseline', baseline],
    ['candidate', candidate],
  ] as const) {
    const completeness = run.summary.completeness ?? completenessOf(run.items);
    if (!completeness.complete) {
      warnings.push(
        `PARTIAL RUN: the ${side} answered ${completeness.answered} of ${completeness.items} items; its figures are not final (run it again with the same --out)`,
      );
    }
    const unofficial = run.summary.tasks
      .filter((task) => task.embedder !== undefined && !task.embedder.official)
      .map((task) => task.task_name);
    if (unofficial.length > 0)
      warnings.push(`the ${side} scored ${unofficial.join(', ')} with a non-official embedder: not comparable with official scores`);
  }
  for (const task of candidateTasks.keys()) {
    if (
      !tasks.some((entry) => entry.taskName === task) &&
      !warnings.some((warning) => warning.startsWith(`${task}: scored with different embedders`))
    ) {
      warnings.push(`${task}: scored in the candidate only; left out of the comparison`);
    }
  }
  const baselineCounted = new Set(countedTasks(baseline.summary).map((task) => task.task_name));
  for (const task of baseline.summary.tasks) {
    if (!baselineCounted.has(task.task_name) && !candidateTasks.has(task.task_name)) {
      warnings.push(`${task.task_name}: scored in neither run (${task.reason ?? task.status}); left out of the comparison`);
    }
  }
  const dropped = sumDropped(tasks.map((task) => task.dropped));
  const compared = tasks.reduce((sum, task) => sum + (task.sides[0]?.length ?? 0), 0);
  if (dropped.total > 0) {
    const perTask = tasks.filter((task) => task.dropped.total > 0).map((task) => `${task.taskName} ${task.dropped.total}`);
    warnings.unshift(
      `ITEMS DROPPED: ${describeDropped(dropped)} have no usable result in one of the runs and are left out of BOTH sides; ` +
        `the figures cover the ${compared} items usable in both (per task: ${perTask.join(', ')})`,
    );
  }
  return { tasks, sameDataset, compared, baselineOnly, candidateOnly, dropped, warnings };
}
