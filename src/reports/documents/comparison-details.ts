import { itemChanges, type TaskChanges } from './item-changes';
import type { LoadedRun } from '../load/load-run';

/** What a comparison page shows beyond the JSON document: the items that changed, and each run's answer-shaping settings. */
export interface ComparisonDetails {
  readonly changes: readonly TaskChanges[];
  /** [baseline, candidate] settings as [name, value] lines from each manifest. */
  readonly settings: readonly [readonly (readonly [string, string])[], readonly (readonly [string, string])[]];
}

export const NO_COMPARISON_DETAILS: ComparisonDetails = { changes: [], settings: [[], []] };

export function comparisonDetails(baseline: LoadedRun, candidate: LoadedRun): ComparisonDetails {
  return { changes: itemChanges(baseline, candidate), settings: [baseline.manifest.settings ?? [], candidate.manifest.settings ?? []] };
}
