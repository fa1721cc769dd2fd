import type { PyInt, Truth } from '../../dataset/row';
import { oddHitRate } from '../odd-truth';
import { mmluHitRate, mmluResultScore, mmluRetrievedInts } from '../profiles/shoppingmmlu-metrics';
import { defineMetric } from './metric-unit';

/** metrics.calculate_hit_rate_3: `len(set(truth) & set(retrieved[:3])) / len(truth)`; duplicates in the prediction count once. */
export function calculateHitRate3(retrieved: readonly PyInt[], truth: readonly number[]): number {
  const top = new Set<PyInt>(retrieved.slice(0, 3));
  const hits = new Set(truth.filter((value) => top.has(value))).size;
  return hits / truth.length;
}

export const hitRate3 = defineMetric({
  name: 'hit rate@3',
  description: 'Share of the true items found among the first three retrieved (duplicates count once).',
  taskType: 'retrieval',
  aggregation: 'mean',
  isExpectedTruth: (truth: Truth): truth is readonly number[] =>
    Array.isArray(truth) && truth.length > 0 && truth.every((item) => typeof item === 'number' && Number.isInteger(item)),
  kddcup2024: {
    score: (parsed, truth) => ({ kind: 'value', value: calculateHitRate3(parsed, truth) }),
    oddTruth: (parsed, truth) => oddHitRate(parsed, truth),
  },
  shoppingmmlu: {
    score: (output, truth) => mmluResultScore(mmluHitRate(output, truth)),
    oddTruth: (output, truth) => oddHitRate(mmluRetrievedInts(output), truth),
  },
});
