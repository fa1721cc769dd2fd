export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * The `probability` quantile of ascending `sorted` values with linear interpolation between the closest ranks, by the
 * formula of mathjs' quantileSeq ((1 - f) * A[i] + f * A[i + 1] at index p * (n - 1)). Ours because quantileSeq picks
 * neighbours with a random pivot and a tolerant comparison, so replicates one ULP apart gave intervals that changed
 * in the last digit from one process to the next.
 */
export function quantileOfSorted(sorted: readonly number[], probability: number): number {
  const index = probability * (sorted.length - 1);
  const lower = Math.floor(index);
  const fraction = index % 1;
  const left = sorted[lower] ?? Number.NaN;
  if (fraction === 0) return left;
  const right = sorted[lower + 1] ?? left;
  return left * (1 - fraction) + right * fraction;
}

/** The central `level` percentile interval of bootstrap replicates (linear interpolation), ignoring NaN replicates. */
export function percentileInterval(replicates: readonly number[], level: number): Interval | null {
  const finite = replicates.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
  if (finite.length === 0) return null;
  const tail = (1 - level) / 2;
  return { low: quantileOfSorted(finite, tail), high: quantileOfSorted(finite, 1 - tail) };
}
