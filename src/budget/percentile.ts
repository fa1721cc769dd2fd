/**
 * The q-th percentile (0-100) of ascending values with numpy's default ("linear") interpolation: the value at rank
 * (n - 1) * q / 100, interpolated between its two neighbours. Undefined for no values.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = ((sorted.length - 1) * q) / 100;
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  const lowValue = sorted[low] ?? 0;
  const highValue = sorted[high] ?? lowValue;
  return lowValue + (rank - low) * (highValue - lowValue);
}
