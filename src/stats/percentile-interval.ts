import { quantileSeq } from './mathjs';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The central `level` percentile interval of bootstrap replicates (linear interpolation), ignoring NaN replicates. */
export function percentileInterval(replicates: readonly number[], level: number): Interval | null {
  const finite = replicates.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return null;
  const tail = (1 - level) / 2;
  const bounds = quantileSeq(finite, [tail, 1 - tail]);
  return { low: Number(bounds[0]), high: Number(bounds[1]) };
}
