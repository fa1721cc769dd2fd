import { bonferroniLevel } from '../../stats/bonferroni-level';
import { percentileInterval } from '../../stats/percentile-interval';
import { ZERO_TOLERANCE } from './compare-zero';
import { formatDifference, formatDifferenceInterval } from '../render/format';
import type { ComparisonEntry, GateInterval, GateResult } from './comparison-document';

export interface GateOptions {
  /** A drop larger than this (in score units, e.g. 0.01) fails the gate when its interval excludes 0 (default 0). */
  readonly tolerance: number;
  /** Tasks gated in addition to the overall score and every track. */
  readonly tasks: readonly string[];
}

/** The entries the gate checks, and each one's bootstrap replicates of candidate - baseline. */
export interface GateInput {
  readonly overall: ComparisonEntry;
  readonly tracks: readonly ComparisonEntry[];
  readonly tasks: readonly ComparisonEntry[];
  /** Difference replicates by entry (the same objects as above); an entry without replicates cannot fail. */
  readonly differences: ReadonlyMap<ComparisonEntry, readonly number[]>;
  /** The display level (e.g. 0.95); the gate uses its Bonferroni adjustment over the checked scores. */
  readonly level: number;
}

function percent(level: number): string {
  return `${Number((level * 100).toPrecision(4))}%`;
}

/**
 * Fails when the candidate is worse than the baseline by more than the tolerance with the interval excluding 0, on
 * the overall score, any track or a selected task. The k checked scores share one error budget: each is judged
 * by its interval at level 1 - (1 - level)/k (Bonferroni), so noise between equal checkpoints rarely fails.
 */
export function evaluateGate(input: GateInput, options: GateOptions): GateResult {
  const selected = input.tasks.filter((task) => options.tasks.includes(task.name));
  const checked = [input.overall, ...input.tracks, ...selected];
  const level = bonferroniLevel(input.level, checked.length);
  const intervals: GateInterval[] = checked.map((entry) => {
    const replicates = input.differences.get(entry);
    const interval = entry.difference === null || !replicates ? null : percentileInterval(replicates, level);
    return { name: entry.name, difference: entry.difference, low: interval?.low ?? null, high: interval?.high ?? null };
  });
  const regressions = intervals.filter(
    (entry) => entry.difference !== null && entry.high !== null && entry.difference < -options.tolerance && entry.high < -ZERO_TOLERANCE,
  );
  const describe = (entry: GateInterval): string =>
    `${entry.name} ${formatDifference(entry.difference)} ${formatDifferenceInterval(entry.low, entry.high)}`;
  const how = `the ${percent(level)} interval (Bonferroni over ${checked.length} checked scores) excluding 0`;
  const overall = intervals[0] as GateInterval;
  const message =
    regressions.length > 0
      ? `FAIL: candidate is worse by more than ${options.tolerance} with ${how} on ${regressions.map(describe).join('; ')}`
      : `PASS: no regression larger than ${options.tolerance} with ${how} (overall ${describe(overall).slice(overall.name.length + 1)})`;
  return {
    tolerance: options.tolerance,
    level,
    correction: 'bonferroni',
    intervals,
    checked: checked.map((entry) => entry.name),
    failed: regressions.length > 0,
    regressions: regressions.map((entry) => entry.name),
    message,
  };
}
