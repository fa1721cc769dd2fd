import { quantileSeqOfSorted } from './mathjs';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The central `level` percentile interval of bootstrap replicates (linear interpolation), ignoring NaN replicates. */
export function percentileInterval(replicates: readonly number[], level: number): Interval | null {
  // an exact numeric sort makes the bounds the same in every process (see quantileSeqOfSorted)
  const finite = replicates.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
  if (finite.length === 0) return null;
  const tail = (1 - level) / 2;
  const [low, high] = quantileSeqOfSorted(finite, [tail, 1 - tail]);
  return { low: low ?? Number.NaN, high: high ?? Number.NaN };
}
