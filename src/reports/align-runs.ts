import { ShopevalError } from '../errors';
import type { ItemRecord, TaskSummary } from '../scoring/records';
import type { BootstrapTask } from '../stats/bootstrap-scores';
import { countedTasks, itemContribution } from './item-contribution';
import type { LoadedRun } from './load-run';
import { runInfo } from './run-info';

export interface AlignedRuns {
  /** Tasks scored in both runs, with their paired items (same order in both sides). */
  readonly tasks: readonly (BootstrapTask & { readonly metric: string })[];
  readonly sameDataset: boolean;
  readonly compared: number;
  readonly baselineOnly: number;
  readonly candidateOnly: number;
  readonly warnings: readonly string[];
}

function sameIds(baseline: readonly ItemRecord[], candidate: readonly ItemRecord[]): boolean {
  if (baseline.length !== candidate.length) return false;
  const ids = new Set(baseline.map((item) => item.id));
  return candidate.every((item) => ids.has(item.id));
}

/**
 * Pairs items by id. Runs on different datasets (by sha256) are refused unless `allowDifferentDatasets`,
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
  const sameDataset = hashesKnown ? baseInfo.dataset.sha256 === candidateInfo.dataset.sha256 : sameIds(baseline.items, candidate.items);
  if (!sameDataset && !allowDifferentDatasets) {
    throw new ShopevalError(
      'bad-input',
      `the runs used different datasets (sha256 ${baseInfo.dataset.sha256.slice(0, 12) || 'unknown'} vs ${candidateInfo.dataset.sha256.slice(0, 12) || 'unknown'})`,
      { hint: 'Pass --allow-different-datasets to compare the items both runs share.' },
    );
  }
  const candidateById = new Map(candidate.items.map((item) => [item.id, item]));
  const baselineIds = new Set(baseline.items.map((item) => item.id));
  const paired = baseline.items.filter((item) => candidateById.has(item.id));
  const baselineOnly = baseline.items.length - paired.length;
  const candidateOnly = candidate.items.filter((item) => !baselineIds.has(item.id)).length;
  if (!sameDataset) {
    warnings.push(
      `DIFFERENT DATASETS: comparing only the ${paired.length} items both runs share ` +
        `(${baselineOnly} only in the baseline, ${candidateOnly} only in the candidate)`,
    );
  }
  const candidateTasks = new Map(countedTasks(candidate.summary).map((task) => [task.task_name, task]));
  const tasks = countedTasks(baseline.summary).flatMap((task: TaskSummary) => {
    if (!candidateTasks.has(task.task_name)) {
      warnings.push(`${task.task_name}: scored in the baseline only; left out of the comparison`);
      return [];
    }
    const items = paired.filter((item) => item.task_name === task.task_name);
    const baseSide = items.map(itemContribution);
    const candidateSide = items.map((item) => itemContribution(candidateById.get(item.id) as ItemRecord));
    return [{ taskName: task.task_name, track: task.track, metric: task.metric, sides: [baseSide, candidateSide] }];
  });
  for (const task of candidateTasks.keys()) {
    if (!tasks.some((entry) => entry.taskName === task)) warnings.push(`${task}: scored in the candidate only; left out of the comparison`);
  }
  return { tasks, sameDataset, compared: paired.length, baselineOnly, candidateOnly, warnings };
}
