import type { PyInt } from '../../dataset/row';

/** metrics.calculate_hit_rate_3: `len(set(truth) & set(retrieved[:3])) / len(truth)`; duplicates in the prediction count once. */
export function calculateHitRate3(retrieved: readonly PyInt[], truth: readonly number[]): number {
  const top = new Set<PyInt>(retrieved.slice(0, 3));
  const hits = new Set(truth.filter((value) => top.has(value))).size;
  return hits / truth.length;
}
