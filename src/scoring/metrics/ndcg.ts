import type { PyInt, Truth } from '../../dataset/row';
import { numericWeights, pyTypeName, raises, type OddTruthScore } from '../odd-truth';
import { mmluNdcg, mmluRankedInts, mmluResultScore } from '../profiles/shoppingmmlu-metrics';
import { defineMetric } from './metric-unit';

/** metrics.calculate_ndcg with its quirks; the caller's truth is not mutated (the original sorts it in place). */
export function calculateNdcg(predicted: readonly PyInt[], truth: readonly number[]): number {
  const trimmed = predicted.slice(0, truth.length);
  let dcg = 0;
  trimmed.forEach((candidate, position) => {
    dcg += gain(relevanceOf(candidate, truth)) / Math.log2(position + 2);
  });
  let idcg = 0;
  [...truth]
    .sort((a, b) => b - a)
    .forEach((weight, position) => {
      idcg += gain(weight) / Math.log2(position + 2);
    });
  // official: `if idcg == 0: return 0` (the int zero) for an all-zero truth
  if (idcg === 0) return 0;
  return dcg / idcg;
}

/** `(np.power(2, rel) - 1)`: V8's Math.pow agrees with numpy's non-SIMD loop for the weights that occur (parity README N2). */
function gain(relevance: number): number {
  return Math.pow(2, relevance) - 1;
}

/** `truth[index - 1] if index - 1 < len(truth) else 0`, with Python negative indexing (index 0 reads truth[-1]). */
function relevanceOf(candidate: PyInt, truth: readonly number[]): number {
  const index = Number(candidate) - 1;
  if (index >= truth.length) return 0;
  const pythonIndex = index < 0 ? truth.length + index : index;
  return truth[pythonIndex] ?? 0;
}

export const ndcg = defineMetric({
  name: 'ndcg',
  description: 'NDCG of the predicted order of five candidates against graded relevance weights.',
  taskType: 'ranking',
  aggregation: 'mean',
  isExpectedTruth: (truth: Truth): truth is readonly number[] => Array.isArray(truth) && truth.every((item) => typeof item === 'number'),
  kddcup2024: {
    score: (parsed, truth) => ({ kind: 'value', value: calculateNdcg(parsed, truth) }),
    oddTruth: kddOddNdcg,
  },
  shoppingmmlu: {
    score: (output, truth) => mmluResultScore(mmluNdcg(output, truth)),
    oddTruth: mmluOddNdcg,
  },
});

/** calculate_ndcg: `len(truth)`, `truth[i - 1]`, `sorted(truth)` and `np.power(2, weight)` on whatever the truth holds. */
function kddOddNdcg(predicted: readonly PyInt[], truth: Truth): OddTruthScore {
  const weights = numericWeights(truth);
  if (weights !== undefined) return { score: { kind: 'value', value: calculateNdcg(predicted, weights) } };
  const type = pyTypeName(truth);
  if (truth === null || (typeof truth !== 'object' && typeof truth !== 'string'))
    return raises('TypeError', `object of type '${type}' has no len()`);
  const length = typeof truth === 'string' ? Array.from(truth).length : Array.isArray(truth) ? truth.length : Object.keys(truth).length;
  // an empty truth: no gain is computed, idcg == 0, and the official guard returns 0
  if (length === 0)
    return { score: { kind: 'value', value: 0 }, why: `the truth is an empty ${type}: idcg is 0 and calculate_ndcg returns 0` };
  const indexed = predicted.slice(0, length).some((rank) => BigInt(rank) - 1n < BigInt(length));
  if (indexed && typeof truth === 'object' && !Array.isArray(truth)) return raises('KeyError', 'a dict truth is indexed by int position');
  return raises('TypeError', `np.power(2, weight) and sorted() need numbers, the truth is a ${type} holding other values`);
}

/** ndcg_eval + ndcg: `len(truth)`, `weight[i - 1]`, `weight.sort()` (a list method) and np.power on the truth as it is. */
function mmluOddNdcg(output: string, truth: Truth): OddTruthScore {
  const weights = numericWeights(truth);
  if (weights !== undefined) return { score: mmluResultScore(mmluNdcg(output, weights)) };
  const type = pyTypeName(truth);
  if (truth === null || (typeof truth !== 'object' && typeof truth !== 'string'))
    return raises('TypeError', `object of type '${type}' has no len()`);
  if (Array.isArray(truth))
    return raises('TypeError', `np.power(2, weight) and sort() need numbers, the truth is a list holding other values`);
  const length = typeof truth === 'string' ? Array.from(truth).length : Object.keys(truth).length;
  const indexed = mmluRankedInts(output)
    .slice(0, length)
    .some((rank) => BigInt(rank) - 1n < BigInt(length));
  if (indexed)
    return typeof truth === 'string'
      ? raises('TypeError', 'np.power(2, a character of the truth)')
      : raises('KeyError', 'a dict truth is indexed by int position');
  return raises('AttributeError', `'${type}' object has no attribute 'sort'`);
}
