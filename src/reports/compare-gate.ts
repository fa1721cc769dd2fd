import { formatDifference, formatDifferenceInterval } from './format';
import type { ComparisonEntry, GateResult } from './comparison-document';

export interface GateOptions {
  /** A drop larger than this (in score units, e.g. 0.01) fails the gate when its interval excludes 0 (default 0). */
  readonly tolerance: number;
  /** Tasks gated in addition to the overall score and every track. */
  readonly tasks: readonly string[];
}

/** Fails when the candidate is worse than the baseline by more than the tolerance with the interval excluding 0. */
export function evaluateGate(
  entries: { readonly overall: ComparisonEntry; readonly tracks: readonly ComparisonEntry[]; readonly tasks: readonly ComparisonEntry[] },
  options: GateOptions,
): GateResult {
  const selected = entries.tasks.filter((task) => options.tasks.includes(task.name));
  const checked = [entries.overall, ...entries.tracks, ...selected];
  const regressions = checked.filter(
    (entry) => entry.difference !== null && entry.high !== null && entry.difference < -options.tolerance && entry.verdict === 'worse',
  );
  const describe = (entry: ComparisonEntry): string =>
    `${entry.name} ${formatDifference(entry.difference)} ${formatDifferenceInterval(entry.low, entry.high)}`;
  const message =
    regressions.length > 0
      ? `FAIL: candidate is worse by more than ${options.tolerance} with the interval excluding 0 on ${regressions.map(describe).join('; ')}`
      : `PASS: no regression larger than ${options.tolerance} with the interval excluding 0 on ${checked.length} checked scores ` +
        `(overall ${formatDifference(entries.overall.difference)} ${formatDifferenceInterval(entries.overall.low, entries.overall.high)})`;
  return {
    tolerance: options.tolerance,
    checked: checked.map((entry) => entry.name),
    failed: regressions.length > 0,
    regressions: regressions.map((entry) => entry.name),
    message,
  };
}
